package dev.sagemakergitops.core.manifest;

import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.RollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * SageMaker's deployment guardrails for one endpoint update: the one place that knows how an
 * all-at-once, canary, linear or rolling deployment is shaped. It builds {@code UpdateEndpoint}'s
 * {@code DeploymentConfig}, counts the traffic steps (bakes) SageMaker goes through, and holds the
 * rules a manifest's {@code spec.endpoint.deployment} ({@link EndpointSpec.Deployment}, the setting
 * itself) must keep. The manifest binder checks a manifest with {@link #problems}; safe deploy's
 * {@code DeploymentPolicy} (the same setting as plain data in the deploy state) builds the
 * configuration and its waits from it.
 *
 * <p>The rules, each with its source:
 *
 * <ul>
 *   <li>{@code canarySize}, {@code linearStep} and {@code batchSize}/{@code rollbackBatchSize} belong to
 *       their strategy only; rolling updates have no termination wait (botocore
 *       {@code BlueGreenUpdatePolicy}, {@code RollingUpdatePolicy});
 *   <li>sizes apply to each variant's own instance count ("10-50% of the variant's total instance
 *       count", botocore {@code TrafficRoutingConfig.LinearStepSize}): a canary of at most 50%, linear
 *       steps of 10% to 50%, rolling batches of 5% to 50%; a serverless endpoint has no instances to
 *       count;
 *   <li>rolling updates exclude endpoints with more than one variant and serverless endpoints
 *       (Developer Guide, deployment-guardrails-rolling);
 *   <li>Inf1 endpoints cannot use guardrails: SageMaker deploys them all at once with no bake;
 *   <li>rollback alarms are read only while SageMaker bakes (Developer Guide,
 *       deployment-guardrails-configuration), so they need a bake or a termination wait;
 *   <li>the timeout covers the whole deployment (botocore
 *       {@code RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds}: "The time limit for the total
 *       deployment"): every bake, the termination wait, and each launch.
 * </ul>
 *
 * @param deployment the manifest's deployment section
 * @param fleet the instance count the step counts are taken of (at least 1)
 */
public record DeploymentRules(EndpointSpec.Deployment deployment, int fleet) {

  /**
   * The least time a fleet (or a rolling batch) takes to launch: SageMaker documents none, instances
   * usually take 3 to 10 minutes, so a timeout that leaves less than this per launch cannot succeed.
   */
  public static final Duration LAUNCH_ALLOWANCE = Duration.ofMinutes(5);

  /** A broken rule: the key under {@code spec.endpoint.deployment} it belongs to, and what to do. */
  public record Problem(String key, String message) {}

  public DeploymentRules {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(deployment.strategy(), "deployment.strategy");
    fleet = Math.max(1, fleet);
  }

  /** The rules of {@code endpoint}'s deployment (all at once when it names none), on its smallest fleet. */
  public static DeploymentRules of(EndpointSpec endpoint) {
    EndpointSpec.Deployment d = endpoint.deployment() == null ? EndpointSpec.Deployment.allAtOnce() : endpoint.deployment();
    int fleet = endpoint.variants().stream().mapToInt(v -> v.serverless() != null ? 1 : v.instanceCount()).min().orElse(1);
    return new DeploymentRules(d, fleet);
  }

  private Strategy strategy() {
    return deployment.strategy();
  }

  private CapacitySize canarySize() {
    return deployment.canarySize();
  }

  private CapacitySize linearStep() {
    return deployment.linearStep();
  }

  private CapacitySize batchSize() {
    return deployment.rollingBatchSize();
  }

  private Duration bake() {
    return deployment.bake() == null ? Duration.ZERO : deployment.bake();
  }

  private Duration terminationWait() {
    return deployment.terminationWait() == null ? Duration.ZERO : deployment.terminationWait();
  }

  private List<String> alarms() {
    return deployment.rollbackAlarms();
  }

  public boolean rolling() {
    return strategy() == Strategy.ROLLING;
  }

  /** True when the deployment asks for more than SageMaker does on Inf1 (all at once, no bake, no alarms). */
  public boolean needsGuardrails() {
    return strategy() != Strategy.ALL_AT_ONCE || !bake().isZero() || !terminationWait().isZero() || !alarms().isEmpty();
  }

  /**
   * The number of traffic steps (bakes) SageMaker goes through: one for all at once, two for a
   * canary, and one per step or batch of the fleet for linear and rolling.
   */
  public int trafficSteps() {
    return switch (strategy()) {
      case CANARY -> 2;
      case LINEAR -> steps(linearStep());
      case ROLLING -> steps(batchSize());
      case ALL_AT_ONCE -> 1;
    };
  }

  private int steps(CapacitySize size) {
    double fraction = size == null ? 1 : Math.min(1, size.fractionOf(fleet));
    // The epsilon keeps an exact share (1 of 3 instances) from counting one step too many in floating point.
    return (int) Math.ceil(1 / Math.max(fraction, 0.01) - 1e-9);
  }

  /** The deployment's own waits: every bake plus the termination wait. */
  public Duration waits() {
    return bake().multipliedBy(trafficSteps()).plus(terminationWait());
  }

  /** How many times new instances are launched: each batch of a rolling update, once for blue/green. */
  public int launches() {
    return rolling() ? trafficSteps() : 1;
  }

  /** {@code UpdateEndpoint.DeploymentConfig}. */
  public DeploymentConfig toDeploymentConfig() {
    DeploymentConfig.Builder config = DeploymentConfig.builder();
    if (rolling()) {
      RollingUpdatePolicy.Builder policy = RollingUpdatePolicy.builder()
          .maximumBatchSize(capacity(batchSize()))
          .waitIntervalInSeconds((int) bake().toSeconds());
      if (deployment.timeout() != null) {
        policy.maximumExecutionTimeoutInSeconds((int) deployment.timeout().toSeconds());
      }
      if (deployment.rollbackBatchSize() != null) {
        policy.rollbackMaximumBatchSize(capacity(deployment.rollbackBatchSize()));
      }
      config.rollingUpdatePolicy(policy.build());
    } else {
      TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder()
          .type(TrafficRoutingConfigType.fromValue(strategy().name()))
          // Required by the service model even for ALL_AT_ONCE.
          .waitIntervalInSeconds((int) bake().toSeconds());
      if (canarySize() != null) {
        routing.canarySize(capacity(canarySize()));
      }
      if (linearStep() != null) {
        routing.linearStepSize(capacity(linearStep()));
      }
      BlueGreenUpdatePolicy.Builder policy = BlueGreenUpdatePolicy.builder()
          .trafficRoutingConfiguration(routing.build())
          .terminationWaitInSeconds((int) terminationWait().toSeconds());
      if (deployment.timeout() != null) {
        policy.maximumExecutionTimeoutInSeconds((int) deployment.timeout().toSeconds());
      }
      config.blueGreenUpdatePolicy(policy.build());
    }
    if (!alarms().isEmpty()) {
      config.autoRollbackConfiguration(AutoRollbackConfig.builder()
          .alarms(alarms().stream().map(a -> Alarm.builder().alarmName(a).build()).toList()).build());
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

  /** One line for the build log, for example {@code canary 1 instance, bake 600 s, rollback alarms [a, b]}. */
  public String describe() {
    StringBuilder out = new StringBuilder(strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (canarySize() != null) {
      out.append(' ').append(canarySize());
    }
    if (linearStep() != null) {
      out.append(" steps of ").append(linearStep());
    }
    if (batchSize() != null) {
      out.append(" batches of ").append(batchSize());
    }
    out.append(", bake ").append(bake().toSeconds()).append(" s");
    if (!terminationWait().isZero()) {
      out.append(", termination wait ").append(terminationWait().toSeconds()).append(" s");
    }
    if (!alarms().isEmpty()) {
      out.append(", rollback alarms ").append(alarms());
    }
    return out.toString();
  }

  /**
   * The rules a manifest's deployment section breaks, in the order a reader meets them.
   *
   * @param given the keys the section spells out (a key given with the wrong strategy is a problem
   *     even when its value is)
   * @param alarmsGiven true when {@code rollbackAlarms} was given and read
   * @param variants the endpoint's variants that are themselves valid
   * @param variantCount how many variants the manifest lists, valid or not
   */
  public List<Problem> problems(Set<String> given, boolean alarmsGiven, List<Variant> variants, int variantCount) {
    List<Problem> problems = new ArrayList<>();
    String name = strategy().manifestName();
    if (strategy() != Strategy.CANARY && given.contains("canarySize")) {
      problems.add(new Problem("canarySize", "canarySize applies to strategy canary only, not " + name
          + "; remove it or set strategy: canary"));
    }
    if (strategy() != Strategy.LINEAR && given.contains("linearStep")) {
      problems.add(new Problem("linearStep", "linearStep applies to strategy linear only, not " + name
          + "; remove it or set strategy: linear"));
    }
    if (strategy() != Strategy.ROLLING && (given.contains("batchSize") || given.contains("rollbackBatchSize"))) {
      problems.add(new Problem(given.contains("batchSize") ? "batchSize" : "rollbackBatchSize", "batchSize and "
          + "rollbackBatchSize apply to strategy rolling only, not " + name + "; remove them or set strategy: rolling"));
    }
    if (strategy() == Strategy.ROLLING && given.contains("terminationWait")) {
      problems.add(new Problem("terminationWait", "rolling updates have no termination wait (it belongs to blue/green"
          + " strategies); remove it"));
    }
    List<Variant> instanceVariants = variants.stream().filter(v -> v.serverless() == null).toList();
    boolean serverless = variants.stream().anyMatch(v -> v.serverless() != null);
    // A variant with its own problem is missing from the list, so nothing is lost.
    if (canarySize() != null) {
      checkShare(problems, "canarySize", canarySize(), instanceVariants, serverless, 1, 50, "a canary of at most 50% of"
          + " the fleet");
    }
    if (linearStep() != null) {
      checkShare(problems, "linearStep", linearStep(), instanceVariants, serverless, 10, 50, "linear steps of 10% to 50%"
          + " of the fleet");
    }
    if (batchSize() != null) {
      checkShare(problems, "batchSize", batchSize(), instanceVariants, serverless, 5, 50, "rolling batches of 5% to 50%"
          + " of the fleet");
    }
    if (rolling()) {
      if (variantCount > 1) {
        problems.add(new Problem("strategy", "rolling updates exclude endpoints with more than one variant (this one"
            + " has " + variantCount + "); use canary or linear"));
      }
      if (serverless) {
        problems.add(new Problem("strategy", "rolling updates exclude serverless endpoints; use allAtOnce, canary or"
            + " linear"));
      }
    }
    for (Variant variant : instanceVariants) {
      if (variant.instanceType().startsWith("ml.inf1.") && (strategy() != Strategy.ALL_AT_ONCE || !bake().isZero()
          || !terminationWait().isZero() || alarmsGiven)) {
        problems.add(new Problem("strategy", "variant '" + variant.name() + "' runs on " + variant.instanceType()
            + ": Inf1 endpoints cannot use deployment guardrails (SageMaker deploys them all at once, with no bake"
            + " or alarms). Use strategy allAtOnce without bake, terminationWait and rollbackAlarms, or another"
            + " instance type"));
        break;
      }
    }
    if (!alarms().isEmpty() && bake().isZero() && terminationWait().isZero()) {
      problems.add(new Problem("rollbackAlarms", "rollback alarms are read only while SageMaker bakes (bake"
          + (rolling() ? "" : " and terminationWait") + "), and this deployment has no bake, so"
          + " no alarm could ever roll it back; set bake (for example 10m)"
          + (rolling() ? "" : " or terminationWait") + ", or remove rollbackAlarms"));
    }
    if (deployment.timeout() != null) {
      checkTimeout(problems);
    }
    return problems;
  }

  private void checkTimeout(List<Problem> problems) {
    Duration waits = waits();
    Duration needed = waits.plus(LAUNCH_ALLOWANCE.multipliedBy(launches()));
    if (deployment.timeout().compareTo(waits) <= 0) {
      problems.add(new Problem("timeout", "the timeout " + Durations.format(deployment.timeout()) + " does not exceed the"
          + " deployment's own waits (" + trafficSteps() + " bake(s) of " + Durations.format(bake()) + " plus"
          + " terminationWait " + Durations.format(terminationWait()) + " = " + Durations.format(waits) + "), so every"
          + " deployment would time out; raise timeout or shorten the bakes"));
    } else if (deployment.timeout().compareTo(needed) < 0) {
      problems.add(new Problem("timeout", "the timeout " + Durations.format(deployment.timeout()) + " must also cover "
          + (launches() == 1 ? "the new fleet's launch" : "the launch of each of the " + launches() + " batches")
          + " (at least " + Durations.format(LAUNCH_ALLOWANCE) + " each; instances usually take 3 to 10 minutes)"
          + " besides the waits of " + Durations.format(waits) + ": at least " + Durations.format(needed)
          + ", or SageMaker rolls back every deployment when the time runs out; raise timeout"));
    }
  }

  /** Checks a share of each variant's fleet against SageMaker's range. */
  private static void checkShare(List<Problem> problems, String key, CapacitySize size, List<Variant> instanceVariants,
      boolean serverless, int minPercent, int maxPercent, String rule) {
    if (size.type() == CapacitySize.Type.CAPACITY_PERCENT) {
      if (size.value() < minPercent || size.value() > maxPercent) {
        problems.add(new Problem(key, "SageMaker allows " + rule + ", got " + size.value() + "%"));
      }
      return;
    }
    if (serverless) {
      problems.add(new Problem(key, "a serverless endpoint has no instances to count; give a percentage such as "
          + maxPercent + "%"));
      return;
    }
    for (Variant variant : instanceVariants) {
      int count = variant.instanceCount();
      double percent = 100.0 * size.value() / count;
      if (percent < minPercent || percent > maxPercent) {
        problems.add(new Problem(key, "SageMaker allows " + rule + "; " + size + " of variant '" + variant.name()
            + "' (" + count + " instance" + (count == 1 ? "" : "s") + ") is " + Math.round(percent)
            + "%. Change the size or the variant's instanceCount"));
        return;
      }
    }
  }
}
