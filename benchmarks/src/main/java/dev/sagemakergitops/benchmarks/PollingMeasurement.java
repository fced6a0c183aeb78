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
      return PollingReport.median(waiter.stream().filter(d -> d != null).toList());
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

  /** The bakes, each from the change that started it to the next change. */
  List<Instant[]> bakes() {
    List<EndpointObserver.Change> changes = scheduledChanges();
    List<Instant[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < changes.size(); i++) {
      if (changes.get(i).summary().contains("Baking")) {
        out.add(new Instant[] {changes.get(i).at(), changes.get(i + 1).at()});
      }
    }
    return out;
  }

  /**
   * How long a rollback at each whole second of the bakes would go unseen by the deploy, were
   * SageMaker to roll back the instant an alarm fires: until the deploy's next look at the endpoint
   * or at the alarms (a look that finds an alarm in ALARM describes the endpoint at once). The
   * deploy's own looks of this run are used, so its alarm watch, jitter and bake-end polls are
   * those it really makes; the rollback itself is what is imagined. The worst case for the deploy:
   * when SageMaker takes a while to act on the alarm, a look in between sees the alarm first and
   * the deploy then describes the endpoint every interval.
   */
  List<Duration> rollbackAnywhere() {
    List<Instant> looks = waitCalls().stream().filter(c -> c.is("DescribeEndpoint") || c.is("DescribeAlarms"))
        .map(CallLog.Call::at).toList();
    return untilNext(looks);
  }

  /** The same for the waiter, over its start phases. */
  List<Duration> waiterRollbackAnywhere() {
    List<Duration> out = new ArrayList<>();
    for (WaiterModel.Figures waiter : waiterPhases()) {
      out.addAll(untilNext(waiter.polls()));
    }
    return out;
  }

  private List<Duration> untilNext(List<Instant> looks) {
    List<Duration> out = new ArrayList<>();
    for (Instant[] bake : bakes()) {
      for (Instant at = bake[0]; at.isBefore(bake[1]); at = at.plusSeconds(1)) {
        Instant rollback = at;
        looks.stream().filter(l -> !l.isBefore(rollback)).findFirst()
            .ifPresent(l -> out.add(Duration.between(rollback, l)));
      }
    }
    return out;
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
