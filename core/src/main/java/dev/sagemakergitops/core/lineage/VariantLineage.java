package dev.sagemakergitops.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a production variant with its own model serves, as one endpoint tag:
 * {@code sagemaker-gitops:variant:<variant>} = {@code <group>/<version> <image digest> <model name>}.
 *
 * <p>Why one tag per variant, and only for variants with their own model: SageMaker allows 50 tags
 * per resource, keys of 128 and values of 256 characters (botocore {@code TagKey}, {@code TagValue},
 * {@code TagList} max 50). The endpoint already carries the 13 tags of the tool (lineage of
 * {@code spec.model}, intent) and up to 37 labels; one tag per variant keeps 10 variants within 50
 * once the manifest's labels leave room for them (the loader refuses labels plus variants with their
 * own model above 37). The key is at most 25 + 63 characters (a variant name has at most 63); the
 * value at most 63 (group) + 10 (version) + 71 (digest) + 63 (model name) + 2 spaces = 209. The
 * artifact, whose S3 URI can be 1024 characters, is not in it: the named model carries it in its own
 * {@code sagemaker-gitops:model-artifact} tag (and SageMaker in its {@code ModelDataUrl}), and the
 * deployment record keeps it exactly.
 *
 * @param variant the production variant's name
 * @param modelPackage the package version it serves, {@code group/version}
 * @param imageDigest the digest its image was pinned to
 * @param modelName the SageMaker model it serves
 * @param modelArtifact the artifact (S3 URI), or {@code null} when read back from a tag
 * @param modelPackageArn the package version's ARN, or {@code null} when read back from a tag
 */
public record VariantLineage(String variant, String modelPackage, String imageDigest, String modelName,
    String modelArtifact, String modelPackageArn) {

  /** Keys of variant tags start with this. */
  public static final String TAG_KEY_PREFIX = Lineage.TAG_PREFIX + "variant:";

  /** The variant lineage of a model: its package ARN gives {@code group/version}. */
  public static VariantLineage of(String variant, String modelName, Lineage model) {
    return new VariantLineage(variant, shortPackage(model.modelPackage()), model.imageDigest(), modelName,
        model.modelArtifact(), model.modelPackage());
  }

  /** The tag key of this variant. */
  public String tagKey() {
    return TAG_KEY_PREFIX + variant;
  }

  /** The tag value: package, digest and model name, separated by spaces. */
  public String tagValue() {
    return Lineage.tagValue(String.join(" ", nonNull(modelPackage), nonNull(imageDigest), nonNull(modelName)));
  }

  /** The tags of {@code variants}, in order. */
  public static Map<String, String> toTags(List<VariantLineage> variants) {
    Map<String, String> tags = new LinkedHashMap<>();
    variants.forEach(v -> tags.put(v.tagKey(), v.tagValue()));
    return tags;
  }

  /** The variant lineages {@code tags} carry, in tag order. */
  public static List<VariantLineage> fromTags(Map<String, String> tags) {
    List<VariantLineage> out = new ArrayList<>();
    tags.forEach((key, value) -> parse(key, value).ifPresent(out::add));
    return out;
  }

  private static Optional<VariantLineage> parse(String key, String value) {
    if (!key.startsWith(TAG_KEY_PREFIX) || value == null) {
      return Optional.empty();
    }
    String[] parts = value.split(" ", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    return Optional.of(new VariantLineage(key.substring(TAG_KEY_PREFIX.length()), blankToNull(parts[0]),
        blankToNull(parts[1]), blankToNull(parts[2]), null, null));
  }

  /** {@code group/version} of a model package version ARN ({@code ...:model-package/group/7}), or the ARN itself. */
  static String shortPackage(String arn) {
    if (arn == null) {
      return null;
    }
    int at = arn.indexOf(":model-package/");
    return at < 0 ? arn : arn.substring(at + ":model-package/".length());
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
