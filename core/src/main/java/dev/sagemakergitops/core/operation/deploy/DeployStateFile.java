package dev.sagemakergitops.core.operation.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.operation.OperationFailure;
import java.time.Instant;
import java.util.List;

/**
 * A {@link DeployState} as it is saved between polls (schema version 1 of the state codec): one flat
 * object whose field names and values are those every version has written, so a state file left by
 * an earlier version (a Jenkins restart across an upgrade, a CLI run that died) still resumes. Keep
 * it that way: a field may be added (read as absent from older files), none renamed or removed. The
 * in-memory state groups the same fields by what changes them together.
 */
record DeployStateFile(DeployState.Stage stage, DeployPlan plan, Instant startedAt, EndpointChange change,
    String endpointArn, String previousConfig, Instant requestedAt, Instant lastModifiedBefore, Instant deadline,
    Instant conflictSince, String observed, Instant observedAt, int trafficStep, List<String> alarmsSeen,
    Instant describeAt, Instant alarmsUpdatedAt, List<String> deregistered, List<String> deleted,
    OperationFailure failure, boolean cancelRequested, List<String> created, List<CapturedAutoscaling> captured,
    Instant restoreSince, int autoscalingRetries,
    // Written only once a smoke test ran, so a deploy without one saves exactly what earlier versions saved.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SmokeTestResult> smokeTestResults,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant smokeTestRollbackRequestedAt) {

  static DeployStateFile of(DeployState s) {
    DeployState.EndpointRequest request = s.request();
    DeployState.Progress progress = s.progress();
    DeployState.AlarmWatch alarms = s.alarms();
    DeployState.AutoscalingPutAside autoscaling = s.autoscaling();
    DeployState.Outcome outcome = s.outcome();
    return new DeployStateFile(s.stage(), s.plan(), s.startedAt(), request.change(), request.endpointArn(),
        request.previousConfig(), request.requestedAt(), request.lastModifiedBefore(), request.deadline(),
        progress.conflictSince(), progress.observed(), progress.observedAt(), progress.trafficStep(), alarms.seen(),
        alarms.describeAt(), alarms.updatedAt(), autoscaling.deregistered(), outcome.deleted(), outcome.failure(),
        outcome.cancelRequested(), outcome.created(), autoscaling.captured(), autoscaling.restoreSince(),
        autoscaling.retries(), s.smokeTest().results(), s.smokeTest().rollbackRequestedAt());
  }

  DeployState toState() {
    return new DeployState(stage, plan, startedAt,
        new DeployState.EndpointRequest(change, endpointArn, previousConfig, requestedAt, lastModifiedBefore, deadline),
        new DeployState.Progress(conflictSince, observed, observedAt, trafficStep),
        new DeployState.AlarmWatch(orEmpty(alarmsSeen), alarmsUpdatedAt, describeAt),
        // A state saved before captured existed has none.
        new DeployState.AutoscalingPutAside(orEmpty(captured), orEmpty(deregistered), restoreSince, autoscalingRetries),
        // A state saved before created existed reads as having created nothing.
        new DeployState.Outcome(orEmpty(created), orEmpty(deleted), failure, cancelRequested),
        // A state saved before smoke tests existed has run none.
        new DeployState.SmokeTestRun(orEmpty(smokeTestResults), smokeTestRollbackRequestedAt));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
