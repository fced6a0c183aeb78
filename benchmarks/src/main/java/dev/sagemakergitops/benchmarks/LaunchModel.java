package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.deploy.DeploymentProgress;
import dev.sagemakergitops.core.operation.deploy.DeploymentSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Launches of other lengths than the local control plane's fixed 4 minutes (SageMaker takes 3 to
 * 10): the deploy's own {@link DeploymentSchedule} (the code the operation asks, fed what
 * {@code DescribeEndpoint} shows while a fleet launches) against the waiter, for the launch alone.
 * No control plane: the endpoint is imagined to serve exactly {@code length} after the request.
 */
final class LaunchModel {
  private LaunchModel() {}

  /**
   * One launch length's figures.
   *
   * @param length how long the fleet takes
   * @param calls the deploy's DescribeEndpoint calls until it saw the fleet serve
   * @param lag from the fleet serving to the deploy seeing it
   * @param waiterCalls the waiter's calls (called at the request)
   * @param waiterLag the waiter's lag
   */
  record Figures(Duration length, int calls, Duration lag, int waiterCalls, Duration waiterLag) {}

  static Figures of(PollingPolicy policy, Duration length, long seed) {
    DeploymentSchedule schedule = DeploymentSchedule.of(policy);
    Random random = new Random(seed);
    Instant request = PollingWorld.START;
    Instant serving = request.plus(length);
    DeploymentProgress launching = new DeploymentProgress("Updating", "new", "new", "Creating",
        "Launching 4 instance(s).", request, null);
    Instant now = request.plus(policy.afterLaunch(request, request, random));
    int calls = 1;
    while (now.isBefore(serving)) {
      now = now.plus(schedule.describeAfter(launching, request, now, random));
      calls++;
    }
    Instant poll = request;
    int polls = 1;
    while (poll.isBefore(serving)) {
      poll = poll.plus(WaiterModel.DELAY);
      polls++;
    }
    return new Figures(length, calls, Duration.between(serving, now), polls, Duration.between(serving, poll));
  }
}
