package dev.sagemakergitops.core.operation.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.RegistrySpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceSpecification;
import software.amazon.awssdk.services.sagemaker.model.MetadataProperties;
import software.amazon.awssdk.services.sagemaker.model.MetricsSource;
import software.amazon.awssdk.services.sagemaker.model.ModelMetrics;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelQuality;

/**
 * A model package version to register, resolved: everything {@code CreateModelPackage} needs, as
 * plain data for the operation's state.
 *
 * <p><b>Identity.</b> A version is identified by its group, its model artifact and the serving
 * image's digest: the {@link #registrationKey} hashes exactly these. A version with the same
 * artifact and digest is never registered twice, whatever commit, build or metadata a later run
 * brings. The key is written into the version's description (which SageMaker never lets anyone
 * change), so a search can skip the versions of other artifacts without describing each; and its
 * longer form is the {@code ClientToken}, so a {@code CreateModelPackage} that is retried after a
 * lost answer returns the first version where SageMaker honours the token.
 *
 * @param group the model package group
 * @param image the serving image pinned by digest
 * @param imageDigest the digest alone
 * @param modelDataUrl the model artifact
 * @param trainingJob the training job that produced it, or {@code null}
 * @param approvalStatus {@code ModelApprovalStatus} of the new version
 * @param commitId {@code MetadataProperties.CommitId}
 * @param repository {@code MetadataProperties.Repository}
 * @param generatedBy {@code MetadataProperties.GeneratedBy}: the build's URL
 * @param customerMetadata {@code CustomerMetadataProperties}: lineage by field name
 * @param metricsS3Uri the evaluation report, or {@code null}
 * @param metricsDigest {@code sha256:<hex>} of the evaluation report's bytes, or {@code null}
 * @param registrationKey 12 hex digits over group, artifact and image digest
 * @param clientToken 32 hex digits over the same
 * @param description the version's {@code ModelPackageDescription}, carrying the registration key
 * @param containers an inference pipeline's containers in order, registered together in the one
 *     version ({@code InferenceSpecification.Containers}); empty for a version of one container,
 *     whose container is {@code image} and {@code modelDataUrl}. For a pipeline those two are the first
 *     container's image and the registered artifact, and the identity hashes every container
 */
