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
import java.util.List;

/**
 * Binds {@code spec.endpoint.deployment}: the strategy and its sizes, bakes, timeout and rollback
 * alarms, checked against SageMaker's deployment guardrail ranges and exclusions for the endpoint's
 * variants (sizes apply to each variant's own fleet; rolling excludes several variants and
 * serverless; Inf1 cannot use guardrails; alarms need a bake; the timeout must cover the waits and
 * the launches).
 */
final class DeploymentBinder {
  /**
   * The least time a fleet (or a rolling batch) takes to launch: SageMaker documents none, instances
   * usually take 3 to 10 minutes, so a timeout that leaves less than this per launch cannot succeed.
   */
  static final Duration LAUNCH_ALLOWANCE = Duration.ofMinutes(5);

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
    String strategyField = "strategy " + strategy.manifestName();
    if (strategy != Strategy.CANARY && node.has("canarySize")) {
      node.problem("canarySize", "canarySize applies to strategy canary only, not " + strategy.manifestName()
          + "; remove it or set strategy: canary");
    }
    if (strategy != Strategy.LINEAR && node.has("linearStep")) {
      node.problem("linearStep", "linearStep applies to strategy linear only, not " + strategy.manifestName()
          + "; remove it or set strategy: linear");
    }
    if (strategy != Strategy.ROLLING && (node.has("batchSize") || node.has("rollbackBatchSize"))) {
      node.problem(node.has("batchSize") ? "batchSize" : "rollbackBatchSize", "batchSize and rollbackBatchSize apply"
          + " to strategy rolling only, not " + strategy.manifestName() + "; remove them or set strategy: rolling");
    }
    if (strategy == Strategy.ROLLING && node.has("terminationWait")) {
      node.problem("terminationWait", "rolling updates have no termination wait (it belongs to blue/green"
          + " strategies); remove it");
    }
    List<Variant> instanceVariants = variants.stream().filter(v -> v.serverless() == null).toList();
    int smallestFleet = instanceVariants.stream().mapToInt(Variant::instanceCount).min().orElse(0);
    boolean serverless = variants.stream().anyMatch(v -> v.serverless() != null);
    // SageMaker applies the sizes to each variant's own instance count ("10-50% of the variant's
    // total instance count", botocore TrafficRoutingConfig.LinearStepSize), so every variant is
    // checked. A variant with its own problem is missing from the list, so nothing is lost.
    if (canary != null) {
      checkShare(node, "canarySize", canary, instanceVariants, serverless, 1, 50, "a canary of at most 50% of the"
          + " fleet");
    }
    if (linear != null) {
      checkShare(node, "linearStep", linear, instanceVariants, serverless, 10, 50, "linear steps of 10% to 50% of"
          + " the fleet");
    }
    if (batch != null) {
      checkShare(node, "batchSize", batch, instanceVariants, serverless, 5, 50, "rolling batches of 5% to 50% of"
          + " the fleet");
    }
    if (strategy == Strategy.ROLLING) {
      if (variantCount > 1) {
        node.problem("strategy", "rolling updates exclude endpoints with more than one variant (this one has "
            + variantCount + "); use canary or linear");
      }
      if (serverless) {
        node.problem("strategy", "rolling updates exclude serverless endpoints; use allAtOnce, canary or linear");
      }
    }
    for (Variant variant : instanceVariants) {
      // Inf1 endpoints cannot use guardrails: SageMaker falls back to all-at-once with no bake.
      if (variant.instanceType().startsWith("ml.inf1.") && (strategy != Strategy.ALL_AT_ONCE
          || (bake != null && !bake.isZero()) || (termination != null && !termination.isZero()) || alarms != null)) {
        node.problem("strategy", "variant '" + variant.name() + "' runs on " + variant.instanceType()
            + ": Inf1 endpoints cannot use deployment guardrails (SageMaker deploys them all at once, with no bake"
            + " or alarms). Use strategy allAtOnce without bake, terminationWait and rollbackAlarms, or another"
            + " instance type");
        break;
      }
    }
    Duration effectiveBake = bake == null ? Duration.ZERO : bake;
    Duration effectiveTermination = termination == null ? Duration.ZERO : termination;
    if (alarms != null && !alarms.isEmpty() && effectiveBake.isZero() && effectiveTermination.isZero()) {
      // SageMaker reads the alarms during its baking periods only (Developer Guide,
      // deployment-guardrails-configuration): with no bake and no termination wait there is none.
      node.problem("rollbackAlarms", "rollback alarms are read only while SageMaker bakes (bake"
          + (strategy == Strategy.ROLLING ? "" : " and terminationWait") + "), and this deployment has no bake, so"
          + " no alarm could ever roll it back; set bake (for example 10m)"
          + (strategy == Strategy.ROLLING ? "" : " or terminationWait") + ", or remove rollbackAlarms");
    }
    if (timeout != null) {
      long steps = switch (strategy) {
        case ALL_AT_ONCE -> 1;
        case CANARY -> 2;
        case LINEAR -> linear == null ? 1 : (long) Math.ceil(1.0 / Math.max(0.01, linear.fractionOf(Math.max(1, smallestFleet))));
        case ROLLING -> batch == null ? 1 : (long) Math.ceil(1.0 / Math.max(0.01, batch.fractionOf(Math.max(1, smallestFleet))));
      };
      // The timeout covers the whole deployment (botocore RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds:
      // "The time limit for the total deployment"): the new fleet's launch (blue/green), or every
      // batch's launch (rolling), as well as the bakes.
      long launches = strategy == Strategy.ROLLING ? steps : 1;
      Duration waits = effectiveBake.multipliedBy(steps).plus(effectiveTermination);
      Duration needed = waits.plus(LAUNCH_ALLOWANCE.multipliedBy(launches));
      if (timeout.compareTo(waits) <= 0) {
        node.problem("timeout", "the timeout " + Durations.format(timeout) + " does not exceed the deployment's own"
            + " waits (" + steps + " bake(s) of " + Durations.format(effectiveBake) + " plus terminationWait "
            + Durations.format(effectiveTermination) + " = " + Durations.format(waits) + "), so every deployment"
            + " would time out; raise timeout or shorten the bakes");
      } else if (timeout.compareTo(needed) < 0) {
        node.problem("timeout", "the timeout " + Durations.format(timeout) + " must also cover "
            + (launches == 1 ? "the new fleet's launch" : "the launch of each of the " + launches + " batches")
            + " (at least " + Durations.format(LAUNCH_ALLOWANCE) + " each; instances usually take 3 to 10 minutes)"
            + " besides the waits of " + Durations.format(waits) + ": at least " + Durations.format(needed)
            + ", or SageMaker rolls back every deployment when the time runs out; raise timeout");
      }
    }
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

  /** Checks a share of each variant's fleet against SageMaker's range. */
  private static void checkShare(YamlMapping node, String key, CapacitySize size, List<Variant> instanceVariants,
      boolean serverless, int minPercent, int maxPercent, String rule) {
    if (size.type() == CapacitySize.Type.CAPACITY_PERCENT) {
      if (size.value() < minPercent || size.value() > maxPercent) {
        node.problem(key, "SageMaker allows " + rule + ", got " + size.value() + "%");
      }
      return;
    }
    if (serverless) {
      node.problem(key, "a serverless endpoint has no instances to count; give a percentage such as " + maxPercent + "%");
      return;
    }
    for (Variant variant : instanceVariants) {
      int fleet = variant.instanceCount();
      double percent = 100.0 * size.value() / fleet;
      if (percent < minPercent || percent > maxPercent) {
        node.problem(key, "SageMaker allows " + rule + "; " + size + " of variant '" + variant.name() + "' ("
            + fleet + " instance" + (fleet == 1 ? "" : "s") + ") is " + Math.round(percent)
            + "%. Change the size or the variant's instanceCount");
        return;
      }
    }
  }
}
