package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable copy {@link DeployState#with} edits: every field of the state side by side, so that a
 * stage changes what it must in one place without spelling out the groups it leaves alone.
 */
final class DeployDraft {
  private final DeployState from;
  DeployState.Stage stage;
  EndpointChange change;
  String endpointArn;
  String previousConfig;
  Instant requestedAt;
  Instant lastModifiedBefore;
  Instant deadline;
  Instant conflictSince;
  String observed;
  Instant observedAt;
  int trafficStep;
  List<String> alarmsSeen;
  Instant describeAt;
  Instant alarmsUpdatedAt;
  List<String> deregistered;
  List<String> deleted;
  OperationFailure failure;
  boolean cancelRequested;
  List<String> created;
  List<CapturedAutoscaling> captured;
  Instant restoreSince;
  int autoscalingRetries;
  List<SmokeTestResult> smokeTestResults;
  Instant smokeRollbackRequestedAt;

  DeployDraft(DeployState s) {
    from = s;
    stage = s.stage();
    change = s.request().change();
    endpointArn = s.request().endpointArn();
    previousConfig = s.request().previousConfig();
    requestedAt = s.request().requestedAt();
    lastModifiedBefore = s.request().lastModifiedBefore();
    deadline = s.request().deadline();
    conflictSince = s.progress().conflictSince();
    observed = s.progress().observed();
    observedAt = s.progress().observedAt();
    trafficStep = s.progress().trafficStep();
    alarmsSeen = new ArrayList<>(s.alarms().seen());
    alarmsUpdatedAt = s.alarms().updatedAt();
    describeAt = s.alarms().describeAt();
    captured = new ArrayList<>(s.autoscaling().captured());
    deregistered = new ArrayList<>(s.autoscaling().deregistered());
    restoreSince = s.autoscaling().restoreSince();
    autoscalingRetries = s.autoscaling().retries();
    created = new ArrayList<>(s.outcome().created());
    deleted = new ArrayList<>(s.outcome().deleted());
    failure = s.outcome().failure();
    cancelRequested = s.outcome().cancelRequested();
    smokeTestResults = new ArrayList<>(s.smokeTest().results());
    smokeRollbackRequestedAt = s.smokeTest().rollbackRequestedAt();
  }

  void sawAlarms(List<String> alarms) {
    for (String alarm : alarms) {
      if (!alarmsSeen.contains(alarm)) {
        alarmsSeen.add(alarm);
      }
    }
  }

  DeployState build() {
    return new DeployState(stage, from.plan(), from.startedAt(),
        new DeployState.EndpointRequest(change, endpointArn, previousConfig, requestedAt, lastModifiedBefore, deadline),
        new DeployState.Progress(conflictSince, observed, observedAt, trafficStep),
        new DeployState.AlarmWatch(alarmsSeen, alarmsUpdatedAt, describeAt),
        new DeployState.AutoscalingPutAside(captured, deregistered, restoreSince, autoscalingRetries),
        new DeployState.Outcome(created, deleted, failure, cancelRequested),
        new DeployState.SmokeTestRun(smokeTestResults, smokeRollbackRequestedAt));
  }
}
