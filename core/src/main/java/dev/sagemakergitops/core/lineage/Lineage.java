package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.redaction.Redaction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> METADATA_PROPERTY_FIELDS = Set.of("repository", "commit", "build");

  /**
   * Every field without URL credentials: lineage becomes tags and model package metadata, which
   * anyone who may describe the resource reads, so a token in a build URL or a Git remote stops here.
   */
  public Lineage {
    repository = Redaction.withoutUrlCredentials(repository);
    commit = Redaction.withoutUrlCredentials(commit);
    manifestPath = Redaction.withoutUrlCredentials(manifestPath);
    manifestBlob = Redaction.withoutUrlCredentials(manifestBlob);
    manifestName = Redaction.withoutUrlCredentials(manifestName);
    image = Redaction.withoutUrlCredentials(image);
    imageDigest = Redaction.withoutUrlCredentials(imageDigest);
    modelArtifact = Redaction.withoutUrlCredentials(modelArtifact);
    trainingJob = Redaction.withoutUrlCredentials(trainingJob);
    modelPackage = Redaction.withoutUrlCredentials(modelPackage);
    build = Redaction.withoutUrlCredentials(build);
  }

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

  /**
   * The fields a model package version keeps in {@code CustomerMetadataProperties}, by their short
   * names ({@code manifest-path}, {@code image-digest}, {@code training-job} ...). Repository,
   * commit and build are left out: they have their own places in {@code MetadataProperties}
   * ({@code Repository}, {@code CommitId}, {@code GeneratedBy}); so is the package itself. Values
   * obey the same rule as tag values.
   */
  public Map<String, String> toCustomerMetadata() {
    Map<String, String> out = new LinkedHashMap<>();
    fields().forEach((field, value) -> {
      if (!METADATA_PROPERTY_FIELDS.contains(field) && !field.equals("model-package")) {
        out.put(field, tagValue(value));
      }
    });
    return out;
  }

  /**
   * The lineage a model package version carries: {@code MetadataProperties} (commit, repository,
   * generated by) and the short names of {@link #toCustomerMetadata()} in
   * {@code CustomerMetadataProperties}. Keys with the tag prefix ({@code sagemaker-gitops:image})
   * are read too, so a package registered either way explains itself.
   *
   * @param arn the package version's ARN, recorded as {@link #modelPackage}
   */
  public static Lineage fromModelPackage(String arn, String commitId, String repository, String generatedBy,
      Map<String, String> customerMetadata) {
    return new Lineage(repository, commitId, metadata(customerMetadata, "manifest-path"),
        metadata(customerMetadata, "manifest-blob"), metadata(customerMetadata, "manifest-name"),
        metadata(customerMetadata, "image"), metadata(customerMetadata, "image-digest"),
        metadata(customerMetadata, "model-artifact"), metadata(customerMetadata, "training-job"), arn, generatedBy);
  }

  /** This lineage with each absent field taken from {@code fallback}. */
  public Lineage or(Lineage fallback) {
    return new Lineage(first(repository, fallback.repository), first(commit, fallback.commit),
        first(manifestPath, fallback.manifestPath), first(manifestBlob, fallback.manifestBlob),
        first(manifestName, fallback.manifestName), first(image, fallback.image),
        first(imageDigest, fallback.imageDigest), first(modelArtifact, fallback.modelArtifact),
        first(trainingJob, fallback.trainingJob), first(modelPackage, fallback.modelPackage),
        first(build, fallback.build));
  }

  /** True when no field is known. */
  public boolean isEmpty() {
    return fields().isEmpty();
  }

  /** A lineage that knows nothing. */
  public static Lineage none() {
    return new Lineage(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@code value} as SageMaker accepts it in a tag. */
  public static String tagValue(String value) {
    String cleaned = TAG_CHARACTERS.matcher(value).replaceAll("_");
    return cleaned.length() > MAX_TAG_VALUE ? cleaned.substring(0, MAX_TAG_VALUE) : cleaned;
  }

  private static String tag(Map<String, String> tags, String field) {
    return tags.get(TAG_PREFIX + field);
  }

  private static String metadata(Map<String, String> customerMetadata, String field) {
    String plain = customerMetadata.get(field);
    return plain != null ? plain : customerMetadata.get(TAG_PREFIX + field);
  }

  private static String first(String value, String fallback) {
    return value != null && !value.isEmpty() ? value : fallback;
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(key, value);
    }
  }
}
