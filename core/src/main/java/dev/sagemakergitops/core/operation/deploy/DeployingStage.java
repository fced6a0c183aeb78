package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.Rollback;
import dev.sagemakergitops.core.health.RollbackAlarms;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Stage {@code DEPLOYING}: waits for the deployment on the {@link DeploymentSchedule}, reporting each
 * change of the new fleet's progress, then hands a served configuration to {@link Verification}. How
 * the deployment ended is the endpoint health's reading: a rollback ({@link Rollback}, with the
 * alarms that fired) is never a success. While a bake is watched by rollback alarms, the polls
 * before the endpoint is due again only look at the alarms, and the endpoint at once when one fires.
 * The looks go through the reads the command shares with the other deployments it follows
 * ({@link dev.sagemakergitops.core.aws.SharedAlarmReads}): each deployment still judges only its own
 * alarms, from a read at most a few seconds old and never one it has already seen.
 */
final class DeployingStage implements DeployStage {
  /** Right after UpdateEndpoint, SageMaker may still describe the endpoint as it was for a moment. */
  static final Duration VISIBILITY = Duration.ofMinutes(2);

  private final StageContext s;
  private final Verification verification;

  DeployingStage(StageContext s, Verification verification) {
    this.s = s;
    this.verification = verification;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    StageContext.AlarmLook look = null;
    Instant describeAt = state.alarms().describeAt();
    if (describeAt != null && s.now().isBefore(describeAt)) {
      look = s.lookAtAlarms(state);
      alarmLook(events, state, look.look());
      if (!look.look().alert(state.alarms().updatedAt())) {
        Instant now = s.now();
        Instant updated = look.look().updatedAt() != null ? look.look().updatedAt() : state.alarms().updatedAt();
        return new Step.Running<>(state.with(d -> d.alarmsUpdatedAt = updated), events,
            s.schedule.afterAlarmLook(now, describeAt, look.due(), s.context.random()));
      }
      // An alarm is in ALARM, or went there and back since the last look: SageMaker rolls back on
      // it, so the endpoint is looked at now.
    }
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(s.sageMaker(state), plan.endpointName());
    Instant now = s.now();
    DeployState.EndpointRequest request = state.request();
    if (found.isEmpty()) {
      if (request.change() == EndpointChange.CREATED && now.isBefore(request.requestedAt().plus(VISIBILITY))) {
        return new Step.Running<>(state, events, s.unknownWait());
      }
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName()
          + " no longer exists: it was deleted while being deployed"));
    }
    DescribeEndpointResponse endpoint = found.get();
    String ours = plan.config().name();
    EndpointHealth health = new EndpointHealthReader(s.sageMaker(state))
        .classify(endpoint, StageContext.intent(plan, request.previousConfig()), ours);
    switch (health.state()) {
      case DEPLOYING:
      case SCALING:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
      case SHADOW_TEST:
        // RollingBack is a capacity change rolling back, not this deployment: it is waited for.
        if (now.isAfter(request.deadline())) {
          return s.fail(state, events, OperationFailure.of(Kind.TIMED_OUT, "the deployment of " + ours + " to "
              + plan.endpointName() + " did not finish by " + request.deadline() + " (the deployment's timeout plus "
              + DeploymentPolicy.PROVISIONING_MARGIN.toMinutes() + " min for provisioning); SageMaker should have "
              + "rolled it back by now and the endpoint is still " + endpoint.endpointStatusAsString()
              + ". Check it in the console; nothing more is done here"));
        }
        return progress(state, endpoint, events, look);
      case UPDATING_ELSEWHERE:
        return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment replaced this one: "
            + "endpoint " + plan.endpointName() + " is now " + endpoint.endpointStatusAsString() + " to "
            + health.targetConfig() + ", not " + ours + "; how this deployment ended is unknown"));
      case FAILED:
        return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName()
            + " is Failed: " + health.reasonText() + ". SageMaker allows only DeleteEndpoint on a "
            + "failed endpoint", endpoint.failureReason()));
      case HEALTHY:
        return verification.verify(state, endpoint, events);
      case UPDATE_ROLLBACK_FAILED:
      case ROLLED_BACK:
      case CHANGED_OUTSIDE_GIT:
        return settledElsewhere(state, endpoint, health, events);
      default:
        return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " is "
            + endpoint.endpointStatusAsString() + " (" + health.reasonText() + ")", endpoint.failureReason()));
    }
  }

  /**
   * The endpoint settled on something else than our configuration: a rollback, unless the update is
   * not visible yet (SageMaker reads are eventually consistent: the endpoint has not changed since
   * before UpdateEndpoint, by AWS's own clock), or a configuration nobody here asked for.
   */
  private Step<DeployState, DeployResult> settledElsewhere(DeployState state, DescribeEndpointResponse endpoint,
      EndpointHealth health, List<OperationEvent> events) {
    DeployState.EndpointRequest request = state.request();
    Optional<Rollback> rollback = Rollback.of(health);
    if (!(rollback.isPresent() && rollback.get().rollbackFailed())
        && request.lastModifiedBefore() != null && endpoint.lastModifiedTime() != null
        && !endpoint.lastModifiedTime().isAfter(request.lastModifiedBefore())
        && s.now().isBefore(request.requestedAt().plus(VISIBILITY))) {
      return new Step.Running<>(state, events, s.unknownWait());
    }
    if (rollback.isEmpty()) {
      return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment replaced this one: "
          + "endpoint " + state.plan().endpointName() + " serves " + endpoint.endpointConfigName() + ", neither "
          + state.plan().config().name() + " nor the configuration it served before (" + request.previousConfig()
          + ")"));
    }
    return rolledBack(state, rollback.get(), events);
  }

  /** Reports SageMaker's rollback: its reason, the alarms that fired, and that Git and the endpoint now differ. */
  private Step<DeployState, DeployResult> rolledBack(DeployState state, Rollback rollback,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    String ours = plan.config().name();
    String what = rollback.rollbackFailed()
        ? "SageMaker rolled the deployment of " + ours + " to " + plan.endpointName() + " back, and the rollback failed "
            + "too: the endpoint serves a mix of the old and the new configuration. SageMaker accepts a new "
            + "UpdateEndpoint now: deploy again (the same or a reverted manifest)"
        : "SageMaker rolled the deployment of " + ours + " to " + plan.endpointName() + " back: the endpoint is "
            + "InService on " + rollback.servingConfig();
    List<String> watched = plan.deployment().alarms();
    List<String> now = watched.isEmpty() ? List.of()
        : RollbackAlarms.inAlarm(s.context.clients().cloudWatch(plan.region()), watched);
    List<String> alarms = rollback.blame(state.alarms().seen(), now, watched);
    StringBuilder message = new StringBuilder(what).append('.').append(rollback.reasonSentence());
    if (!alarms.isEmpty()) {
      message.append(" Rollback alarm(s) in ALARM: ").append(alarms).append('.');
    }
    message.append(" Git and the live endpoint now differ: ").append(plan.manifestPath()).append(" asks for ")
        .append(ours).append(". Revert the change in Git (status can write the revert commit), or fix "
            + "it and deploy again.");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kind", "rollback");
    facts.put("servingConfig", rollback.servingConfig());
    facts.put("rollbackFailed", rollback.rollbackFailed());
    facts.put("alarms", alarms);
    s.quietEvent(events, state, "SageMaker rolled the deployment back", facts);
    return s.fail(state, events, new OperationFailure(Kind.ROLLED_BACK, message.toString(), rollback.failureReason(),
        alarms));
  }

  /**
   * Reports the deployment's progress and decides the next poll. {@code look} is the look at the
   * rollback alarms this poll already took, or null.
   */
  private Step<DeployState, DeployResult> progress(DeployState state, DescribeEndpointResponse endpoint,
      List<OperationEvent> events, StageContext.AlarmLook look) {
    DeployPlan plan = state.plan();
    Instant now = s.now();
    DeployState.Progress before = state.progress();
    DeploymentProgress seen = DeploymentProgress.of(endpoint, plan.deployment());
    boolean changed = !seen.key().equals(before.observed());
    // Times are measured on the local clock from when each progress was first seen, except the first
    // launch, which began when this run sent (or found) the update.
    boolean firstLaunch = seen.launching() && before.trafficStep() == 0 && state.requestedAt() != null;
    Instant firstSeen = !changed && before.observedAt() != null ? before.observedAt()
        : firstLaunch ? state.requestedAt() : now;
    DeploymentProgress progress = seen.seenAt(firstSeen);
    boolean newBake = changed && progress.baking();
    boolean watched = progress.baking() && !plan.deployment().alarms().isEmpty();
    StageContext.AlarmLook alarms = !watched ? null : look != null ? look : s.lookAtAlarms(state);
    if (alarms != null && look == null) {
      alarmLook(events, state, alarms.look());
    }
    List<String> inAlarm = alarms == null ? List.of() : alarms.look().inAlarm();
    Duration wait;
    Instant describeAt = null;
    if (!inAlarm.isEmpty()) {
      // SageMaker rolls back on it at its next reading of the alarm: watch the endpoint until it does.
      wait = s.unknownWait();
    } else if (watched) {
      describeAt = now.plus(s.schedule.describeAfter(progress, state.requestedAt(), now, s.context.random()));
      wait = s.schedule.afterAlarmLook(now, describeAt, alarms.due(), s.context.random());
    } else {
      wait = s.schedule.describeAfter(progress, state.requestedAt(), now, s.context.random());
      if (progress.launching()) {
        // It bakes next: reads the command makes for other deployments until then take its alarms too.
        s.expectAlarmLooks(state, now.plus(wait));
      }
    }
    Instant nextDescription = describeAt;
    DeployState next = state.with(d -> {
      d.observed = seen.key();
      d.observedAt = firstSeen;
      if (newBake && !progress.terminationBake()) {
        d.trafficStep = d.trafficStep + 1;
      }
      d.sawAlarms(inAlarm);
      d.describeAt = nextDescription;
      if (alarms != null && alarms.look().updatedAt() != null) {
        d.alarmsUpdatedAt = alarms.look().updatedAt();
      }
    });
    if (changed) {
      String step = !progress.baking() ? ""
          : progress.terminationBake() ? "final bake before the old fleet is terminated: "
          : "traffic step " + Math.max(1, next.trafficStep()) + " of " + plan.deployment().trafficSteps() + ": ";
      s.event(events, next, step + progress.describe(now), progressFacts(plan, progress, Math.max(1, next.trafficStep())));
    }
    for (String alarm : inAlarm) {
      if (!state.alarms().seen().contains(alarm)) {
        s.event(events, next, "rollback alarm " + alarm + " is in ALARM while baking; SageMaker will roll back");
      }
    }
    return new Step.Running<>(next, events, wait);
  }

  /**
   * The facts of a progress change for the record's timeline: a launch, a traffic step with the
   * share of the fleet it serves and its bake, the final bake, or any other status.
   */
  private static Map<String, Object> progressFacts(DeployPlan plan, DeploymentProgress progress, int step) {
    Map<String, Object> facts = new LinkedHashMap<>();
    String kind = progress.launching() ? "launch"
        : !progress.baking() ? "progress"
        : progress.terminationBake() ? "finalBake" : "trafficStep";
    facts.put("kind", kind);
    if (kind.equals("trafficStep")) {
      facts.put("step", step);
      facts.put("steps", plan.deployment().trafficSteps());
      facts.put("sharePercent", plan.deployment().trafficSharePercent(step));
      facts.put("share", plan.deployment().trafficShare(step));
    }
    if (progress.baking()) {
      facts.put("bakeSeconds", Duration.between(progress.startTime(), progress.bakeEnd()).toSeconds());
      facts.put("bakeEndsAt", progress.bakeEnd());
    }
    facts.put("endpointStatus", progress.endpointStatus());
    if (progress.variantStatus() != null) {
      facts.put("variantStatus", progress.variantStatus());
    }
    return facts;
  }

  /** One look at the rollback alarms, for the record only: the alarms watched and those in ALARM. */
  private void alarmLook(List<OperationEvent> events, DeployState state, RollbackAlarms.Look look) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kind", "alarmLook");
    facts.put("state", look.inAlarm().isEmpty() ? "OK" : "ALARM");
    facts.put("alarms", state.plan().deployment().alarms());
    facts.put("inAlarm", look.inAlarm());
    facts.put("step", Math.max(1, state.trafficStep()));
    s.quietEvent(events, state, "rollback alarms " + (look.inAlarm().isEmpty() ? "OK" : "in ALARM: " + look.inAlarm()),
        facts);
  }
}
