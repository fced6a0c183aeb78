package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.SharedAlarmReads;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.health.RollbackAlarms;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * What every stage of a safe deploy shares: the clients, the clock and the schedule, and the ways a
 * poll ends (go on, fail, succeed). A failure after autoscaling was deregistered goes through
 * {@link DeployState.Stage#RESTORING} first, whichever stage meets it.
 */
final class StageContext {
  final OperationContext context;
  final DeploymentSchedule schedule;
  final CommitAncestry ancestry;

  StageContext(OperationContext context, DeploymentSchedule schedule, CommitAncestry ancestry) {
    this.context = context;
    this.schedule = schedule;
    this.ancestry = ancestry;
  }

  Instant now() {
    return context.clock().instant();
  }

  void event(List<OperationEvent> events, DeployState state, String message) {
    events.add(new OperationEvent(now(), state.phase(), message));
  }

  /** A log line that also carries its facts for the deployment record's timeline. */
  void event(List<OperationEvent> events, DeployState state, String message, Map<String, Object> facts) {
    events.add(OperationEvent.withFacts(now(), state.phase(), message, facts));
  }

  /**
   * The facts of a CreateEndpoint ({@code kind} {@code create}) or UpdateEndpoint ({@code update})
   * for the record's timeline: the configuration asked for and, for an update, the deployment's
   * shape as the log line gives it ({@code deployment}), its strategy and traffic steps.
   */
  static Map<String, Object> requestFacts(String kind, DeployPlan plan, String deployment) {
    Map<String, Object> facts = new java.util.LinkedHashMap<>();
    facts.put("kind", kind);
    facts.put("endpointConfig", plan.config().name());
    if (deployment != null) {
      facts.put("deployment", deployment);
      facts.put("strategy", plan.deployment().strategy());
      facts.put("steps", plan.deployment().trafficSteps());
      facts.put("bakeSeconds", plan.deployment().bakeSeconds());
      facts.put("alarms", plan.deployment().alarms());
    }
    return facts;
  }

  /** Facts for the deployment record only, never a log line (an alarm look that found nothing new). */
  void quietEvent(List<OperationEvent> events, DeployState state, String message, Map<String, Object> facts) {
    events.add(OperationEvent.quiet(now(), state.phase(), message, facts));
  }

  SageMakerClient sageMaker(DeployState state) {
    return context.clients().sageMaker(state.plan().region());
  }

  /** A fresh {@link PollReads} for one poll of {@code state}'s endpoint. */
  PollReads reads(DeployState state) {
    return new PollReads(sageMaker(state), autoscaling(state));
  }

  /**
   * One look at the deployment's rollback alarms, through the reads its command shares with the
   * other deployments it follows ({@link SharedAlarmReads}), and when the next look is due.
   */
  AlarmLook lookAtAlarms(DeployState state) {
    DeployPlan plan = state.plan();
    Instant now = now();
    SharedAlarmReads.Reading reading = context.clients().sharedAlarmReads(plan.region())
        .read(plan.endpointName(), plan.deployment().alarms(), now, schedule.alarmWatch());
    return new AlarmLook(RollbackAlarms.look(reading), schedule.nextLook(reading.readAt(), reading.grid(), now));
  }

  /**
   * Tells the command's shared alarm reads that this deployment, launching now, will look at its
   * rollback alarms from about {@code nextPoll} on, so that reads made before then include them.
   */
  void expectAlarmLooks(DeployState state, Instant nextPoll) {
    DeployPlan plan = state.plan();
    if (!plan.deployment().alarms().isEmpty()) {
      context.clients().sharedAlarmReads(plan.region())
          .expect(plan.endpointName(), plan.deployment().alarms(), now(), nextPoll);
    }
  }

  /**
   * A look at the rollback alarms and when the next one is due ({@link DeploymentSchedule#nextLook}).
   */
  record AlarmLook(RollbackAlarms.Look look, Instant due) {}

  VariantAutoscaling autoscaling(DeployState state) {
    return new VariantAutoscaling(context.clients().applicationAutoScaling(state.plan().region()),
        state.plan().endpointName());
  }

  /** The wait when nothing says how long: SageMaker's state is simply looked at again. */
  Duration unknownWait() {
    return context.polling().unknown(context.random());
  }

  Step<DeployState, DeployResult> next(DeployState state, List<OperationEvent> events) {
    return new Step.Running<>(state, events, Duration.ZERO);
  }

  Step<DeployState, DeployResult> fail(DeployState state, List<OperationEvent> events, OperationFailure failure) {
    List<String> deregistered = state.autoscaling().deregistered();
    if (!deregistered.isEmpty() && state.stage() != DeployState.Stage.RESTORING) {
      Instant now = now();
      DeployState restoring = state.with(d -> {
        d.stage = DeployState.Stage.RESTORING;
        d.failure = failure;
        d.restoreSince = now;
      });
      event(events, restoring, "the deploy ends " + failure.kind() + "; registering the autoscaling of variant(s) "
          + deregistered + " again as it was before reporting it");
      return new Step.Running<>(restoring, events, Duration.ZERO);
    }
    DeployState failed = state.with(d -> {
      d.stage = DeployState.Stage.FAILED;
      d.failure = failure;
    });
    return new Step.Failed<>(failed, events, failure);
  }

  /** SageMaker refused a call: a transient refusal is retried by the runner, any other fails the deploy. */
  Step<DeployState, DeployResult> refused(DeployState state, List<OperationEvent> events, SageMakerException e,
      String call) {
    if (TransientFailures.isTransient(e)) {
      throw e;
    }
    return fail(state, events, OperationFailure.of(Kind.FAILED, "SageMaker refused " + call + " of endpoint "
        + state.plan().endpointName() + ": " + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + ")",
        SageMakerErrors.message(e)));
  }

  Step<DeployState, DeployResult> succeed(DeployState state, List<OperationEvent> events) {
    DeployState done = state.with(d -> d.stage = DeployState.Stage.SUCCEEDED);
    return new Step.Succeeded<>(done, events, result(done));
  }

  static DeployResult result(DeployState state) {
    DeployPlan plan = state.plan();
    DeployState.EndpointRequest request = state.request();
    return new DeployResult(plan.endpointName(), request.endpointArn(), servedInPlace(state).orElse(plan.config().name()),
        plan.model().name(),
        plan.model().imageDigest(), request.change() == null ? null : request.change().name(),
        request.previousConfig(), state.alarms().seen(), state.outcome().deleted(), state.outcome().created(),
        plan.variantLineage(), plan.model().isPipeline() ? plan.model().imageDigests() : null,
        state.smokeTest().results());
  }

  /**
   * Writes the intent tag right after the update was accepted. SageMaker is already deploying then,
   * so a refusal (50 tags per resource reached) must not stop this run from following the
   * deployment: it is reported, and the TAGS stage says what to do.
   */
  void tagIntent(SageMakerClient sageMaker, String arn, IntentTag intent, DeployState state,
      List<OperationEvent> events) {
    try {
      sageMaker.addTags(r -> r.resourceArn(arn).tags(Tag.builder().key(IntentTag.KEY).value(intent.format()).build()));
    } catch (SageMakerException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      event(events, state, "warning: could not tag endpoint " + state.plan().endpointName() + " with " + IntentTag.KEY
          + "=" + intent.format() + ": " + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "); following "
          + "the deployment anyway. Until the tag is written, status cannot tell this deployment from a change "
          + "outside Git");
    }
  }

  /**
   * The configuration the endpoint serves with the manifest's weights and counts applied in place
   * (then the manifest's configuration does not exist), or empty for a deploy that made the endpoint
   * serve the manifest's configuration itself.
   */
  static Optional<String> servedInPlace(DeployState state) {
    EndpointChange change = state.request().change();
    String served = state.request().previousConfig();
    boolean inPlace = change == EndpointChange.IN_PLACE
        || change == EndpointChange.UNCHANGED && served != null && !served.equals(state.plan().config().name());
    return inPlace && served != null ? Optional.of(served) : Optional.empty();
  }

  /** What this deployment asks of the endpoint: its configuration, its commit, and what it replaces. */
  static IntentTag intent(DeployPlan plan, String previousConfig) {
    return new IntentTag(plan.config().name(), plan.model().lineage().commit(), previousConfig);
  }
}
