package dev.sagemakergitops.core.manifest;

import java.util.regex.Pattern;

/**
 * A KMS key as SageMaker takes it ({@code KmsKeyId}, {@code VolumeKmsKeyId}): "Key ID:
 * 1234abcd-12ab-34cd-56ef-1234567890ab; Key ARN:
 * arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab; Alias name:
 * alias/ExampleAlias; Alias name ARN: arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias"
 * (botocore {@code CreateEndpointConfigInput.KmsKeyId}); at most 2048 characters of
 * {@code [a-zA-Z0-9:/_-]} (botocore shape {@code KmsKeyId}). Multi-Region keys have ids
 * {@code mrk-} and 32 hex digits (KMS Developer Guide, multi-region-keys-overview).
 */
final class KmsKeyBinder {
  private static final String KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
  private static final String ALIAS = "alias/[a-zA-Z0-9/_-]{1,250}";
  private static final String ARN = "arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:";
  static final Pattern KMS_KEY = Pattern.compile(KEY_ID + "|" + ALIAS + "|" + ARN + "key/" + KEY_ID + "|" + ARN + ALIAS);
  static final String EXPECTED = "a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab), key ARN "
      + "(arn:aws:kms:us-east-1:123456789012:key/<id>), alias name (alias/ExampleAlias) or alias ARN "
      + "(arn:aws:kms:us-east-1:123456789012:alias/ExampleAlias)";

  private KmsKeyBinder() {}

  /** The key at {@code key}, or {@code null} when absent or malformed (a located problem then). */
  static String bind(YamlMapping node, String key) {
    return node.matching(key, false, KMS_KEY, 2048, EXPECTED);
  }
}
