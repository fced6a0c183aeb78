package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Stage {@code ENDPOINT}: decides what to do with the endpoint from its health ({@code core.health}):
 * create it, update it ({@link EndpointUpdate}), nothing (it already serves our configuration, then
 * {@link Verification}), attach to our deployment in progress, or wait for whatever else is changing
 * it ({@link ConflictWait}).
 */
final class EndpointStage implements DeployStage {
  private final StageContext s;
  private final ConflictWait conflict;
  private final EndpointUpdate update;
  private final Verification verification;
  private final InPlaceUpdate inPlace;

  EndpointStage(StageContext s, ConflictWait conflict, EndpointUpdate update, Verification verification,
      InPlaceUpdate inPlace) {
    this.s = s;
    this.conflict = conflict;
    this.update = update;
    this.verification = verification;
    this.inPlace = inPlace;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = s.sageMaker(state);
    EndpointHealthReader reader = new EndpointHealthReader(sageMaker);
    Optional<DescribeEndpointResponse> found = reader.describe(plan.endpointName());
    if (found.isEmpty()) {
      return create(state, sageMaker, events);
    }
    DescribeEndpointResponse endpoint = found.get();
    String ours = plan.config().name();
    EndpointHealth health = reader.classify(endpoint, null, ours);
    switch (health.state()) {
      case DEPLOYING:
        return attach(state, sageMaker, reader, endpoint, events);
      case SCALING:
        // Autoscaling changes capacity on the configuration the endpoint serves: when that is ours,
        // the wait is the same as for our own deployment.
        if (ours.equals(endpoint.endpointConfigName())) {
          return attach(state, sageMaker, reader, endpoint, events);
        }
        return conflict.waitFor(state, endpoint, health, events);
      case UPDATING_ELSEWHERE:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
      case SHADOW_TEST:
      case DELETING:
        return conflict.waitFor(state, endpoint, health, events);
      case FAILED:
        return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "endpoint " + plan.endpointName()
            + " is Failed (" + health.reasonText() + "), and SageMaker allows only DeleteEndpoint on "
            + "a failed endpoint; delete it (aws sagemaker delete-endpoint --endpoint-name " + plan.endpointName()
            + ") and deploy again", endpoint.failureReason()));
      case HEALTHY:
        s.event(events, state, "endpoint " + plan.endpointName() + " already serves " + ours + "; no update needed");
        return verification.verify(state.with(d -> {
          d.change = d.change == null ? EndpointChange.UNCHANGED : d.change;
          d.conflictSince = null;
        }), endpoint, events);
      default:
        // InService on another configuration, UpdateRollbackFailed (SageMaker accepts a new update
        // from the old fleet) and OutOfService: updated, unless an inference experiment runs on it.
        EndpointHealth settled = reader.classifyWithExperiments(endpoint, null, ours);
        if (settled.state() == HealthState.SHADOW_TEST) {
          return conflict.waitFor(state, endpoint, settled, events);
        }
        if (state.progress().conflictSince() != null) {
          Optional<String> newer = supersededBy(plan, sageMaker, endpoint);
          if (newer.isPresent()) {
            return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "superseded by " + newer.get() + ": the "
                + "deployment this run waited for left endpoint " + plan.endpointName() + " on "
                + endpoint.endpointConfigName() + ", made from commit " + newer.get() + ", which descends from this "
                + "run's commit " + plan.model().lineage().commit() + "; an older commit is not put back. Nothing was "
                + "changed"));
          }
        }
        // The in-place check and the update read the same live configuration and scalable targets.
        PollReads reads = s.reads(state);
        Optional<InPlaceChange> change = inPlace.find(state, reads, endpoint);
        if (change.isPresent()) {
          return inPlace.apply(state, sageMaker, endpoint, change.get(), events);
        }
        if (state.request().change() == EndpointChange.IN_PLACE) {
          // Stage CONFIG found a change in place and created no configuration; the endpoint has
          // changed since, so the configuration is created after all.
          s.event(events, state, "endpoint " + plan.endpointName() + " changed since: its weights and instance counts "
              + "can no longer be changed in place; creating " + ours + " for an update");
          return s.next(state.with(d -> {
            d.stage = DeployState.Stage.CONFIG;
            d.change = null;
          }), events);
        }
        return update.update(state, sageMaker, reads, endpoint, events);
    }
  }

  /**
   * The commit the endpoint's live configuration was made from (its lineage tags), when it is a
   * later commit than this run's in Git's order: a deployer that waited must not put an older
   * commit back over it. Empty when the order is not later or unknown.
   */
  private Optional<String> supersededBy(DeployPlan plan, SageMakerClient sageMaker, DescribeEndpointResponse endpoint) {
    String ours = plan.model().lineage().commit();
    Optional<String> arn = LiveEndpoint.describeConfig(sageMaker, endpoint.endpointConfigName())
        .map(c -> c.endpointConfigArn());
    if (ours == null || arn.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> tags = new HashMap<>();
    sageMaker.listTagsPaginator(r -> r.resourceArn(arn.get())).tags().forEach(t -> tags.put(t.key(), t.value()));
    String live = Lineage.fromTags(tags).commit();
    if (live == null || live.equals(ours)) {
      return Optional.empty();
    }
    return s.ancestry.descendsFrom(live, ours).filter(Boolean::booleanValue).map(yes -> live);
  }

  private Step<DeployState, DeployResult> create(DeployState state, SageMakerClient sageMaker,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    boolean young = EventualConsistency.young(state.startedAt(), s.now());
    String dependency = "endpoint configuration " + plan.config().name();
    // AWS recommends DescribeEndpointConfig before CreateEndpoint (eventual consistency).
    if (young && LiveEndpoint.describeConfig(sageMaker, plan.config().name()).isEmpty()) {
      throw EventualConsistency.notYetVisible(dependency);
    }
    try {
      Map<String, String> tags = new LinkedHashMap<>(plan.endpointTags());
      tags.put(IntentTag.KEY, StageContext.intent(plan, null).format());
      EventualConsistency.use(young, dependency, () -> sageMaker.createEndpoint(r -> r.endpointName(plan.endpointName())
          .endpointConfigName(plan.config().name()).tags(EndpointConfigDefinition.tagList(tags))));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        // Created meanwhile (an earlier attempt whose answer was lost, or another run): look again.
        return new Step.Running<>(state, events, s.unknownWait());
      }
      return s.refused(state, events, e, "CreateEndpoint");
    }
    Instant now = s.now();
    s.event(events, state, "creating endpoint " + plan.endpointName() + " with " + plan.config().name(),
        StageContext.requestFacts("create", plan, null));
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = EndpointChange.CREATED;
      d.requestedAt = now;
      d.deadline = now.plus(DeploymentPolicy.CREATE_LIMIT);
      d.conflictSince = null;
    });
    return new Step.Running<>(next, events, s.context.polling().afterLaunch(now, now, s.context.random()));
  }

  /**
   * Follows our configuration's deployment, already in progress (a run that died, another process
   * deploying the same commit). Its deadline is measured from now on the local clock: how long it
   * has already run is on AWS's clock, which is not compared with ours. The configuration it
   * replaced is taken from the intent tag the run that started it wrote.
   */
  private Step<DeployState, DeployResult> attach(DeployState state, SageMakerClient sageMaker,
      EndpointHealthReader reader, DescribeEndpointResponse endpoint, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    boolean creating = EndpointHealthClassifier.isCreating(endpoint.endpointStatusAsString());
    Instant now = s.now();
    String previous = state.request().previousConfig();
    if (!creating) {
      Optional<IntentTag> written = reader.intentOf(endpoint.endpointArn());
      if (previous == null && written.isPresent() && written.get().config().equals(plan.config().name())) {
        previous = written.get().previousConfig();
      }
      if (written.isEmpty() || !written.get().config().equals(plan.config().name())) {
        s.tagIntent(sageMaker, endpoint.endpointArn(), StageContext.intent(plan, previous), state, events);
      }
    }
    s.event(events, state, "endpoint " + plan.endpointName() + " is already " + endpoint.endpointStatusAsString()
        + " to " + plan.config().name() + "; following that deployment");
    String replaced = previous;
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = d.change != null ? d.change : creating ? EndpointChange.CREATED : EndpointChange.UPDATED;
      d.endpointArn = endpoint.endpointArn();
      d.previousConfig = replaced;
      d.requestedAt = d.requestedAt != null ? d.requestedAt : now;
      d.deadline = d.deadline != null ? d.deadline
          : now.plus(creating ? DeploymentPolicy.CREATE_LIMIT : plan.deployment().updateLimit());
      d.conflictSince = null;
    });
    return s.next(next, events);
  }
}
