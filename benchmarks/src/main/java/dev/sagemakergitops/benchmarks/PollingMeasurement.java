package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.operation.OperationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one measured deploy did, and its figures next to the SDK waiter's over the same ground
 * truth.
 *
 * @param scenario what was deployed
 * @param truth every state the endpoint entered (the observer's), the first one before the deploy
 * @param calls every call of the measured deploy, from {@code begin} to its end
 * @param requestAt when the deploy sent CreateEndpoint or UpdateEndpoint
 * @param tripAt when the rollback alarm went off, or null
 * @param outcome how the deploy ended ({@code succeeded}, or the failure's kind)
 * @param events the deploy's progress log
 * @param waiterRun the SDK waiter really run over the same scenario, or null when not run
 */
record PollingMeasurement(PollingScenario scenario, List<EndpointObserver.Change> truth, List<CallLog.Call> calls,
    Instant requestAt, Instant tripAt, String outcome, List<OperationEvent> events, WaiterRun waiterRun) {

  /**
   * The SDK waiter, run.
   *
   * @param calls its DescribeEndpoint calls
   * @param start when it was called (right after the request)
   * @param end when it returned
   * @param outcome what it answered
   */
  record WaiterRun(int calls, Instant start, Instant end, String outcome) {}

  /**
   * A change the deployment made on its own schedule, with how long after it each poller first
   * looked: the deploy, and the waiter at each of its start phases (null where it had stopped).
   */
  record Detection(EndpointObserver.Change change, Duration ours, List<Duration> waiter) {
    /** The waiter's lag over its phases (the median). */
    Duration waiterMedian() {
      return PollingBenchmark.median(waiter.stream().filter(d -> d != null).toList());
    }
  }

  PollingMeasurement withWaiterRun(WaiterRun run) {
    return new PollingMeasurement(scenario, truth, calls, requestAt, tripAt, outcome, events, run);
  }

  /** The changes after the request: those the deploy did not cause itself, so had to find by polling. */
  List<EndpointObserver.Change> scheduledChanges() {
    return truth.stream().filter(c -> c.at().isAfter(requestAt)).toList();
  }

  List<CallLog.Call> waitCalls() {
    return calls.stream().filter(c -> c.phase().equals("DEPLOYING")).toList();
  }

  long waitCalls(String operation) {
    return waitCalls().stream().filter(c -> c.is(operation)).count();
  }

  List<Instant> ourPolls() {
    return waitCalls().stream().filter(c -> c.is("DescribeEndpoint")).map(CallLog.Call::at).toList();
  }

  /** The poll that saw the end of the deployment. */
  Instant ourEnd() {
    List<Instant> polls = ourPolls();
    return polls.get(polls.size() - 1);
  }

  /** The waiter called at the request (phase 0), as the real waiter run is. */
  WaiterModel.Figures waiter() {
    return WaiterModel.over(truth, requestAt);
  }

  /** The waiter called 0 to 29 s after the request. */
  List<WaiterModel.Figures> waiterPhases() {
    return WaiterModel.phases(truth, requestAt);
  }

  /** The waiter's calls: the median over its phases. */
  int waiterCalls() {
    List<Integer> calls = waiterPhases().stream().map(WaiterModel.Figures::calls).sorted().toList();
    return calls.get(calls.size() / 2);
  }

  List<Detection> detections() {
    List<WaiterModel.Figures> phases = waiterPhases();
    List<Detection> out = new ArrayList<>();
    for (EndpointObserver.Change change : scheduledChanges()) {
      Instant ours = ourPolls().stream().filter(p -> !p.isBefore(change.at())).findFirst().orElse(null);
      List<Duration> theirs = new ArrayList<>();
      for (WaiterModel.Figures waiter : phases) {
        Instant poll = waiter.firstPollAtOrAfter(change.at());
        theirs.add(poll == null ? null : Duration.between(change.at(), poll));
      }
      out.add(new Detection(change, ours == null ? null : Duration.between(change.at(), ours), theirs));
    }
    return out;
  }

  /** Every lag of the deploy's detections. */
  List<Duration> ourLags() {
    return detections().stream().map(Detection::ours).filter(d -> d != null).toList();
  }

  /** Every lag of the waiter's detections, over all its phases. */
  List<Duration> waiterLags() {
    return detections().stream().flatMap(d -> d.waiter().stream()).filter(d -> d != null).toList();
  }

  /** When the deploy first saw a rollback alarm in ALARM, or null. */
  Instant alarmSeen() {
    return waitCalls().stream().filter(CallLog.Call::sawAlarm).map(CallLog.Call::at).findFirst().orElse(null);
  }

  /** The deployment's length: from the request to its last change. */
  Duration length() {
    List<EndpointObserver.Change> changes = scheduledChanges();
    return changes.isEmpty() ? Duration.ZERO : Duration.between(requestAt, changes.get(changes.size() - 1).at());
  }
}
