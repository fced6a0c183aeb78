package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import java.util.List;
import java.util.Map;

/**
 * What an inference experiment does to its endpoint: the endpoint configurations SageMaker makes
 * for it, and what {@code StopInferenceExperiment}'s variant actions leave behind.
 *
 * <p>Sources. Endpoint configurations are immutable, and a shadow variant is hosted through a
 * configuration's {@code ShadowProductionVariants} (botocore {@code DescribeEndpointOutput}:
 * "one for each model that you want to host at this endpoint in shadow mode"), so while an
 * experiment runs the endpoint serves a configuration SageMaker made, with production and the
 * shadow; the experiment's role is the one that "manage[s] Amazon SageMaker Inference endpoints for
 * model deployment" (botocore {@code CreateInferenceExperimentRequest.RoleArn}).
 * {@code ModelVariantActions}: "Promote - Promote the shadow variant to a production variant;
 * Remove - Delete the variant; Retain - Keep the variant as it is"; {@code DesiredModelVariants}:
 * "one for each variant that you want to deploy after the inference experiment stops" (botocore
 * {@code StopInferenceExperimentRequest}). Promote "removes your current production variant from
 * production and replaces it with your shadow variant" (Developer Guide, shadow-tests-complete). "After
 * the test is complete, the endpoint reverts to the state it was in prior to starting the test"
 * (Developer Guide, shadow-tests-create).
 *
 * <p>Undocumented, chosen here: the names of SageMaker's configurations
 * ({@code sagemaker-ie-<20 hex>}, harder on a tool than keeping a known name); that a promoted
 * variant keeps the shadow's name (the API names no other), so it gets a new configuration with
 * that one production variant; that a removed shadow returns the endpoint to the very configuration
 * it served before (the Developer Guide's "reverts to the state it was in"); and the switches
 * happen at once, without an {@code Updating} phase.
 *
 * <p>Application Auto Scaling: "Removing a production variant that has automatic scaling
 * configured" is among the endpoint changes that need the variant deregistered first (Developer
 * Guide, endpoint-scaling-update, https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html).
 * Whether SageMaker refuses the stop or fails the endpoint update behind it is undocumented; the
 * harder reading for the caller, taken here, is a {@code ValidationException} on the stop, with
 * nothing changed.
 */
final class InferenceExperimentEndpoint {
  private final HostingService hosting;

  InferenceExperimentEndpoint(HostingService hosting) {
    this.hosting = hosting;
  }

  /**
   * The shadow variant is ready: the endpoint moves to a configuration SageMaker makes, production
   * as it was plus the shadow under {@code ShadowProductionVariants}.
   */
  void hostShadow(InferenceExperiment experiment) {
    Endpoint endpoint = hosting.state(experiment.region).endpoints.get(experiment.endpointName);
    if (endpoint == null || experiment.shadowConfig != null) {
      return;
    }
    ObjectNode spec = specFrom(endpoint.config, configName(experiment, "shadow"));
    ArrayNode shadows = spec.putArray("ShadowProductionVariants");
    shadows.add(variantSpec(experiment.shadowVariant, experiment.shadowModel, infrastructure(experiment, null), 1.0));
    EndpointConfig config = store(experiment, spec);
    experiment.priorConfig = endpoint.config;
    experiment.shadowConfig = config;
    endpoint.config = config;
    endpoint.shadows = hosting.engine().launch(experiment.region, config.shadowVariants()).stream()
        .map(v -> v.withCounts(v.desiredInstanceCount(), v.desiredInstanceCount())).toList();
    endpoint.lastModifiedTime = hosting.now();
  }

  /**
   * Refuses, before anything changes, a stop that would remove a production variant registered as
   * a scalable target: Promote replaces production, and Remove on production deletes it.
   */
  void refuseRemovingScaledVariant(InferenceExperiment experiment, String shadowAction, String productionAction) {
    boolean productionGoes = shadowAction.equals("Promote") || productionAction.equals("Remove");
    if (productionGoes && hosting.isScalableTarget(experiment.region, experiment.endpointName,
        experiment.sourceVariant)) {
      throw AwsServiceException.validation("The production variant " + experiment.sourceVariant + " of endpoint "
          + experiment.endpointName + " is registered as an Application Auto Scaling scalable target, so it cannot be "
          + "removed or replaced by promoting shadow variant " + experiment.shadowVariant + ". Deregister the "
          + "scalable target, stop the inference experiment, then register the variant that serves again.");
    }
  }