public record PackageRegistration(
    String group,
    String image,
    String imageDigest,
    String modelDataUrl,
    String trainingJob,
    String approvalStatus,
    String commitId,
    String repository,
    String generatedBy,
    Map<String, String> customerMetadata,
    String metricsS3Uri,
    String metricsDigest,
    String registrationKey,
    String clientToken,
    String description,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Container> containers) {

  /** What the versions accept as input; a versioned package does not require them, a model does. */
  static final List<String> CONTENT_TYPES = List.of("text/csv", "application/json");

  private static final Pattern KEY_IN_DESCRIPTION = Pattern.compile("\\(registration ([0-9a-f]{12})\\)");
  private static final int METADATA_PROPERTY_MAX = 1024;

  public PackageRegistration {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(modelDataUrl, "modelDataUrl");
    customerMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(customerMetadata));
    // A state saved before pipelines has no containers.
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /**
   * One container of a registered pipeline.
   *
   * @param hostname {@code ContainerHostname}, or {@code null}
   * @param image the pinned image
   * @param imageDigest the digest alone
   * @param modelDataUrl its artifact, or {@code null}
   * @param environment its environment variables
   */
  public record Container(String hostname, String image, String imageDigest, String modelDataUrl,
      Map<String, String> environment) {
    public Container {
      environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment == null ? Map.of() : environment));
    }

    ModelPackageContainerDefinition toDefinition() {
      return ModelPackageContainerDefinition.builder().containerHostname(hostname).image(image).imageDigest(imageDigest)
          .modelDataUrl(modelDataUrl).environment(environment.isEmpty() ? null : environment).build();
    }

    boolean matches(ModelPackageContainerDefinition described) {
      boolean sameDigest = imageDigest.equals(described.imageDigest())
          || (described.image() != null && described.image().endsWith("@" + imageDigest));
      return sameDigest && java.util.Objects.equals(modelDataUrl, described.modelDataUrl());
    }
  }

  /**
   * The registration of {@code artifact} in {@code manifest}'s {@code spec.registry.group}.
   *
   * @param metricsDigest the digest of the evaluation report {@code spec.registry.metrics} names,
   *     or {@code null} when it names none
   */
  public static PackageRegistration of(ResolvedManifest manifest, RegisterRequest.Artifact artifact, BuildInfo build,
      String metricsDigest) {
    return of(manifest, artifact, build, metricsDigest, List.of());
  }

  /**
   * As {@link #of(ResolvedManifest, RegisterRequest.Artifact, BuildInfo, String)}, for an inference
   * pipeline whose {@code containers} are registered together (empty: a version of one container).
   */
  public static PackageRegistration of(ResolvedManifest manifest, RegisterRequest.Artifact artifact, BuildInfo build,
      String metricsDigest, List<Container> containers) {
    RegistrySpec registry = Objects.requireNonNull(manifest.manifest().spec().registry(), "spec.registry");
    String digest = manifest.image().digest();
    ContentHash identity = ContentHash.of("model-package")
        .field("group", registry.group())
        .field("modelDataUrl", artifact.s3Uri())
        .field("imageDigest", digest);
    if (!containers.isEmpty()) {
      identity.field("containers", containers.stream().map(c -> List.of(String.valueOf(c.hostname()), c.image(),
          String.valueOf(c.modelDataUrl()))).toList());
    }
    String key = identity.hex(12);
    Lineage lineage = Lineage.of(manifest, build).withModelArtifact(artifact.s3Uri())
        .withTrainingJob(artifact.trainingJob());
    Map<String, String> metadata = new LinkedHashMap<>();
    lineage.fields().forEach((field, value) -> {
      // CustomerMetadataProperties take the tag character class, 1 to 256 characters a value.
      String cleaned = Lineage.tagValue(value);
      if (!cleaned.isEmpty()) {
        metadata.put(field, cleaned);
      }
    });
    String approval = registry.approval() != null ? registry.approval().wireName()
        : RegistrySpec.ApprovalStatus.PENDING_MANUAL_APPROVAL.wireName();
    String shortCommit = manifest.origin().commitId().length() > 12
        ? manifest.origin().commitId().substring(0, 12) : manifest.origin().commitId();
    String description = "Registered by sagemaker-gitops from " + manifest.origin().manifestPath() + " at commit "
        + shortCommit + " (registration " + key + ")";
    return new PackageRegistration(registry.group(), manifest.image().toString(), digest, artifact.s3Uri(),
        artifact.trainingJob(), approval, cut(manifest.origin().commitId()), cut(manifest.origin().repository()),
        cut(build.generatedBy()), metadata, registry.metricsS3Uri(), metricsDigest, key, identity.hex(32),
        description.length() > 1024 ? description.substring(description.length() - 1024) : description,
        containers);
  }

  /** The registration key a version's description carries, if sagemaker-gitops registered it. */
  public static Optional<String> registrationKeyOf(String description) {
    if (description == null) {
      return Optional.empty();
    }
    Matcher matcher = KEY_IN_DESCRIPTION.matcher(description);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** True when {@code described} serves this artifact with this image digest. */
  public boolean matches(DescribeModelPackageResponse described) {
    if (described.inferenceSpecification() == null || !described.inferenceSpecification().hasContainers()) {
      return false;
    }
    if (!containers.isEmpty()) {
      List<ModelPackageContainerDefinition> registered = described.inferenceSpecification().containers();
      return registered.size() == containers.size()
          && java.util.stream.IntStream.range(0, containers.size()).allMatch(i -> containers.get(i).matches(registered.get(i)));
    }
    for (ModelPackageContainerDefinition container : described.inferenceSpecification().containers()) {
      boolean sameDigest = imageDigest.equals(container.imageDigest())
          || (container.image() != null && container.image().endsWith("@" + imageDigest));
      if (sameDigest && modelDataUrl.equals(container.modelDataUrl())) {
        return true;
      }
    }
    return false;
  }

  /** The {@code CreateModelPackage} request of this version. */
  public CreateModelPackageRequest toCreateRequest() {
    CreateModelPackageRequest.Builder request = CreateModelPackageRequest.builder()
        .modelPackageGroupName(group)
        .modelPackageDescription(description)
        .clientToken(clientToken)
        .inferenceSpecification(InferenceSpecification.builder()
            .containers(containers.isEmpty() ? List.of(ModelPackageContainerDefinition.builder()
                .image(image)
                .imageDigest(imageDigest)
                .modelDataUrl(modelDataUrl)
                .build()) : containers.stream().map(Container::toDefinition).toList())
            .supportedContentTypes(CONTENT_TYPES)
            .supportedResponseMIMETypes(CONTENT_TYPES)
            .build())
        .modelApprovalStatus(approvalStatus)
        .metadataProperties(MetadataProperties.builder()
            .commitId(commitId)
            .repository(repository)
            .generatedBy(generatedBy)
            .build())
        .customerMetadataProperties(customerMetadata);
    if (metricsS3Uri != null) {
      request.modelMetrics(ModelMetrics.builder()
          .modelQuality(ModelQuality.builder()
              .statistics(MetricsSource.builder()
                  .contentType("application/json")
                  .s3Uri(metricsS3Uri)
                  .contentDigest(metricsDigest)
                  .build())
              .build())
          .build());
    }
    return request.build();
  }

  private static String cut(String value) {
    return value == null || value.length() <= METADATA_PROPERTY_MAX ? value : value.substring(0, METADATA_PROPERTY_MAX);
  }
}
