package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.ALARM_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.BAKE_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.DEPLOYMENT_TIMEOUT_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.DEPLOYMENT_TIMEOUT_MIN;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TERMINATION_WAIT_MAX;

import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds {@code spec.endpoint.deployment}: the strategy and its sizes, bakes, timeout and rollback
 * alarms, checked against SageMaker's deployment guardrail ranges and exclusions for the endpoint's
 * variants (sizes apply to each variant's own fleet; rolling excludes several variants and
 * serverless; Inf1 cannot use guardrails; alarms need a bake; the timeout must cover the waits and
 * the launches).
 */
final class DeploymentBinder {
  private DeploymentBinder() {}

  /**
   * The deployment, or {@code null} when a value is wrong. {@code variants} are the variants that
   * bound; {@code variantCount} counts those written, bound or not.
   */
  static Deployment bind(YamlMapping node, List<Variant> variants, int variantCount) {
    String strategyName = node.oneOf("strategy", false, List.of("allAtOnce", "canary", "linear", "rolling"));
    Strategy strategy = Strategy.ALL_AT_ONCE;
    for (Strategy candidate : Strategy.values()) {
      if (candidate.manifestName().equals(strategyName)) {
        strategy = candidate;
      }
    }
    CapacitySize canary = node.capacity("canarySize", strategy == Strategy.CANARY);
    CapacitySize linear = node.capacity("linearStep", strategy == Strategy.LINEAR);
    CapacitySize batch = node.capacity("batchSize", strategy == Strategy.ROLLING);
    CapacitySize rollbackBatch = node.capacity("rollbackBatchSize", false);
    Duration bake = node.duration("bake", false, Duration.ZERO, BAKE_MAX);
    Duration termination = node.duration("terminationWait", false, Duration.ZERO, TERMINATION_WAIT_MAX);
    Duration timeout = node.duration("timeout", false, DEPLOYMENT_TIMEOUT_MIN, DEPLOYMENT_TIMEOUT_MAX);
    List<String> alarms = node.texts("rollbackAlarms", false, 1, 10, ALARM_NAME, 255, "CloudWatch alarm names");
    if (strategyName == null && node.has("strategy")) {
      return null;
    }
    int smallestFleet = variants.stream().filter(v -> v.serverless() == null).mapToInt(Variant::instanceCount).min()
        .orElse(0);
    Set<String> given = new HashSet<>();
    List.of("canarySize", "linearStep", "batchSize", "rollbackBatchSize", "terminationWait").stream().filter(node::has)
        .forEach(given::add);
    Duration effectiveBake = bake == null ? Duration.ZERO : bake;
    Duration effectiveTermination = termination == null ? Duration.ZERO : termination;
    // The rules themselves (sizes per variant, rolling and Inf1 exclusions, alarms need a bake, the
    // timeout covers waits and launches) live in DeploymentRules, which safe deploy uses too.
    new DeploymentRules(new Deployment(strategy, canary, linear, batch, rollbackBatch, effectiveBake, effectiveTermination,
        timeout, alarms == null ? List.of() : alarms), smallestFleet)
        .problems(given, alarms != null, variants, variantCount).forEach(p -> node.problem(p.key(), p.message()));
    if (strategy == Strategy.CANARY && canary == null || strategy == Strategy.LINEAR && linear == null
        || strategy == Strategy.ROLLING && batch == null || (node.has("bake") && bake == null)
        || (node.has("terminationWait") && termination == null) || (node.has("timeout") && timeout == null)
        || (node.has("rollbackAlarms") && alarms == null) || (node.has("rollbackBatchSize") && rollbackBatch == null)) {
      return null;
    }
    return new Deployment(strategy,
        strategy == Strategy.CANARY ? canary : null,
        strategy == Strategy.LINEAR ? linear : null,
        strategy == Strategy.ROLLING ? batch : null,
        strategy == Strategy.ROLLING ? rollbackBatch : null,
        effectiveBake, effectiveTermination, timeout, alarms == null ? List.of() : alarms);
  }
}
