package dev.sagemakergitops.core.operation.model;

import dev.sagemakergitops.core.aws.ModelPackageContainer;
import dev.sagemakergitops.core.aws.ModelPackageVersion;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ContainerSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The {@link ServingModel} of an inference pipeline: ONE SageMaker model whose {@code Containers}
 * are, in order, either the manifest's {@code spec.model.containers} (each image pinned, each
 * {@code package} read for its artifact) or the containers of a model package version registered
 * with several ({@code spec.model.package}), as they were registered.
 *
 * <p>Its name hashes every container (host name, pinned image, artifact, package, environment), the
 * role and the execution mode; a model of one container never comes here, so its name and its
 * CreateModel request stay what they were.
 */
final class PipelineModelDefinition {
  /** Tag key of the n-th container's image digest (1-based); the lineage tags name the first container's image. */
  static final String CONTAINER_DIGEST_TAG = Lineage.TAG_PREFIX + "container-%d-image-digest";

  private final ServingModels models;
  private final OperationContext context;

  PipelineModelDefinition(ServingModels models, OperationContext context) {
    this.models = models;
    this.context = context;
  }

  /** The pipeline of {@code spec.model.containers}; reads each container's package version. */
  ServingModel define(ResolvedManifest manifest) {
    ModelSpec spec = manifest.manifest().spec().model();
    List<ServingContainer> containers = new ArrayList<>();
    String trainingJob = null;
    for (int i = 0; i < spec.containers().size(); i++) {
      ContainerSpec container = spec.containers().get(i);
      ImageReference pinned = manifest.containerImages().get(i);
      String artifact = container.artifact();
      String packageArn = null;
      if (container.modelPackage() != null) {
        String field = "spec.model.containers[" + i + "].package";
        ModelPackageVersion version = models.approvedVersion(manifest, container.modelPackage(), field);
        if (version.containers().size() != 1) {
          throw ServingModels.located(manifest, field, "model package " + container.modelPackage() + " holds "
              + version.containers().size() + " containers; a pipeline container serves the artifact of a version"
              + " of one container. Name that version in spec.model.package instead, or a one-container version here");
        }
        artifact = version.containers().get(0).modelDataUrl();
        if (artifact == null) {
          throw ServingModels.located(manifest, field, "model package " + container.modelPackage()
              + " has no model artifact (ModelDataUrl); register it with its artifact, or drop package");
        }
        packageArn = version.arn();
        trainingJob = trainingJob != null ? trainingJob : version.customerMetadata().get("training-job");
      }
      containers.add(new ServingContainer(container.hostname(), pinned.toString(), pinned.digest(), artifact,
          packageArn, container.environment()));
    }
    return model(manifest, containers, spec.inferenceExecution(), null, trainingJob);
  }

  /** The pipeline a model package version of several containers was registered as. */
  ServingModel define(ResolvedManifest manifest, ModelPackageVersion version) {
    ModelSpec spec = manifest.manifest().spec().model();
    List<ServingContainer> containers = new ArrayList<>();
    for (ModelPackageContainer container : version.containers()) {
      String pinned = pinned(container);
      if (pinned == null) {
        throw ServingModels.located(manifest, "spec.model.package", "model package " + spec.modelPackage()
            + " names image " + container.image() + " by tag and without an ImageDigest; a pipeline is deployed with"
            + " every image pinned, so register the version with images named by digest");
      }
      if ("Direct".equals(spec.inferenceExecution()) && container.hostname() == null) {
        throw ServingModels.located(manifest, "spec.model.inferenceExecution", "model package " + spec.modelPackage()
            + " has a container without ContainerHostname, and Direct invocation reaches each container by its host"
            + " name; register the version with host names or use Serial");
      }
      containers.add(new ServingContainer(container.hostname(), pinned, pinned.substring(pinned.indexOf('@') + 1),
          container.modelDataUrl(), version.arn(), container.environment()));
    }
    if (!containers.get(0).imageDigest().equals(manifest.image().digest())) {
      throw ServingModels.located(manifest, "spec.image", "spec.image resolves to " + manifest.image().digest()
          + " but the first container of model package " + spec.modelPackage() + " runs "
          + containers.get(0).imageDigest() + "; for a package registered as a pipeline, spec.image names its first"
          + " container's image. Set spec.image to that image");
    }
    return model(manifest, containers, spec.inferenceExecution(), version.arn(),
        version.customerMetadata().get("training-job"));
  }

  private ServingModel model(ResolvedManifest manifest, List<ServingContainer> containers, String inferenceExecution,
      String modelPackageArn, String trainingJob) {
    ModelSpec spec = manifest.manifest().spec().model();
    ContentHash hash = ContentHash.of("pipeline-model")
        .field("containers", containers.stream().map(ServingContainer::hashed).toList())
        .field("modelPackage", modelPackageArn)
        .field("executionRole", spec.executionRoleArn())
        .field("inferenceExecution", inferenceExecution);
    if (spec.network() != null) {
      // As for a model of one container: joins the hash only when set.
      hash.field("network", List.of(spec.network().subnets(), spec.network().securityGroups(),
          spec.network().isolation()));
    }
    String name = ResourceName.of(manifest.name(), hash);
    String artifact = containers.stream().map(ServingContainer::modelDataUrl).filter(u -> u != null).findFirst()
        .orElse(null);
    String packageArn = modelPackageArn != null ? modelPackageArn : containers.stream()
        .map(ServingContainer::modelPackageArn).filter(a -> a != null).findFirst().orElse(null);
    ServingContainer first = containers.get(0);
    Lineage lineage = Lineage.of(manifest, context.build()).withModelArtifact(artifact).withModelPackage(packageArn)
        .withTrainingJob(trainingJob);
    return new ServingModel(name, context.regionOf(manifest), packageArn, first.image(), first.imageDigest(),
        artifact, spec.executionRoleArn(), java.util.Map.of(), ModelSpec.Mode.SINGLE_MODEL.wireName(), lineage,
        containers, inferenceExecution, spec.network());
  }

  /** Adds the pipeline's {@code Containers}, its {@code InferenceExecutionConfig} and a digest tag per container. */
  static void addContainers(CreateModelRequest.Builder request, List<Tag> tags, ServingModel model) {
    List<ContainerDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < model.containers().size(); i++) {
      ServingContainer container = model.containers().get(i);
      definitions.add(ContainerDefinition.builder()
          .containerHostname(container.hostname())
          .image(container.image())
          .modelDataUrl(container.modelDataUrl())
          .environment(container.environment().isEmpty() ? null : container.environment())
          .build());
      tags.add(Tag.builder().key(String.format(CONTAINER_DIGEST_TAG, i + 1)).value(container.imageDigest()).build());
    }
    request.containers(definitions);
    if (model.inferenceExecution() != null) {
      request.inferenceExecutionConfig(InferenceExecutionConfig.builder().mode(model.inferenceExecution()).build());
    }
  }

  /** The registered image named by digest: as registered when it is, else repository and {@code ImageDigest}. */
  private static String pinned(ModelPackageContainer container) {
    if (container.image() != null && container.image().contains("@sha256:")) {
      return container.image();
    }
    if (container.image() == null || container.imageDigest() == null) {
      return null;
    }
    String image = container.image();
    int tag = image.lastIndexOf(':');
    String repository = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
    return repository + "@" + container.imageDigest();
  }
}