  /** The experiment is over with {@code shadowAction} for its shadow: the endpoint as that action leaves it. */
  void settle(InferenceExperiment experiment, String shadowAction, JsonNode desiredVariants) {
    Endpoint endpoint = hosting.state(experiment.region).endpoints.get(experiment.endpointName);
    if (endpoint == null) {
      return;
    }
    switch (shadowAction) {
      case "Promote" -> promote(experiment, endpoint, desiredVariants);
      case "Retain" -> endpoint.retainedShadow = new Endpoint.ShadowCopy(experiment.sourceVariant,
          experiment.shadowVariant, experiment.shadowModel, experiment.samplingPercentage);
      default -> revert(experiment, endpoint);
    }
  }

  /** The shadow becomes the only production variant, under its own name, on a new configuration. */
  private void promote(InferenceExperiment experiment, Endpoint endpoint, JsonNode desiredVariants) {
    EndpointConfig base = experiment.priorConfig != null ? experiment.priorConfig : endpoint.config;
    ObjectNode spec = specFrom(base, configName(experiment, "promote"));
    spec.putArray("ProductionVariants").add(variantSpec(experiment.shadowVariant, experiment.shadowModel,
        infrastructure(experiment, desiredVariants), 1.0));
    EndpointConfig config = store(experiment, spec);
    endpoint.config = config;
    endpoint.variants = hosting.engine().launch(experiment.region, config.variants()).stream()
        .map(v -> v.withCounts(v.desiredInstanceCount(), v.desiredInstanceCount())).toList();
    endpoint.shadows = List.of();
    endpoint.lastModifiedTime = hosting.now();
  }

  /** The shadow goes: the endpoint is back on the configuration it served before the experiment. */
  private void revert(InferenceExperiment experiment, Endpoint endpoint) {
    if (experiment.shadowConfig == null || endpoint.config != experiment.shadowConfig) {
      return;
    }
    endpoint.config = experiment.priorConfig;
    endpoint.shadows = List.of();
    endpoint.lastModifiedTime = hosting.now();
  }

  /**
   * The shadow's instances: its entry in {@code desired} (DesiredModelVariants) when there is one,
   * else what the experiment was created with.
   */
  private static JsonNode infrastructure(InferenceExperiment experiment, JsonNode desired) {
    if (desired != null) {
      for (JsonNode variant : desired) {
        if (variant.path("VariantName").asText().equals(experiment.shadowVariant)) {
          return variant.path("InfrastructureConfig").path("RealTimeInferenceConfig");
        }
      }
    }
    for (JsonNode variant : experiment.request.path("ModelVariants")) {
      if (variant.path("VariantName").asText().equals(experiment.shadowVariant)) {
        return variant.path("InfrastructureConfig").path("RealTimeInferenceConfig");
      }
    }
    return MissingNode.getInstance();
  }

  private static ObjectNode variantSpec(String name, String model, JsonNode infrastructure, double weight) {
    ObjectNode variant = Json.object();
    variant.put("VariantName", name);
    variant.put("ModelName", model);
    variant.put("InstanceType", infrastructure.path("InstanceType").asText("ml.m5.large"));
    variant.put("InitialInstanceCount", infrastructure.path("InstanceCount").asInt(1));
    variant.put("InitialVariantWeight", weight);
    return variant;
  }

  /** {@code base}'s request under a new name, without its tags (SageMaker's configurations carry none of ours). */
  private static ObjectNode specFrom(EndpointConfig base, String name) {
    ObjectNode spec = base.spec().deepCopy();
    spec.put("EndpointConfigName", name);
    spec.remove("Tags");
    spec.remove("ShadowProductionVariants");
    return spec;
  }

  private EndpointConfig store(InferenceExperiment experiment, ObjectNode spec) {
    String name = spec.path("EndpointConfigName").asText();
    EndpointConfig config = EndpointConfig.of(name, hosting.arn(experiment.region, "endpoint-config/" + name),
        hosting.now(), spec);
    Map<String, EndpointConfig> configs = hosting.state(experiment.region).configs;
    configs.put(name, config);
    return config;
  }

  private static String configName(InferenceExperiment experiment, String purpose) {
    return "sagemaker-ie-" + HostingService.sha256(experiment.arn + "/" + purpose).substring(0, 20);
  }
}
