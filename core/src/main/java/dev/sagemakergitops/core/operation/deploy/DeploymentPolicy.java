package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.manifest.CapacitySize;
import dev.sagemakergitops.core.manifest.DeploymentRules;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;

/**
 * The manifest's {@code spec.endpoint.deployment} as it is kept in the deploy state (plain data,
 * the field names a saved state has always had), and how long safe deploy waits for it. What the
 * deployment is, its {@code DeploymentConfig} and its traffic steps, is {@link DeploymentRules}'s.
 *
 * @param strategy all at once, canary, linear or rolling
 * @param canarySize CANARY only
 * @param linearStep LINEAR only
 * @param batchSize ROLLING only
 * @param rollbackBatchSize ROLLING only, {@code null} for the whole fleet
 * @param bakeSeconds {@code WaitIntervalInSeconds}
 * @param terminationWaitSeconds {@code TerminationWaitInSeconds} (blue/green only)
 * @param timeoutSeconds {@code MaximumExecutionTimeoutInSeconds}, or {@code null} for SageMaker's
 * @param alarms {@code AutoRollbackConfiguration} alarms
 * @param fleet the smallest instance count among the variants (1 for serverless), for step counts
 */
public record DeploymentPolicy(Strategy strategy, CapacitySize canarySize, CapacitySize linearStep,
    CapacitySize batchSize, CapacitySize rollbackBatchSize, long bakeSeconds, long terminationWaitSeconds,
    Long timeoutSeconds, List<String> alarms, int fleet) {

  /** How long after a deployment should have ended sagemaker-gitops gives up waiting for it. */
  static final Duration PROVISIONING_MARGIN = Duration.ofMinutes(30);
  /** A rolling update launches each batch separately. */
  static final Duration PROVISIONING_PER_BATCH = Duration.ofMinutes(15);
  /** Creating an endpoint: SageMaker's own EndpointInService waiter gives up after an hour. */
  static final Duration CREATE_LIMIT = Duration.ofMinutes(90);

  public DeploymentPolicy {
    alarms = List.copyOf(alarms);
  }

  /** With the strategy as its constant is spelled ({@code CANARY}), as a saved state names it. */
  public DeploymentPolicy(String strategy, CapacitySize canarySize, CapacitySize linearStep, CapacitySize batchSize,
      CapacitySize rollbackBatchSize, long bakeSeconds, long terminationWaitSeconds, Long timeoutSeconds,
      List<String> alarms, int fleet) {
    this(Strategy.valueOf(strategy), canarySize, linearStep, batchSize, rollbackBatchSize, bakeSeconds,
        terminationWaitSeconds, timeoutSeconds, alarms, fleet);
  }

  /** The policy {@code endpoint} asks for. */
  public static DeploymentPolicy of(EndpointSpec endpoint) {
    DeploymentRules rules = DeploymentRules.of(endpoint);
    EndpointSpec.Deployment d = rules.deployment();
    return new DeploymentPolicy(d.strategy(), d.canarySize(), d.linearStep(), d.rollingBatchSize(),
        d.rollbackBatchSize(), seconds(d.bake()), seconds(d.terminationWait()),
        d.timeout() == null ? null : d.timeout().toSeconds(), d.rollbackAlarms(), rules.fleet());
  }

  private static long seconds(Duration duration) {
    return duration == null ? 0 : duration.toSeconds();
  }

  /** The deployment's shape and rules. */
  public DeploymentRules rules() {
    return new DeploymentRules(new EndpointSpec.Deployment(strategy, canarySize, linearStep, batchSize,
        rollbackBatchSize, Duration.ofSeconds(bakeSeconds), Duration.ofSeconds(terminationWaitSeconds),
        timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds), alarms), fleet);
  }

  public boolean rolling() {
    return rules().rolling();
  }

  /** True when the manifest asks for more than SageMaker does on Inf1 (all at once, no bake, no alarms). */
  public boolean needsGuardrails() {
    return rules().needsGuardrails();
  }

  /** The number of traffic steps (bakes) SageMaker goes through. */
  public int trafficSteps() {
    return rules().trafficSteps();
  }

  /**
   * The share of the fleet, in percent, that serves the new configuration once traffic step
   * {@code step} (1-based) is activated: a canary's size and then all, each linear step or rolling
   * batch adding its size, all at once everything. SageMaker rounds instance counts its own way;
   * this is the share the manifest asks for, which is what a report shows next to the step.
   */
  public int trafficSharePercent(int step) {
    double fraction = switch (strategy) {
      case CANARY -> step <= 1 && canarySize != null ? canarySize.fractionOf(fleet) : 1;
      case LINEAR -> linearStep == null ? 1 : step * linearStep.fractionOf(fleet);
      case ROLLING -> batchSize == null ? 1 : step * batchSize.fractionOf(fleet);
      case ALL_AT_ONCE -> 1;
    };
    return (int) Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  }

  /** Traffic step {@code step}'s share in words, for example {@code canary 1 instance (25%)}. */
  public String trafficShare(int step) {
    int percent = trafficSharePercent(step);
    return switch (strategy) {
      case CANARY -> step > 1 || canarySize == null ? "all traffic (100%)"
          : canarySize.type() == CapacitySize.Type.CAPACITY_PERCENT ? "canary " + canarySize
          : "canary " + canarySize + " (" + percent + "%)";
      case LINEAR -> percent + "% of traffic";
      case ROLLING -> percent + "% of the fleet";
      case ALL_AT_ONCE -> "all traffic (100%)";
    };
  }

  /** The deployment's own waits: every bake plus the termination wait. */
  public Duration waits() {
    return rules().waits();
  }

  /**
   * How long sagemaker-gitops waits for an update before it reports TIMED_OUT: SageMaker's
   * {@code MaximumExecutionTimeoutInSeconds} (or the waits plus an hour when the manifest leaves it
   * to SageMaker), plus a margin for provisioning, after which SageMaker should have rolled back
   * by itself.
   */
  public Duration updateLimit() {
    Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds) : waits().plusHours(1);
    Duration margin = rolling() ? PROVISIONING_PER_BATCH.multipliedBy(trafficSteps()) : Duration.ZERO;
    return timeout.plus(PROVISIONING_MARGIN).plus(margin);
  }

  /** {@code UpdateEndpoint.DeploymentConfig}. */
  public DeploymentConfig toDeploymentConfig() {
    return rules().toDeploymentConfig();
  }

  /** One line for the build log, for example {@code canary 1 instance, bake 600 s, alarms [a, b]}. */
  public String describe() {
    return rules().describe();
  }
}
