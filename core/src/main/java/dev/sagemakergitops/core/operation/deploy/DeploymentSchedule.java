package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.PollingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to look at a deployment next, from what the last {@code DescribeEndpoint} showed. SageMaker's
 * deployments follow a schedule that can mostly be read off the endpoint: instances take minutes to
 * launch, and a bake ends exactly {@code WaitIntervalInSeconds} (or {@code TerminationWaitInSeconds})
 * after its {@code VariantStatus} {@code StartTime}. So:
 *
 * <ul>
 *   <li>while the new fleet launches ({@code Creating}): the first look after the policy's
 *       provisioning estimate from the launch, then every interval ({@link PollingPolicy#afterLaunch});
 *   <li>while it bakes: just after the bake ends ({@link PollingPolicy#until}); but when rollback
 *       alarms are set, at most {@link #alarmWatch} apart, because an alarm can roll the deployment
 *       back at any minute of a bake and that should be reported soon;
 *   <li>otherwise (traffic being activated, an endpoint status with no variant status): every
 *       interval ({@link PollingPolicy#unknown}).
 * </ul>
 *
 * <p>Compared with the SDK waiter's fixed 30 seconds, this makes fewer calls during the long parts
 * (provisioning, bakes) and sees each change within the policy's interval (8 s by default) when its
 * time is not known in advance, and at once when it is. {@code docs/benchmarks.md} has the figures.
 *
 * @param policy the polling policy
 * @param alarmWatch the longest wait during a bake watched by rollback alarms
 */
public record DeploymentSchedule(PollingPolicy policy, Duration alarmWatch) {

  /** Two minutes: a rollback during a bake is reported within that, at half the waiter's calls. */
  public static final Duration DEFAULT_ALARM_WATCH = Duration.ofMinutes(2);

  public DeploymentSchedule {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(alarmWatch, "alarmWatch");
  }

  /** The schedule for {@code policy} with the default alarm watch. */
  public static DeploymentSchedule of(PollingPolicy policy) {
    return new DeploymentSchedule(policy, DEFAULT_ALARM_WATCH);
  }

  /**
   * The wait before the next {@code DescribeEndpoint}.
   *
   * @param progress what the last one showed
   * @param launchedAt when the deployment was requested: the launch time when SageMaker shows no
   *     variant status while the endpoint is being created
   * @param watchingAlarms true when the deployment has rollback alarms
   * @param now the current time
   */
  public Duration next(DeploymentProgress progress, Instant launchedAt, boolean watchingAlarms, Instant now,
      RandomGenerator random) {
    if (progress.launching()) {
      Instant start = progress.startTime() != null ? progress.startTime() : launchedAt;
      return policy.afterLaunch(now, start, random);
    }
    if (progress.baking()) {
      Instant due = progress.bakeEnd();
      if (watchingAlarms && Duration.between(now, due).compareTo(alarmWatch) > 0) {
        due = now.plus(alarmWatch);
      }
      return policy.until(now, due, random);
    }
    if ("Creating".equals(progress.endpointStatus()) && progress.variantStatus() == null && launchedAt != null) {
      return policy.afterLaunch(now, launchedAt, random);
    }
    return policy.unknown(random);
  }
}
