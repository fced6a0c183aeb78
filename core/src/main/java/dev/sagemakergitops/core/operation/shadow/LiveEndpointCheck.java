package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Reads the live endpoint a shadow test runs beside and checks it against SageMaker's shadow-test
 * exclusions before anything is created: it must exist and be {@code InService}, with exactly one
 * instance-backed production variant, no shadow variant of its own, no asynchronous inference, no
 * Inf1 instances or Elastic Inference, and a single-container, single-model model. The manifest's
 * loader checks the same of the manifest; this checks what actually runs, which may have drifted.
 * Reads only: DescribeEndpoint, DescribeEndpointConfig, DescribeModel.
 */
final class LiveEndpointCheck {
  private final SageMakerClient sageMaker;

  LiveEndpointCheck(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** The production variant, or empty with the reasons added to {@code problems}. */
  Optional<ProductionVariant> productionVariant(ResolvedManifest manifest, String endpointName,
      List<ManifestProblem> problems) {
    Optional<DescribeEndpointResponse> found = new SageMakerHosting(sageMaker).findEndpoint(endpointName);
    if (found.isEmpty()) {
      problems.add(manifest.problemAt("spec.endpoint.name", "endpoint " + endpointName + " does not exist; a shadow "
          + "test runs beside the live endpoint, so deploy it first (safeDeploy), then run the shadow test"));
      return Optional.empty();
    }
    DescribeEndpointResponse endpoint = found.get();
    String status = endpoint.endpointStatusAsString();
    if (!EndpointHealthClassifier.isInService(status)) {
      problems.add(manifest.problemAt("spec.endpoint.name", "endpoint " + endpointName + " is " + status
          + ", and a shadow test needs it InService; wait for the change in progress to finish"
          + (endpoint.failureReason() == null ? "" : " (" + endpoint.failureReason() + ")") + ", then run again"));
      return Optional.empty();
    }
    List<ProductionVariantSummary> variants = endpoint.productionVariants();
    if (variants.size() != 1) {
      problems.add(manifest.problemAt("spec.endpoint.variants", "the live endpoint " + endpointName + " has "
          + variants.size() + " production variants (" + variants.stream().map(ProductionVariantSummary::variantName)
              .collect(Collectors.joining(", ")) + "); SageMaker shadow tests need exactly one. Deploy the "
          + "one-variant manifest first"));
      return Optional.empty();
    }
    if (endpoint.hasShadowProductionVariants() && !endpoint.shadowProductionVariants().isEmpty()) {
      problems.add(manifest.problemAt("spec.shadowTest", "endpoint " + endpointName + " already has a shadow variant "
          + "in its configuration (ShadowProductionVariants); SageMaker allows one shadow per endpoint"));
      return Optional.empty();
    }
    ProductionVariantSummary live = variants.get(0);
    if (live.currentServerlessConfig() != null) {
      problems.add(manifest.problemAt("spec.endpoint.variants", "variant " + live.variantName() + " of endpoint "
          + endpointName + " is serverless, and SageMaker does not shadow test serverless endpoints"));
      return Optional.empty();
    }
    DescribeEndpointConfigResponse config = sageMaker.describeEndpointConfig(
        r -> r.endpointConfigName(endpoint.endpointConfigName()));
    var configured = config.productionVariants().stream().filter(v -> v.variantName().equals(live.variantName()))
        .findFirst().orElse(config.productionVariants().get(0));
    if (config.asyncInferenceConfig() != null) {
      problems.add(manifest.problemAt("spec.endpoint", "endpoint " + endpointName + " runs asynchronous inference, "
          + "which SageMaker does not shadow test"));
    }
    if (configured.serverlessConfig() != null || configured.instanceTypeAsString() == null) {
      problems.add(manifest.problemAt("spec.endpoint.variants", "variant " + live.variantName() + " of endpoint "
          + endpointName + " is serverless, and SageMaker does not shadow test serverless endpoints"));
      return Optional.empty();
    }
    if (configured.instanceTypeAsString().startsWith("ml.inf1.")) {
      problems.add(manifest.problemAt("spec.endpoint.variants", "variant " + live.variantName() + " of endpoint "
          + endpointName + " runs on " + configured.instanceTypeAsString() + ", and SageMaker does not shadow test "
          + "Inf1 instances"));
    }
    if (configured.acceleratorTypeAsString() != null) {
      problems.add(manifest.problemAt("spec.endpoint.variants", "variant " + live.variantName() + " of endpoint "
          + endpointName + " uses Elastic Inference, which SageMaker does not shadow test"));
    }
    checkModel(manifest, endpointName, configured.modelName(), problems);
    int current = live.currentInstanceCount() == null ? configured.initialInstanceCount()
        : live.currentInstanceCount();
    return Optional.of(new ProductionVariant(endpoint.endpointConfigName(), live.variantName(), configured.modelName(),
        configured.instanceTypeAsString(), configured.initialInstanceCount(), current));
  }

  private void checkModel(ResolvedManifest manifest, String endpointName, String modelName,
      List<ManifestProblem> problems) {
    DescribeModelResponse model = sageMaker.describeModel(r -> r.modelName(modelName));
    if (model.hasContainers() && model.containers().size() > 1) {
      problems.add(manifest.problemAt("spec.endpoint", "endpoint " + endpointName + " serves model " + modelName
          + " with " + model.containers().size() + " containers, and SageMaker does not shadow test multi-container "
          + "endpoints"));
    }
    boolean multiModel = (model.primaryContainer() != null && "MultiModel".equals(model.primaryContainer().modeAsString()))
        || (model.hasContainers() && model.containers().stream().anyMatch(c -> "MultiModel".equals(c.modeAsString())));
    if (multiModel) {
      problems.add(manifest.problemAt("spec.endpoint", "endpoint " + endpointName + " serves model " + modelName
          + " in MultiModel mode, and SageMaker does not shadow test multi-model endpoints"));
    }
  }
}
