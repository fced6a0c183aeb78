package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.operation.PollingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to look at a deployment next, from what the last {@code DescribeEndpoint} showed. SageMaker's
 * deployments follow a schedule that can mostly be read off the endpoint: instances take minutes to
 * launch, and a bake ends exactly {@code WaitIntervalInSeconds} (or {@code TerminationWaitInSeconds})
 * after its {@code VariantStatus} {@code StartTime}. So the endpoint is described
 * ({@link #describeAfter}):
 *
 * <ul>
 *   <li>while the new fleet launches ({@code Creating}): first after the policy's provisioning
 *       estimate from the launch, then every interval ({@link PollingPolicy#afterLaunch});
 *   <li>while it bakes: just after the bake ends ({@link PollingPolicy#until}), and at least every
 *       {@link PollingPolicy#maximum};
 *   <li>otherwise (traffic being activated, an endpoint status with no variant status): every
 *       interval ({@link PollingPolicy#unknown}).
 * </ul>
 *
 * <p>The one change off that schedule is a rollback: an alarm can roll the deployment back at any
 * minute of a bake. When the deployment has rollback alarms, the polls between two descriptions of
 * the endpoint only look at the alarms ({@code DescribeAlarms}), every {@link #alarmWatch}
 * ({@link #afterAlarmLook}); one that finds an alarm in ALARM, or an alarm whose state moved,
 * describes the endpoint at once, and from then on the endpoint is described every interval until
 * the rollback shows. An alarm look is one call, as a description is, but a CloudWatch one, so
 * SageMaker's own request rate is spent only where the endpoint can have changed.
 *
 * <p>Compared with the SDK waiter's fixed 30 seconds, this makes fewer calls during the long parts
 * (provisioning, bakes) and sees each change within the policy's interval (8 s by default) when its
 * time is not known in advance, and at once when it is; a rollback is seen within the alarm watch
 * (1 minute by default), or within the interval when the alarm is seen before SageMaker acts on it.
 * {@code docs/benchmarks.md} has the figures.
 *
 * @param policy the polling policy
 * @param alarmWatch the longest wait between two looks at the rollback alarms during a bake
 */
public record DeploymentSchedule(PollingPolicy policy, Duration alarmWatch) {

  /** The default alarm watch: {@link PollingPolicy#DEFAULT_ALARM_WATCH}. */
  public static final Duration DEFAULT_ALARM_WATCH = PollingPolicy.DEFAULT_ALARM_WATCH;

  public DeploymentSchedule {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(alarmWatch, "alarmWatch");
  }

  /** The schedule for {@code policy}, with its alarm watch. */
  public static DeploymentSchedule of(PollingPolicy policy) {
    return new DeploymentSchedule(policy, policy.alarmWatch());
  }

  /**
   * The wait before the next poll: the next description of the endpoint ({@link #describeAfter}),
   * or, while a bake is watched by rollback alarms, the next look at the alarms if that comes first.
   *
   * @param progress what the last {@code DescribeEndpoint} showed
   * @param launchedAt when the deployment was requested: the launch time when SageMaker shows no
   *     variant status while the endpoint is being created
   * @param watchingAlarms true when the deployment has rollback alarms
   * @param now the current time
   */
  public Duration next(DeploymentProgress progress, Instant launchedAt, boolean watchingAlarms, Instant now,
      RandomGenerator random) {
    Duration describe = describeAfter(progress, launchedAt, now, random);
    if (watchingAlarms && progress.baking()) {
      return afterAlarmLook(now, now.plus(describe), random);
    }
    return describe;
  }

  /** The wait before the endpoint is next described, from what the last description showed. */
  public Duration describeAfter(DeploymentProgress progress, Instant launchedAt, Instant now, RandomGenerator random) {
    if (progress.launching()) {
      Instant start = progress.startTime() != null ? progress.startTime() : launchedAt;
      return policy.afterLaunch(now, start, random);
    }
    if (progress.baking()) {
      return policy.until(now, progress.bakeEnd(), random);
    }
    if (EndpointHealthClassifier.isCreating(progress.endpointStatus()) && progress.variantStatus() == null && launchedAt != null) {
      return policy.afterLaunch(now, launchedAt, random);
    }
    return policy.unknown(random);
  }

  /**
   * The wait after a look at the rollback alarms that found nothing: the alarm watch, or until the
   * endpoint is due to be described ({@code describeAt}) if that is sooner; never past it.
   */
  public Duration afterAlarmLook(Instant now, Instant describeAt, RandomGenerator random) {
    Duration left = Duration.between(now, describeAt);
    if (left.compareTo(alarmWatch) > 0) {
      return policy.until(now, now.plus(alarmWatch), random);
    }
    // Exactly when the description is due (a bake's end): PollingPolicy.until would wait a whole
    // interval when that is only seconds away.
    return left.compareTo(policy.minimum()) < 0 ? policy.minimum() : left;
  }
}
