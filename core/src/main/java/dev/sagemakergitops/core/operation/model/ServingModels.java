package dev.sagemakergitops.core.operation.model;

import dev.sagemakergitops.core.aws.ModelPackageLookup;
import dev.sagemakergitops.core.aws.ModelPackageResult;
import dev.sagemakergitops.core.aws.ModelPackageVersion;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ModelPackageReference;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Defines the {@link ServingModel} of a manifest and makes sure it exists.
 *
 * <p>Why the manifest's image and the package's artifact: the manifest is what a pull request
 * reviews, so its pinned image is what serves (and what deploy verification compares against);
 * the package is where the trained artifact and its lineage are registered. A package registered
 * with another image digest is still served with the manifest's image; the difference is reported
 * as an event by the operations, not silently ignored.
 */
public final class ServingModels {
  private final OperationContext context;

  public ServingModels(OperationContext context) {
    this.context = context;
  }

  /**
   * The model {@code manifest} serves. Reads the model package version (one
   * {@code DescribeModelPackageGroup} and one {@code DescribeModelPackage}); changes nothing.
   *
   * @throws OperationInputException when the manifest has no {@code model} section, or its package
   *     does not exist, is not approved, is not completed or has no model artifact
   */
  public ServingModel define(ResolvedManifest manifest) {
    ModelSpec spec = manifest.manifest().spec().model();
    if (spec == null) {
      throw new OperationInputException(manifest.problemAt("spec",
          "this manifest has no 'model' section; add spec.model with the model package to serve"));
    }
    if (spec.isPipeline()) {
      return new PipelineModelDefinition(this, context).define(manifest);
    }
    String region = context.regionOf(manifest);
    ModelPackageVersion version = approvedVersion(manifest, spec.modelPackage(), "spec.model.package");
    if (version.containers().size() > 1) {
      return new PipelineModelDefinition(this, context).define(manifest, version);
    }
    if (spec.inferenceExecution() != null) {
      throw located(manifest, "spec.model.inferenceExecution", "model package " + spec.modelPackage() + " holds one"
          + " container, and inferenceExecution applies to a model of several; remove inferenceExecution");
    }
    String modelDataUrl = version.containers().stream().map(c -> c.modelDataUrl()).filter(u -> u != null)
        .findFirst().orElseThrow(() -> located(manifest, "model package " + spec.modelPackage()
            + " has no model artifact (ModelDataUrl); register it with the training job's artifact"));
    String image = manifest.image().toString();
    String digest = manifest.image().digest();
    ContentHash hash = ContentHash.of("model")
        .field("image", image)
        .field("modelDataUrl", modelDataUrl)
        .field("modelPackage", version.arn())
        .field("executionRole", spec.executionRoleArn())
        .field("environment", spec.environment())
        .field("mode", spec.mode().wireName());
    if (spec.network() != null) {
      // Joins the hash only when set: a manifest without it keeps its model name.
      hash.field("network", List.of(spec.network().subnets(), spec.network().securityGroups(),
          spec.network().isolation()));
    }
    String name = ResourceName.of(manifest.name(), hash);
    Lineage lineage = Lineage.of(manifest, context.build()).withModelArtifact(modelDataUrl)
        .withModelPackage(version.arn())
        .withTrainingJob(version.customerMetadata().get("training-job"));
    return new ServingModel(name, region, version.arn(), image, digest, modelDataUrl, spec.executionRoleArn(),
        spec.environment(), spec.mode().wireName(), lineage, spec.network());
  }

  /**
   * The version {@code reference} names, approved and completed (one {@code DescribeModelPackageGroup}
   * and one {@code DescribeModelPackage}).
   *
   * @throws OperationInputException located at {@code field} when it is missing, not approved or not completed
   */
  ModelPackageVersion approvedVersion(ResolvedManifest manifest, ModelPackageReference reference, String field) {
    ModelPackageResult result = new ModelPackageLookup(context.clients().sageMaker(context.regionOf(manifest)))
        .describe(reference.group(), reference.version());
    ModelPackageVersion version;
    if (result instanceof ModelPackageResult.Found found) {
      version = found.modelPackage();
    } else if (result instanceof ModelPackageResult.GroupNotFound missing) {
      throw located(manifest, field, missing.message());
    } else if (result instanceof ModelPackageResult.VersionNotFound missing) {
      throw located(manifest, field, missing.message());
    } else {
      throw new IllegalStateException(((ModelPackageResult.Failed) result).message());
    }
    if (!version.isApproved()) {
      throw located(manifest, field, "model package " + reference + " is " + version.approvalStatus()
          + ", and SageMaker deploys only Approved versions; approve it in the model registry "
          + "(UpdateModelPackage ModelApprovalStatus=Approved) or name an approved version");
    }
    if (!version.isCompleted()) {
      throw located(manifest, field, "model package " + reference + " is " + version.packageStatus()
          + ", not Completed; wait for its registration to finish");
    }
    return version;
  }

  /** The model's description, if it exists. */
  public Optional<DescribeModelResponse> describe(ServingModel model) {
    return new SageMakerHosting(sageMaker(model)).findModel(model.name());
  }

  /**
   * Creates the model unless it exists (from an earlier run, a crash, or another operation).
   *
   * @return true when this call created it
   */
  public boolean ensure(ServingModel model) {
    return ensureModel(model) == Ensured.CREATED;
  }

  /** What {@link #ensureModel} found or did. */
  public enum Ensured {
    /** This call created the model. */
    CREATED,
    /** DescribeModel did not find it while CreateModel says it exists: created a moment ago (by an earlier poll). */
    NOT_YET_VISIBLE,
    /** It existed and was visible. */
    EXISTED;

    /**
     * True when the model is new to AWS, so the calls that use it wait for it to become visible
     * ({@link dev.sagemakergitops.core.aws.EventualConsistency}).
     */
    public boolean isNew() {
      return this != EXISTED;
    }
  }

  /** Creates the model unless it exists, and says which. */
  public Ensured ensureModel(ServingModel model) {
    if (describe(model).isPresent()) {
      return Ensured.EXISTED;
    }
    List<Tag> tags = new ArrayList<>(model.lineage().toTags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
    CreateModelRequest.Builder request = CreateModelRequest.builder()
        .modelName(model.name())
        .executionRoleArn(model.executionRoleArn());
    if (model.isPipeline()) {
      PipelineModelDefinition.addContainers(request, tags, model);
    } else {
      request.primaryContainer(ContainerDefinition.builder()
          .image(model.image())
          .modelDataUrl(model.modelDataUrl())
          .environment(model.environment().isEmpty() ? null : model.environment())
          .mode(model.mode())
          .build());
    }
    if (model.network() != null) {
      if (model.network().vpc()) {
        request.vpcConfig(v -> v.subnets(model.network().subnets()).securityGroupIds(model.network().securityGroups()));
      }
      if (model.network().isolation()) {
        request.enableNetworkIsolation(true);
      }
    }
    try {
      sageMaker(model).createModel(request.tags(tags).build());
      return Ensured.CREATED;
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        // Describe did not find it, Create says it exists: created a moment ago, not visible yet.
        return Ensured.NOT_YET_VISIBLE;
      }
      throw e;
    }
  }

  private SageMakerClient sageMaker(ServingModel model) {
    return context.clients().sageMaker(model.region());
  }

  private static OperationInputException located(ResolvedManifest manifest, String message) {
    return located(manifest, "spec.model.package", message);
  }

  static OperationInputException located(ResolvedManifest manifest, String field, String message) {
    return new OperationInputException(manifest.problemAt(field, message));
  }
}
