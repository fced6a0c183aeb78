package dev.sagemakergitops.core.lineage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Explainer} found out about a resource from AWS alone: where it came from (the
 * {@link Lineage} its tags and its model package carry), what is live, and where the two disagree.
 *
 * <p>The lineage is the deployment's: for an endpoint, the commit and manifest its live endpoint
 * config was made from. The model package has its own lineage, the build that trained and registered
 * the model, which is usually an earlier commit; it is kept apart in {@link #modelPackage}.
 *
 * @param subject what was explained
 * @param managed true when the resource (or, for an endpoint, its config or a model) carries
 *     {@code sagemaker-gitops:*} lineage; false for resources made by hand or by another tool
 * @param lineage the deployment's lineage; fields nothing recorded are {@code null}
 * @param endpoint the endpoint's live state, or {@code null} when the subject is not an endpoint
 * @param variants the endpoint's production and shadow variants, in the live config's order
 * @param modelPackage the model package version the lineage names, or {@code null} when none is
 *     named or it could not be read (a note says why)
 * @param trainingJob the training job the lineage names, or {@code null}
 * @param notes inconsistencies and warnings, one sentence each, in the order found
 */
public record Explanation(
    Subject subject,
    boolean managed,
    Lineage lineage,
    Endpoint endpoint,
    List<Variant> variants,
    ModelPackage modelPackage,
    TrainingJob trainingJob,
    List<String> notes) {

  public Explanation {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(lineage, "lineage");
    variants = List.copyOf(variants);
    notes = List.copyOf(notes);
  }

  /**
   * The digest the first production variant actually runs ({@code sha256:...}), as SageMaker
   * resolved it when it deployed the variant; {@code null} when unknown.
   */
  public String deployedImageDigest() {
    return variants.stream().filter(v -> !v.shadow()).map(Variant::deployedImageDigest).filter(Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** The explanation as text for a terminal or a build log. */
  public String toText() {
    return ExplanationText.render(this);
  }

  /** The explanation as pretty-printed JSON for machines. */
  public String toJson() {
    return LineageJson.write(ExplanationJson.tree(this));
  }

  /**
   * What was explained.
   *
   * @param kind {@code endpoint}, {@code model-package} or {@code training-job}
   * @param name its name (the package version's ARN for a model package)
   * @param arn its ARN
   * @param region the region it lives in
   */
  public record Subject(String kind, String name, String arn, String region) {
    public Subject {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * An endpoint as {@code DescribeEndpoint} answers it.
   *
   * @param status {@code EndpointStatus}, for example {@code InService}
   * @param configName the live {@code EndpointConfigName}
   * @param createdAt {@code CreationTime}
   * @param lastModifiedAt {@code LastModifiedTime}: when the last deployment finished or failed
   * @param failureReason {@code FailureReason} of the last failed create or update, or {@code null}
   * @param pendingConfigName the config an update in progress is moving to, or {@code null}
   * @param lastDeployment {@code LastDeploymentConfig} in one line, or {@code null}
   * @param rollbackAlarms the alarms {@code LastDeploymentConfig} rolls back on
   */
  public record Endpoint(String status, String configName, Instant createdAt, Instant lastModifiedAt,
      String failureReason, String pendingConfigName, String lastDeployment, List<String> rollbackAlarms) {
    public Endpoint {
      rollbackAlarms = List.copyOf(rollbackAlarms);
    }
  }

  /**
   * One variant of the live endpoint config and the model it serves.
   *
   * @param name the variant's name
   * @param shadow true for a shadow variant (it receives copies of requests, never answers them)
   * @param modelName the model's name
   * @param modelArn the model's ARN, or {@code null} when the model is gone
   * @param image the image the model names (pinned {@code repo@sha256:...}, or a tag)
   * @param deployedImage the image SageMaker resolved and runs ({@code DeployedImages.ResolvedImage}),
   *     or {@code null} when SageMaker did not report it
   * @param modelArtifact the model's {@code ModelDataUrl}
   * @param lineage the lineage the model's own tags carry
   * @param containerImages for a model of several containers (an inference pipeline), every
   *     container's image in order ({@code hostname=image} when it names a host); empty otherwise
   */
  public record Variant(String name, boolean shadow, String modelName, String modelArn, String image,
      String deployedImage, String modelArtifact, Lineage lineage, List<String> containerImages) {
    public Variant {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(lineage, "lineage");
      containerImages = containerImages == null ? List.of() : List.copyOf(containerImages);
    }

    /** A variant whose model has one container. */
    public Variant(String name, boolean shadow, String modelName, String modelArn, String image,
        String deployedImage, String modelArtifact, Lineage lineage) {
      this(name, shadow, modelName, modelArn, image, deployedImage, modelArtifact, lineage, List.of());
    }

    /** The digest part of {@link #deployedImage}, or {@code null}. */
    public String deployedImageDigest() {
      return Images.digestOf(deployedImage);
    }
  }

  /**
   * A model package version as {@code DescribeModelPackage} answers it.
   *
   * @param arn its ARN
   * @param group its group
   * @param version its version, or {@code null} for an unversioned package
   * @param approval {@code ModelApprovalStatus}
   * @param status {@code ModelPackageStatus}
   * @param createdAt {@code CreationTime}: when it was registered
   * @param image the first container's image
   * @param imageDigest the first container's {@code ImageDigest}
   * @param lineage the registration's lineage: {@code MetadataProperties} (commit, repository,
   *     generated by) and {@code CustomerMetadataProperties} (manifest, image, training job), with
   *     the first container's artifact
   * @param customerMetadata every {@code CustomerMetadataProperties} entry, as registered
   */
  public record ModelPackage(String arn, String group, Integer version, String approval, String status,
      Instant createdAt, String image, String imageDigest, Lineage lineage, Map<String, String> customerMetadata) {
    public ModelPackage {
      Objects.requireNonNull(lineage, "lineage");
      customerMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(customerMetadata));
    }
  }

  /**
   * A training job as {@code DescribeTrainingJob} answers it.
   *
   * @param name its name
   * @param arn its ARN
   * @param status {@code TrainingJobStatus}
   * @param secondaryStatus {@code SecondaryStatus}
   * @param artifact {@code ModelArtifacts.S3ModelArtifacts}
   * @param failureReason {@code FailureReason}, or {@code null}
   * @param createdAt {@code CreationTime}
   * @param endedAt {@code TrainingEndTime}, or {@code null} while it runs
   * @param lineage the lineage its tags carry
   */
  public record TrainingJob(String name, String arn, String status, String secondaryStatus, String artifact,
      String failureReason, Instant createdAt, Instant endedAt, Lineage lineage) {
    public TrainingJob {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(lineage, "lineage");
    }
  }
}
