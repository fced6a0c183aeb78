package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfigSummary;

/**
 * Finds an experiment an earlier run of this shadow test started, for a run that begins with no
 * saved state (the state was lost, or the test is run again).
 *
 * <p>While that experiment hosts its shadow, the endpoint serves a configuration SageMaker made,
 * with a shadow variant: it cannot be read as a production to test beside (SageMaker allows one
 * shadow per endpoint), and its configuration name is not the one the experiment was named after.
 * And while a promotion's safe deploy updates the endpoint, it is not {@code InService}. In both
 * cases the run attaches to the experiment instead, and goes on from where it is.
 */
final class EarlierRun {
  /** The experiment statuses that are not final [botocore {@code InferenceExperimentStatus}]. */
  private static final Set<String> UNFINISHED = Set.of("Creating", "Created", "Updating", "Starting", "Running",
      "Stopping");

  private EarlierRun() {}

  /**
   * The experiment of {@code shadowModel} on {@code endpoint} that a run of this test started, when
   * the endpoint is busy with it: unfinished while the endpoint shows a shadow variant, or stopped
   * by this tool while the endpoint is being updated (a promotion in flight).
   */
  static Optional<DescribeInferenceExperimentResponse> busyWith(SageMakerClient sageMaker,
      DescribeEndpointResponse endpoint, String shadowModel) {
    boolean hostsShadow = endpoint.hasShadowProductionVariants() && !endpoint.shadowProductionVariants().isEmpty();
    boolean updating = !EndpointHealthClassifier.isInService(endpoint.endpointStatusAsString());
    if (!hostsShadow && !updating) {
      return Optional.empty();
    }
    String prefix = endpoint.endpointName() + "-shadow-";
    SageMakerHosting hosting = new SageMakerHosting(sageMaker);
    for (InferenceExperimentSummary candidate : sageMaker.listInferenceExperiments(r -> r.nameContains(prefix)
        .sortBy("CreationTime").sortOrder("Descending").maxResults(10)).inferenceExperiments()) {
      Optional<DescribeInferenceExperimentResponse> found = hosting.findInferenceExperiment(candidate.name());
      if (found.isEmpty() || !shadowModel.equals(shadowModelOf(found.get()))) {
        continue;
      }
      boolean unfinished = UNFINISHED.contains(found.get().statusAsString());
      if ((hostsShadow && unfinished) || (updating && !unfinished && stoppedByThisTool(found.get()))) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Production as the earlier experiment ran it: its variant, model and instances. */
  static ProductionVariant productionOf(DescribeInferenceExperimentResponse earlier) {
    String variant = earlier.shadowModeConfig().sourceModelVariantName();
    ModelVariantConfigSummary production = earlier.modelVariants().stream()
        .filter(v -> v.variantName().equals(variant)).findFirst().orElseThrow();
    var instances = production.infrastructureConfig().realTimeInferenceConfig();
    String config = earlier.endpointMetadata() == null ? null : earlier.endpointMetadata().endpointConfigName();
    return new ProductionVariant(config, variant, production.modelName(), instances.instanceTypeAsString(),
        instances.instanceCount(), instances.instanceCount());
  }

  /** Takes over an earlier experiment: its name, production variant and shadow variant. */
  static ExperimentDefinition adopt(ExperimentDefinition wanted, DescribeInferenceExperimentResponse earlier) {
    String productionVariant = earlier.shadowModeConfig().sourceModelVariantName();
    String productionModel = earlier.modelVariants().stream().filter(v -> v.variantName().equals(productionVariant))
        .map(ModelVariantConfigSummary::modelName).findFirst().orElse(wanted.production().modelName());
    ProductionVariant before = wanted.production();
    ProductionVariant production = new ProductionVariant(before.endpointConfigName(), productionVariant,
        productionModel, before.instanceType(), before.configuredInstanceCount(), before.currentInstanceCount());
    String shadowVariant = earlier.shadowModeConfig().shadowModelVariants().get(0).shadowModelVariantName();
    return new ExperimentDefinition(earlier.name(), wanted.region(), wanted.endpointName(), wanted.roleArn(),
        production, wanted.shadowModel(), shadowVariant, wanted.shadowInstanceType(), wanted.shadowInstanceCount(),
        wanted.test(), wanted.dataCaptureS3Uri(), wanted.runKey(), wanted.tags());
  }

  /** The model the experiment's shadow variant serves. */
  static String shadowModelOf(DescribeInferenceExperimentResponse experiment) {
    String shadowVariant = experiment.shadowModeConfig().shadowModelVariants().get(0).shadowModelVariantName();
    return experiment.modelVariants().stream().filter(v -> v.variantName().equals(shadowVariant))
        .map(ModelVariantConfigSummary::modelName).findFirst().orElse(null);
  }

  /**
   * True when this tool ended the experiment. The {@code Reason} it stops with says so; where
   * SageMaker does not keep that reason, an experiment completed well before its scheduled end was
   * stopped by someone, and this tool is the one that stops experiments early.
   */
  static boolean stoppedByThisTool(DescribeInferenceExperimentResponse experiment) {
    if (experiment.statusReason() != null && experiment.statusReason().startsWith(ShadowTestOperation.REASON_MARKER)) {
      return true;
    }
    Instant end = experiment.schedule() == null ? null : experiment.schedule().endTime();
    return "Completed".equals(experiment.statusAsString()) && experiment.completionTime() != null && end != null
        && experiment.completionTime().isBefore(end.minus(Duration.ofMinutes(1)));
  }
}
