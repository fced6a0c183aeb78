package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Part of stages {@code CONFIG} and {@code ENDPOINT}: whether the manifest's configuration can be
 * applied in place ({@link InPlaceChange}), and applying it with {@code UpdateEndpointWeightsAndCapacities}.
 * Nothing is created for it: the model is the live configuration's, and the manifest's configuration
 * is never created (its name is still what the intent tag names, with {@code on=} the configuration
 * the endpoint keeps serving, once the change is verified).
 */
final class InPlaceUpdate {
  private final StageContext s;
  private final ConflictWait conflict;
  private final Verification verification;

  InPlaceUpdate(StageContext s, ConflictWait conflict, Verification verification) {
    this.s = s;
    this.conflict = conflict;
    this.verification = verification;
  }

  /**
   * The change in place that brings {@code endpoint} to the plan's configuration, if there is one;
   * the live configuration and the scalable targets are read through {@code reads}, this poll's.
   */
  Optional<InPlaceChange> find(DeployState state, PollReads reads, DescribeEndpointResponse endpoint) {
    EndpointConfigDefinition wanted = state.plan().config();
    if (endpoint.endpointConfigName() == null || endpoint.endpointConfigName().equals(wanted.name())) {
      return Optional.empty();
    }
    Set<String> autoscaled = autoscaled(state, reads);
    return InPlaceChange.of(endpoint, reads.config(endpoint.endpointConfigName()), wanted, autoscaled);
  }

  /** The manifest's variants that Application Auto Scaling owns the instance count of. */
  private static Set<String> autoscaled(DeployState state, PollReads reads) {
    List<String> instanceVariants = state.plan().config().variants().stream().filter(v -> !v.serverless())
        .map(EndpointConfigDefinition.Variant::name).toList();
    return instanceVariants.isEmpty() ? Set.of() : new LinkedHashSet<>(reads.targets(instanceVariants).keySet());
  }

  /**
   * Sends the change and waits for it in stage {@code WEIGHTS}; when there is nothing to send (the
   * endpoint already runs the manifest's weights and counts, or only autoscaled counts differ), goes
   * straight to verification.
   */
  Step<DeployState, DeployResult> apply(DeployState state, SageMakerClient sageMaker, DescribeEndpointResponse endpoint,
      InPlaceChange change, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    if (!change.leftToScaling().isEmpty()) {
      s.event(events, state, "variant(s) " + change.leftToScaling() + " are autoscaled: the instance count the "
          + "manifest changes is left to the scaling policy (Application Auto Scaling sets DesiredInstanceCount); "
          + "its min and max are registered as the manifest says");
    }
    DeployState inPlace = state.with(d -> {
      d.change = EndpointChange.IN_PLACE;
      d.endpointArn = endpoint.endpointArn();
      d.previousConfig = change.liveConfig();
      d.conflictSince = null;
    });
    if (change.adjustments().isEmpty()) {
      // Unchanged when an earlier deploy changed them and said so (the intent tag); else they were
      // changed by a run that stopped before its tags, or by hand, and this deploy records them.
      boolean recorded = new EndpointHealthReader(sageMaker).intentOf(endpoint.endpointArn())
          .filter(i -> i.config().equals(plan.config().name()) && change.liveConfig().equals(i.inPlaceOn()))
          .isPresent();
      s.event(events, state, "endpoint " + plan.endpointName() + " serves " + change.liveConfig() + " and already "
          + "runs the manifest's weights and instance counts (" + InPlaceChange.running(endpoint) + "); no update needed");
      return verification.verify(recorded ? inPlace.with(d -> d.change = EndpointChange.UNCHANGED) : inPlace, endpoint,
          events);
    }
    try {
      sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName(plan.endpointName())
          .desiredWeightsAndCapacities(change.adjustments().stream().map(InPlaceChange.Adjustment::toRequest).toList()));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isInProgress(e)) {
        // Another change started between the look and the call: look again, then wait for it.
        EndpointHealthReader reader = new EndpointHealthReader(sageMaker);
        DescribeEndpointResponse now = reader.describe(plan.endpointName()).orElse(endpoint);
        return conflict.waitFor(state, now, reader.classify(now, null, plan.config().name()), events);
      }
      return s.refused(state, events, e, "UpdateEndpointWeightsAndCapacities");
    }
    Instant now = s.now();
    s.event(events, state, "changing endpoint " + plan.endpointName() + " in place on " + change.liveConfig() + ": "
        + change.describe() + " (UpdateEndpointWeightsAndCapacities: no new model, endpoint configuration or fleet)");
    DeployState next = inPlace.with(d -> {
      d.stage = DeployState.Stage.WEIGHTS;
      d.requestedAt = now;
      d.lastModifiedBefore = endpoint.lastModifiedTime();
      d.deadline = now.plus(DeploymentPolicy.PROVISIONING_MARGIN);
    });
    // A change of weights takes SageMaker about a minute, with no launch to wait for: looked at on the usual interval.
    return new Step.Running<>(next, events, s.unknownWait());
  }
}
