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
    return afterAlarmLook(now, describeAt, now.plus(alarmWatch), random);
  }

  /**
   * The wait after a look at the rollback alarms that found nothing, when the next look is due at
   * {@code lookDue} ({@link #nextLook}): until then, or until the endpoint is due to be described
   * ({@code describeAt}) if that is sooner; never past it. A look due {@code alarmWatch} from now
   * waits as it always did (with the policy's jitter, which only delays); one due sooner, on the
   * grid that deployments of one command share, waits exactly until then, so that they look at the
   * same moment.
   */
  public Duration afterAlarmLook(Instant now, Instant describeAt, Instant lookDue, RandomGenerator random) {
    Duration left = Duration.between(now, describeAt);
    Duration look = Duration.between(now, lookDue);
    if (left.compareTo(look) > 0) {
      if (look.equals(alarmWatch) || look.compareTo(policy.interval()) > 0) {
        return policy.until(now, lookDue, random);
      }
      return look.compareTo(policy.minimum()) < 0 ? policy.minimum() : look;
    }
    // Exactly when the description is due (a bake's end): PollingPolicy.until would wait a whole
    // interval when that is only seconds away.
    return left.compareTo(policy.minimum()) < 0 ? policy.minimum() : left;
  }

  /**
   * When the next look at the rollback alarms is due after a look served from a read taken at
   * {@code readAt}: {@code alarmWatch} after that read, so that no deployment goes longer than the
   * alarm watch on one reading of its alarms. While other deployments of the same command watch
   * theirs ({@code grid} not null: the instant that anchors their shared looks), the last point of
   * the grid ({@code grid} plus a whole number of alarm watches) at or before that, if it is still
   * ahead of {@code now}: the deployments then look at the same moments, and one read serves them.
   */
  public Instant nextLook(Instant readAt, Instant grid, Instant now) {
    Instant due = readAt.plus(alarmWatch);
    if (grid == null || grid.isAfter(due)) {
      return due;
    }
    long watches = Math.floorDiv(Duration.between(grid, due).toMillis(), alarmWatch.toMillis());
    Instant onGrid = grid.plus(alarmWatch.multipliedBy(watches));
    return onGrid.isAfter(now) ? onGrid : due;
  }
}
