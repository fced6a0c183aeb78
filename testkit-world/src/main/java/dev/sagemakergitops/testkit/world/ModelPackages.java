package dev.sagemakergitops.testkit.world;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Registers model package versions by plain SDK calls, the way the register operation (or a team's
 * own pipeline) leaves them, for the tests of what reads them: a package serving one artifact with
 * one image, for CSV in and out.
 *
 * <pre>{@code
 * String arn = cloud.modelPackages().group("churn").image(image).artifact("s3://ml-artifacts/churn/1/model.tar.gz")
 *     .approval(ModelApprovalStatus.APPROVED).ensureGroup().register();
 * }</pre>
 *
 * <p>{@link #register()} moves the virtual clock on until the version is {@code Completed} (the
 * registry validates new versions for a few simulated seconds).
 * Each setter returns a new value, so one prepared registration serves several versions.
 */
public final class ModelPackages {
  /** How long {@link #register()} lets virtual time pass: past the registry's validation. */
  public static final Duration UNTIL_COMPLETED = Duration.ofMinutes(1);

  private final LocalCloud cloud;
  private final SageMakerClient sageMaker;
  private final String group;
  private final String image;
  private final String artifact;
  private final ModelApprovalStatus approval;
  private final Map<String, String> customerMetadata;
  private final java.util.function.Consumer<CreateModelPackageRequest.Builder> extra;
  private final Duration wait;

  ModelPackages(LocalCloud cloud, SageMakerClient sageMaker) {
    this(cloud, sageMaker, "churn", null, null, ModelApprovalStatus.APPROVED, Map.of(), r -> { }, UNTIL_COMPLETED);
  }

  private ModelPackages(LocalCloud cloud, SageMakerClient sageMaker, String group, String image, String artifact, ModelApprovalStatus approval,
      Map<String, String> customerMetadata, java.util.function.Consumer<CreateModelPackageRequest.Builder> extra,
      Duration wait) {
    this.cloud = cloud;
    this.sageMaker = sageMaker;
    this.group = group;
    this.image = image;
    this.artifact = artifact;
    this.approval = approval;
    this.customerMetadata = Map.copyOf(customerMetadata);
    this.extra = extra;
    this.wait = wait;
  }

  /** The model package group (default {@code churn}). */
  public ModelPackages group(String value) {
    return new ModelPackages(cloud, sageMaker, value, image, artifact, approval, customerMetadata, extra, wait);
  }

  /** The serving image, as the version's container will name it. */
  public ModelPackages image(String value) {
    return new ModelPackages(cloud, sageMaker, group, value, artifact, approval, customerMetadata, extra, wait);
  }

  /** The artifact's S3 URI. */
  public ModelPackages artifact(String value) {
    return new ModelPackages(cloud, sageMaker, group, image, value, approval, customerMetadata, extra, wait);
  }

  /** The approval status (default {@code Approved}). */
  public ModelPackages approval(ModelApprovalStatus value) {
    return new ModelPackages(cloud, sageMaker, group, image, artifact, value, customerMetadata, extra, wait);
  }

  /** {@code CustomerMetadataProperties} (default none; SageMaker refuses an empty map, so none is sent then). */
  public ModelPackages customerMetadata(Map<String, String> value) {
    return new ModelPackages(cloud, sageMaker, group, image, artifact, approval, value, extra, wait);
  }

  /** Anything else the request carries ({@code MetadataProperties}, a description). */
  public ModelPackages with(java.util.function.Consumer<CreateModelPackageRequest.Builder> value) {
    return new ModelPackages(cloud, sageMaker, group, image, artifact, approval, customerMetadata, extra.andThen(value), wait);
  }

  /** How long virtual time passes after the registration (default {@link #UNTIL_COMPLETED}; zero: none). */
  public ModelPackages waiting(Duration value) {
    return new ModelPackages(cloud, sageMaker, group, image, artifact, approval, customerMetadata, extra, value);
  }

  /** Creates the group (which must not exist yet). */
  public ModelPackages createGroup() {
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    return this;
  }

  /** Creates the group if it does not exist (asking SageMaker first). */
  public ModelPackages ensureGroup() {
    try {
      sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName(group));
    } catch (SageMakerException e) {
      // SageMaker answers a missing group with a ValidationException, not ResourceNotFound.
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    }
    return this;
  }

  /** Registers the next version of the group (which must exist: {@link #createGroup()}, {@link #ensureGroup()}); returns its ARN. */
  public String register() {
    if (image == null || artifact == null) {
      throw new IllegalStateException("a model package version needs image(...) and artifact(...)");
    }
    String arn = sageMaker.createModelPackage(r -> {
      r.modelPackageGroupName(group)
          .modelApprovalStatus(approval)
          .inferenceSpecification(spec -> spec
              .containers(container -> container.image(image).modelDataUrl(artifact))
              .supportedContentTypes("text/csv")
              .supportedResponseMIMETypes("text/csv"))
          .customerMetadataProperties(customerMetadata.isEmpty() ? null : customerMetadata);
      extra.accept(r);
    }).modelPackageArn();
    if (!wait.isZero()) {
      cloud.advance(wait);
    }
    return arn;
  }
}
