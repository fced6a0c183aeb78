package dev.sagemakergitops.liveaws.story;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.liveaws.probe.ForcedRollback;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import java.time.Duration;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * The operations' waits on the target (real time on AWS, simulated time on the local control
 * plane), and, while a bad version is being deployed, what its callers would do to the rollback
 * alarm: whenever the new fleet bakes, the alarm is forced to {@code ALARM} ({@code SetAlarmState},
 * as the rollback probes do; CloudWatch sets it back at its next evaluation, so it is forced again
 * at every look until the update is over; the waits are cut into looks of at most {@link #LOOK}, so
 * a bake is never missed however long the operation waits). The story's image serves fine on AWS, so nothing else
 * could fire the alarm; the operations themselves only read it.
 */
final class BadVersion implements Sleeper {
  /** The longest the bad version's bake goes unlooked at: well inside the 5-minute bake. */
  static final Duration LOOK = Duration.ofSeconds(30);

  private final ProbeRun run;
  private final String endpoint;
  private final String alarm;
  private boolean deploying;
  private int forced;

  BadVersion(ProbeRun run, String endpoint, String alarm) {
    this.run = run;
    this.endpoint = endpoint;
    this.alarm = alarm;
  }

  /** From now on the version being deployed is bad: its bake trips the alarm. */
  void deploying() {
    deploying = true;
    forced = 0;
  }

  /** The bad version is over: the alarm goes back to OK, so the next deploy's pre-flight finds it quiet. */
  void over() {
    deploying = false;
    run.target().cloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.OK)
        .stateReason("sagemaker-gitops live-aws story: the bad version was rolled back"));
  }

  /** How many times the alarm was forced during the last bad deploy. */
  int forced() {
    return forced;
  }

  @Override
  public void sleep(Duration duration) {
    if (!deploying) {
      run.target().pause(duration);
      return;
    }
    // Looks at least every LOOK, whatever the operation's own wait (up to 5 minutes, as long as the bake).
    Duration left = duration;
    while (!left.isZero() && !left.isNegative()) {
      Duration step = left.compareTo(LOOK) < 0 ? left : LOOK;
      run.target().pause(step);
      left = left.minus(step);
      forceIfBaking();
    }
  }

  private void forceIfBaking() {
    DescribeEndpointResponse now = run.target().sageMaker().describeEndpoint(r -> r.endpointName(endpoint));
    if (now.endpointStatus() == EndpointStatus.UPDATING && ForcedRollback.pendingStatuses(now).contains("Baking")) {
      ForcedRollback.force(run, alarm);
      if (forced++ == 0) {
        run.progress("the new fleet bakes: rollback alarm " + alarm + " forced to ALARM");
      }
    }
  }
}
