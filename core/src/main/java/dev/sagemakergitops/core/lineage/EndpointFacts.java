package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.IntentTag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;

/**
 * The endpoint part of an explanation: each variant's model, image and artifact, the endpoint's
 * status and last deployment, and the notes they call for (health, images not pinned or not the
 * ones recorded).
 */
final class EndpointFacts {
  private EndpointFacts() {}

  /**
   * Reads the model of one configured variant into {@code variants} (and its container into
   * {@code productionContainers} unless a shadow); true when the model carries the tool's tags.
   */
  static boolean variant(ExplanationReading reading, DescribeEndpointResponse endpoint, ProductionVariant configured,
      boolean shadow, List<Explanation.Variant> variants, List<ContainerDefinition> productionContainers) {
    String modelName = configured.modelName();
    Optional<DescribeModelResponse> model = modelName == null ? Optional.empty()
        : reading.read(() -> reading.sageMaker.describeModel(r -> r.modelName(modelName)),
            "model " + modelName + " of variant " + configured.variantName() + " no longer exists",
            "model " + modelName);
    ContainerDefinition container = model.map(EndpointFacts::containerOf).orElse(null);
    TaggedLineage tags = model.map(m -> reading.tags(m.modelArn(), "model " + modelName)).orElse(TaggedLineage.NONE);
    String image = container == null ? null : container.image();
    variants.add(new Explanation.Variant(configured.variantName(), shadow, modelName,
        model.map(DescribeModelResponse::modelArn).orElse(null), image,
        deployedImage(endpoint, configured.variantName(), shadow, image), artifactOf(container), tags.lineage(),
        model.map(EndpointFacts::pipelineImages).orElse(List.of())));
    if (!shadow && container != null) {
      productionContainers.add(container);
    }
    return tags.ours();
  }

  /** An inference pipeline's images, container by container ({@code hostname=image}); empty for one container. */
  static List<String> pipelineImages(DescribeModelResponse model) {
    if (!model.hasContainers() || model.containers().size() < 2) {
      return List.of();
    }
    return model.containers().stream().map(c -> c.containerHostname() == null ? c.image()
        : c.containerHostname() + "=" + c.image()).toList();
  }

  static ContainerDefinition containerOf(DescribeModelResponse model) {
    if (model.primaryContainer() != null) {
      return model.primaryContainer();
    }
    return model.containers().isEmpty() ? null : model.containers().get(0);
  }

  static String artifactOf(ContainerDefinition container) {
    if (container == null) {
      return null;
    }
    if (container.modelDataUrl() != null) {
      return container.modelDataUrl();
    }
    return container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null
        ? container.modelDataSource().s3DataSource().s3Uri() : null;
  }

  /** The image SageMaker runs for the variant: the deployed image resolved from {@code specified}, else the first. */
  static String deployedImage(DescribeEndpointResponse endpoint, String variantName, boolean shadow,
      String specified) {
    List<ProductionVariantSummary> summaries = shadow ? endpoint.shadowProductionVariants() : endpoint.productionVariants();
    List<DeployedImage> images = summaries.stream().filter(s -> variantName.equals(s.variantName()))
        .map(ProductionVariantSummary::deployedImages).findFirst().orElse(List.of());
    return images.stream().filter(i -> Objects.equals(i.specifiedImage(), specified)).findFirst()
        .or(() -> images.stream().findFirst()).map(DeployedImage::resolvedImage).orElse(null);
  }

  static Explanation.Endpoint endpointFacts(DescribeEndpointResponse endpoint) {
    DeploymentConfig deployment = endpoint.lastDeploymentConfig();
    List<String> alarms = deployment == null || deployment.autoRollbackConfiguration() == null ? List.of()
        : deployment.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
    return new Explanation.Endpoint(endpoint.endpointStatusAsString(), endpoint.endpointConfigName(),
        endpoint.creationTime(), endpoint.lastModifiedTime(), endpoint.failureReason(),
        endpoint.pendingDeploymentSummary() == null ? null : endpoint.pendingDeploymentSummary().endpointConfigName(),
        describe(deployment), alarms);
  }

