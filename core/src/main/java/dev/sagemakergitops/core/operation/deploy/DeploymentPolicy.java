package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.manifest.CapacitySize;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.RollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * The manifest's {@code spec.endpoint.deployment} as plain data, and the {@code DeploymentConfig}
 * {@code UpdateEndpoint} gets from it.
 *
 * @param strategy {@code ALL_AT_ONCE}, {@code CANARY}, {@code LINEAR} or {@code ROLLING}
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
public record DeploymentPolicy(String strategy, CapacitySize canarySize, CapacitySize linearStep,
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

  /** The policy {@code endpoint} asks for. */
  public static DeploymentPolicy of(EndpointSpec endpoint) {
    EndpointSpec.Deployment d = endpoint.deployment() == null ? EndpointSpec.Deployment.allAtOnce() : endpoint.deployment();
    int fleet = endpoint.variants().stream().mapToInt(v -> v.serverless() != null ? 1 : v.instanceCount()).min().orElse(1);
    return new DeploymentPolicy(d.strategy().name(), d.canarySize(), d.linearStep(), d.rollingBatchSize(),
        d.rollbackBatchSize(), seconds(d.bake()), seconds(d.terminationWait()),
        d.timeout() == null ? null : d.timeout().toSeconds(), d.rollbackAlarms(), Math.max(1, fleet));
  }

  private static long seconds(Duration duration) {
    return duration == null ? 0 : duration.toSeconds();
  }

  public boolean rolling() {
    return "ROLLING".equals(strategy);
  }

  /** True when the manifest asks for more than SageMaker does on Inf1 (all at once, no bake, no alarms). */
  public boolean needsGuardrails() {
    return !"ALL_AT_ONCE".equals(strategy) || bakeSeconds > 0 || terminationWaitSeconds > 0 || !alarms.isEmpty();
  }

  /** The number of traffic steps (bakes) SageMaker goes through. */
  public int trafficSteps() {
    switch (strategy) {
      case "CANARY":
        return 2;
      case "LINEAR":
        return steps(linearStep);
      case "ROLLING":
        return steps(batchSize);
      default:
        return 1;
    }
  }

  private int steps(CapacitySize size) {
    double fraction = size == null ? 1 : Math.min(1, size.fractionOf(fleet));
    return (int) Math.ceil(1 / Math.max(fraction, 0.01) - 1e-9);
  }

  /** The deployment's own waits: every bake plus the termination wait. */
  public Duration waits() {
    return Duration.ofSeconds(bakeSeconds * trafficSteps() + terminationWaitSeconds);
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
    DeploymentConfig.Builder config = DeploymentConfig.builder();
    if (rolling()) {
      RollingUpdatePolicy.Builder policy = RollingUpdatePolicy.builder()
          .maximumBatchSize(capacity(batchSize))
          .waitIntervalInSeconds((int) bakeSeconds);
      if (timeoutSeconds != null) {
        policy.maximumExecutionTimeoutInSeconds(timeoutSeconds.intValue());
      }
      if (rollbackBatchSize != null) {
        policy.rollbackMaximumBatchSize(capacity(rollbackBatchSize));
      }
      config.rollingUpdatePolicy(policy.build());
    } else {
      TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder()
          .type(TrafficRoutingConfigType.fromValue(strategy))
          // Required by the service model even for ALL_AT_ONCE.
          .waitIntervalInSeconds((int) bakeSeconds);
      if (canarySize != null) {
        routing.canarySize(capacity(canarySize));
      }
      if (linearStep != null) {
        routing.linearStepSize(capacity(linearStep));
      }
      BlueGreenUpdatePolicy.Builder policy = BlueGreenUpdatePolicy.builder()
          .trafficRoutingConfiguration(routing.build())
          .terminationWaitInSeconds((int) terminationWaitSeconds);
      if (timeoutSeconds != null) {
        policy.maximumExecutionTimeoutInSeconds(timeoutSeconds.intValue());
      }
      config.blueGreenUpdatePolicy(policy.build());
    }
    if (!alarms.isEmpty()) {
      config.autoRollbackConfiguration(AutoRollbackConfig.builder()
          .alarms(alarms.stream().map(a -> Alarm.builder().alarmName(a).build()).toList()).build());
    }
    return config.build();
  }

  private static software.amazon.awssdk.services.sagemaker.model.CapacitySize capacity(CapacitySize size) {
    return software.amazon.awssdk.services.sagemaker.model.CapacitySize.builder()
        .type(size.type() == CapacitySize.Type.CAPACITY_PERCENT ? CapacitySizeType.CAPACITY_PERCENT
            : CapacitySizeType.INSTANCE_COUNT)
        .value(size.value())
        .build();
  }

  /** One line for the build log, for example {@code canary 1 instance, bake 600 s, alarms [a, b]}. */
  public String describe() {
    StringBuilder out = new StringBuilder(strategy.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    if (canarySize != null) {
      out.append(' ').append(canarySize);
    }
    if (linearStep != null) {
      out.append(" steps of ").append(linearStep);
    }
    if (batchSize != null) {
      out.append(" batches of ").append(batchSize);
    }
    out.append(", bake ").append(bakeSeconds).append(" s");
    if (terminationWaitSeconds > 0) {
      out.append(", termination wait ").append(terminationWaitSeconds).append(" s");
    }
    if (!alarms.isEmpty()) {
      out.append(", rollback alarms ").append(alarms);
    }
    return out.toString();
  }
}
