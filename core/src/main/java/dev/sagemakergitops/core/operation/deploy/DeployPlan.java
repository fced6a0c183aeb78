package dev.sagemakergitops.core.operation.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.lineage.VariantLineage;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.VariantServingModels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a deploy does, decided by {@code begin} from the resolved manifest and kept in the
 * state: the model, the endpoint configuration, how to roll it out, autoscaling, the endpoint's
 * tags. Plain data only.
 *
 * @param region the region the endpoint lives in
 * @param endpointName the endpoint
 * @param manifestName the manifest's {@code metadata.name}
 * @param manifestPath the manifest's path, for messages
 * @param model the serving model
 * @param config the endpoint configuration
 * @param deployment the rollout policy
 * @param autoscaling autoscaling, or {@code null} for none
 * @param endpointTags lineage tags, {@code sagemaker-gitops:endpoint-config} and labels
 * @param cleanUp the opt-in clean-up
 * @param conflictWaitSeconds how long to wait for another deployment of the endpoint
 * @param warnings what the pre-flight found worth saying but not worth refusing, reported by the
 *     first poll
 * @param variantModels the models of variants with their own model, other than {@code model}
 *     (distinct, in variant order); empty when every variant serves {@code model}
 * @param smokeTest the requests sent once the endpoint is verified, or {@code null} for none (and
 *     in a state saved before smoke tests existed)
 */
public record DeployPlan(String region, String endpointName, String manifestName, String manifestPath,
    ServingModel model, EndpointConfigDefinition config, DeploymentPolicy deployment, AutoscalingPlan autoscaling,
    Map<String, String> endpointTags, CleanUp cleanUp, long conflictWaitSeconds, List<String> warnings,
    // Left out of the state file when empty, so a deploy without variant models writes what it always wrote.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServingModel> variantModels,
    @JsonInclude(JsonInclude.Include.NON_NULL) SmokeTestPlan smokeTest) {

  public DeployPlan {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(deployment, "deployment");
    endpointTags = Collections.unmodifiableMap(new LinkedHashMap<>(endpointTags));
    // State written before warnings existed has none.
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    // State written before variants had their own models has none.
    variantModels = variantModels == null ? List.of() : List.copyOf(variantModels);
  }

  /** Every model the configuration serves: {@link #model} first, then {@link #variantModels}. */
  public List<ServingModel> models() {
    return VariantServingModels.all(model, variantModels);
  }

  /** What each variant serving a model other than {@link #model} serves, in variant order. */
  public List<VariantLineage> variantLineage() {
    return config.variants().stream().filter(v -> !v.modelName().equals(model.name()))
        .map(v -> VariantLineage.of(v.name(), v.modelName(), modelOf(v.name()).lineage())).toList();
  }

  /** The model variant {@code variantName} serves ({@link #model} for a variant the configuration does not name). */
  public ServingModel modelOf(String variantName) {
    String name = config.variants().stream().filter(v -> v.name().equals(variantName))
        .map(EndpointConfigDefinition.Variant::modelName).findFirst().orElse(model.name());
    return models().stream().filter(m -> m.name().equals(name)).findFirst().orElse(model);
  }

  /** A plan of one model for every variant, without a smoke test. */
  public DeployPlan(String region, String endpointName, String manifestName, String manifestPath, ServingModel model,
      EndpointConfigDefinition config, DeploymentPolicy deployment, AutoscalingPlan autoscaling,
      Map<String, String> endpointTags, CleanUp cleanUp, long conflictWaitSeconds, List<String> warnings) {
    this(region, endpointName, manifestName, manifestPath, model, config, deployment, autoscaling, endpointTags,
        cleanUp, conflictWaitSeconds, warnings, List.of(), null);
  }

  /** True when SageMaker cannot use guardrails for the new configuration (Inf1): no DeploymentConfig is sent. */
  public boolean inf1Fallback() {
    return config.anyInf1();
  }
}