  /** {@code LastDeploymentConfig} in one line, for example {@code blue/green CANARY 1 INSTANCE_COUNT, bake 600 s}. */
  static String describe(DeploymentConfig deployment) {
    if (deployment == null) {
      return null;
    }
    if (deployment.rollingUpdatePolicy() != null) {
      var rolling = deployment.rollingUpdatePolicy();
      return "rolling, batches of " + size(rolling.maximumBatchSize()) + ", wait " + rolling.waitIntervalInSeconds() + " s";
    }
    if (deployment.blueGreenUpdatePolicy() == null) {
      return deployment.autoRollbackConfiguration() == null ? null : "blue/green ALL_AT_ONCE (SageMaker's default)";
    }
    var blueGreen = deployment.blueGreenUpdatePolicy();
    TrafficRoutingConfig routing = blueGreen.trafficRoutingConfiguration();
    StringBuilder out = new StringBuilder("blue/green ").append(routing.typeAsString());
    if (routing.canarySize() != null) {
      out.append(" ").append(size(routing.canarySize()));
    }
    if (routing.linearStepSize() != null) {
      out.append(" steps of ").append(size(routing.linearStepSize()));
    }
    out.append(", bake ").append(routing.waitIntervalInSeconds()).append(" s");
    if (blueGreen.terminationWaitInSeconds() != null) {
      out.append(", termination wait ").append(blueGreen.terminationWaitInSeconds()).append(" s");
    }
    return out.toString();
  }

  static String size(CapacitySize size) {
    return size.value() + ("CAPACITY_PERCENT".equals(size.typeAsString()) ? "%" : " instance(s)");
  }

  /** The endpoint's health; without its inference experiments when they cannot be listed (noted). */
  static EndpointHealth health(ExplanationReading reading, DescribeEndpointResponse endpoint, IntentTag intent) {
    try {
      return new EndpointHealthReader(reading.sageMaker).classify(endpoint, intent, null);
    } catch (AwsServiceException e) {
      reading.note("could not list the inference experiments: " + SageMakerErrors.code(e) + ": "
          + SageMakerErrors.message(e));
      return EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, null, List.of());
    }
  }

  /**
   * Notes how the endpoint stands, as the one classifier of endpoint health reads it. SageMaker's
   * {@code FailureReason} is quoted, but alone it says nothing about the live configuration: it
   * outlives failed scaling and patching.
   */
  static void noteEndpointState(ExplanationReading reading, EndpointHealth health) {
    String name = health.endpointName();
    switch (health.state()) {
      case FAILED:
      case UPDATE_ROLLBACK_FAILED:
        reading.note("endpoint " + name + " is " + health.endpointStatus()
            + (health.failureReason() == null ? "" : ": " + health.failureReason()));
        return;
      case ROLLED_BACK:
        reading.note(health.message() + (health.intent().commit() == null ? "" : " (deployed from commit "
            + health.intent().commit() + ")") + (health.failureReason() == null ? "" : ": " + health.failureReason()));
        return;
      case CHANGED_OUTSIDE_GIT:
      case SHADOW_TEST:
      case SCALING:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
        reading.note(health.message());
        break;
      case DEPLOYING:
      case UPDATING_ELSEWHERE:
        reading.note("a deployment of endpoint config " + health.pendingConfig() + " is in progress ("
            + health.endpointStatus() + "); the variants shown are the live ones");
        break;
      default:
        break;
    }
    if (health.failureReason() != null && !health.failureReason().isBlank()) {
      reading.note("SageMaker reports a FailureReason for " + name + " (from an earlier update, scaling or patching;"
          + " alone it does not mean the configuration it serves failed): " + health.failureReason());
    }
  }

  static void noteImage(ExplanationReading reading, Explanation.Variant variant, Lineage deployment) {
    // A shadow variant runs another model by design: only its own lineage says what it should run.
    String pinned = variant.lineage().imageDigest() != null ? variant.lineage().imageDigest()
        : variant.shadow() ? null : deployment.imageDigest();
    String running = variant.deployedImageDigest();
    String kind = variant.shadow() ? "shadow variant " : "variant ";
    if (variant.modelName() != null && variant.image() != null && variant.deployedImage() == null) {
      reading.note("SageMaker reports no deployed image for " + kind + variant.name()
          + " (DeployedImages), so the digest it runs is unknown");
    }
    if (Images.differ(pinned, running)) {
      reading.note(kind + variant.name() + " runs " + running + ", but its lineage says the manifest pinned " + pinned
          + (deployment.image() == null ? "" : " (" + deployment.image() + ")")
          + "; the running image is not the one recorded");
    }
    if (variant.image() != null && Images.digestOf(variant.image()) == null) {
      reading.note("model " + variant.modelName() + " names its image by tag (" + variant.image() + "), not by digest;"
          + (variant.deployedImage() == null ? "" : " SageMaker resolved it to " + variant.deployedImage() + ";")
          + " a later push to the tag changes what a redeploy runs");
    }
  }
}
