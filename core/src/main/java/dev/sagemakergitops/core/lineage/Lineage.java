package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a resource came from: the facts that explain and reproduce it. Written as tags on every
 * resource that takes tags, as {@code MetadataProperties} and {@code CustomerMetadataProperties} on
 * model packages (which take no tags), and into the deployment record; read back by {@code explain}
 * from AWS alone.
 *
 * <p>Each field may be {@code null} when it does not apply (a model package has no endpoint; a
 * training job has no artifact yet when it starts).
 *
 * @param repository the Git repository, without credentials
 * @param commit the full commit id the manifest was read at
 * @param manifestPath the manifest's path in the repository
 * @param manifestBlob the Git blob id of the manifest
 * @param manifestName the manifest's {@code metadata.name}
 * @param image the image as the manifest names it (usually a tag)
 * @param imageDigest the digest the image was pinned to
 * @param modelArtifact the model artifact's S3 URI
 * @param trainingJob the training job that produced the artifact
 * @param modelPackage the model package version's ARN
 * @param build the build that did it: a URL, or the system's name
 */
public record Lineage(
    String repository,
    String commit,
    String manifestPath,
    String manifestBlob,
    String manifestName,
    String image,
    String imageDigest,
    String modelArtifact,
    String trainingJob,
    String modelPackage,
    String build) {

  /** Tag keys all start with this, so the tool's tags are told apart from a team's own. */
  public static final String TAG_PREFIX = "sagemaker-gitops:";

  // SageMaker's Tag key and value rule; anything else is replaced, so a tag never fails a create.
  private static final Pattern TAG_CHARACTERS = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
  private static final int MAX_TAG_VALUE = 256;

  /** The lineage every resource made from {@code manifest} by {@code build} shares. */
  public static Lineage of(ResolvedManifest manifest, BuildInfo build) {
    return new Lineage(manifest.origin().repository(), manifest.origin().commitId(), manifest.origin().manifestPath(),
        manifest.origin().manifestBlobId(), manifest.name(), manifest.specifiedImage().toString(),
        manifest.image().digest(), null, null, null, build.generatedBy());
  }

  public Lineage withModelArtifact(String value) {
    return new Lineage(repository, commit, manifestPath, manifestBlob, manifestName, image, imageDigest, value,
        trainingJob, modelPackage, build);
  }

  public Lineage withTrainingJob(String value) {
    return new Lineage(repository, commit, manifestPath, manifestBlob, manifestName, image, imageDigest, modelArtifact,
        value, modelPackage, build);
  }

  public Lineage withModelPackage(String value) {
    return new Lineage(repository, commit, manifestPath, manifestBlob, manifestName, image, imageDigest, modelArtifact,
        trainingJob, value, build);
  }

  public Lineage withImage(String specified, String digest) {
    return new Lineage(repository, commit, manifestPath, manifestBlob, manifestName, specified, digest, modelArtifact,
        trainingJob, modelPackage, build);
  }

  /** The fields by their short names, in a stable order, without the absent ones. */
  public Map<String, String> fields() {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "repository", repository);
    put(out, "commit", commit);
    put(out, "manifest-path", manifestPath);
    put(out, "manifest-blob", manifestBlob);
    put(out, "manifest-name", manifestName);
    put(out, "image", image);
    put(out, "image-digest", imageDigest);
    put(out, "model-artifact", modelArtifact);
    put(out, "training-job", trainingJob);
    put(out, "model-package", modelPackage);
    put(out, "build", build);
    return out;
  }

  /**
   * The fields as SageMaker tags: {@code sagemaker-gitops:<field>}. Values are cut to 256
   * characters and characters SageMaker refuses in tags are replaced by {@code _}; the exact values
   * are in the model package's metadata and in the deployment record.
   */
  public Map<String, String> toTags() {
    Map<String, String> out = new LinkedHashMap<>();
    fields().forEach((field, value) -> out.put(TAG_PREFIX + field, tagValue(value)));
    return out;
  }

  /** The lineage a resource's tags carry; fields without a tag are {@code null}. */
  public static Lineage fromTags(Map<String, String> tags) {
    return new Lineage(tag(tags, "repository"), tag(tags, "commit"), tag(tags, "manifest-path"),
        tag(tags, "manifest-blob"), tag(tags, "manifest-name"), tag(tags, "image"), tag(tags, "image-digest"),
        tag(tags, "model-artifact"), tag(tags, "training-job"), tag(tags, "model-package"), tag(tags, "build"));
  }

  /** {@code value} as SageMaker accepts it in a tag. */
  public static String tagValue(String value) {
    String cleaned = TAG_CHARACTERS.matcher(value).replaceAll("_");
    return cleaned.length() > MAX_TAG_VALUE ? cleaned.substring(0, MAX_TAG_VALUE) : cleaned;
  }

  private static String tag(Map<String, String> tags, String field) {
    return tags.get(TAG_PREFIX + field);
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(key, value);
    }
  }
}
