package dev.sagemakergitops.core.manifest;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instance types with local NVMe instance storage, which refuse a KMS key for their volumes:
 * "Certain Nitro-based instances include local storage, dependent on the instance type. Local storage
 * volumes are encrypted using a hardware module on the instance. You can't request a KmsKeyId when
 * using an instance type with local storage. ... If you specify a value for KmsKeyId when using any
 * nitro-based instances with local storage, the call to CreateEndpointConfig fails" (botocore
 * {@code CreateEndpointConfigInput.KmsKeyId}; the same for {@code TransformResources.VolumeKmsKeyId}).
 * Which types have instance storage is the EC2 User Guide's "Instance store volumes" list: the families
 * named with a {@code d} for local disk ({@code m5d}, {@code c5d}, {@code r5d}, {@code g4dn},
 * {@code p3dn}, {@code p4d}, {@code p4de}, {@code c6id}, {@code m6id}, {@code r6id}), and families that
 * always come with NVMe storage ({@code g5}, {@code g6}, {@code g6e}, {@code p5}, {@code p5e},
 * {@code p5en}, {@code trn1}, {@code trn1n}).
 */
final class LocalInstanceStorage {
  private static final Pattern FAMILY = Pattern.compile("ml\\.([a-z]+)(\\d+)([a-z-]*)\\..+");
  private static final Set<String> ALWAYS = Set.of("g5", "g6", "g6e", "p5", "p5e", "p5en", "trn1", "trn1n");

  private LocalInstanceStorage() {}

  /** True when {@code instanceType} (such as {@code ml.g4dn.xlarge}) has local instance storage. */
  static boolean has(String instanceType) {
    if (instanceType == null) {
      return false;
    }
    Matcher match = FAMILY.matcher(instanceType);
    if (!match.matches()) {
      return false;
    }
    String family = match.group(1) + match.group(2) + match.group(3);
    return ALWAYS.contains(family) || match.group(3).contains("d");
  }
}
