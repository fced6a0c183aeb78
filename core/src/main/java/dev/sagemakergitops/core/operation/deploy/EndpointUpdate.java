package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.VariantProperty;
import software.amazon.awssdk.services.sagemaker.model.VariantPropertyType;

/**
 * Part of stage {@code ENDPOINT}: {@code UpdateEndpoint} with the manifest's {@code DeploymentConfig}
 * ({@link DeploymentPolicy}), after the live endpoint is checked again ({@link Guardrails}). A scaled
 * variant whose instance type changes has its autoscaling captured (and saved) then deregistered
 * first, since SageMaker refuses to change it otherwise; a scaled endpoint keeps its live instance
 * counts ({@code RetainAllVariantProperties}). The intent tag is written as soon as SageMaker accepts.
 */
final class EndpointUpdate {
  private final StageContext s;
  private final ConflictWait conflict;

  EndpointUpdate(StageContext s, ConflictWait conflict) {
    this.s = s;
    this.conflict = conflict;
  }

  /** Sends the update; {@code reads} is what this poll has read already (the live configuration, the scalable targets). */
  Step<DeployState, DeployResult> update(DeployState state, SageMakerClient sageMaker, PollReads reads,
      DescribeEndpointResponse endpoint, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    String serving = EndpointHealthClassifier.isInService(endpoint.endpointStatusAsString())
        ? endpoint.endpointConfigName() : null;
    LiveEndpoint live = LiveEndpoint.of(endpoint, serving == null ? Optional.empty() : reads.config(serving));
    List<Guardrails.Problem> problems = Guardrails.check(live, plan.config(), plan.deployment());
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("the live endpoint changed since the pre-flight and no longer admits "
          + "this deployment:");
      problems.forEach(p -> message.append("\n").append(plan.manifestPath()).append(": ").append(p.field()).append(": ")
          .append(p.message()));
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, message.toString()));
    }
    List<String> changing = changingInstanceTypes(state, live);
    VariantAutoscaling autoscaling = s.autoscaling(state);
    Map<String, ScalableTarget> scaled = reads.targets(live.variants().stream().filter(v -> !v.serverless())
        .map(LiveEndpoint.Variant::name).toList());
    if (state.autoscaling().captured().isEmpty()) {
      List<CapturedAutoscaling> captured = changing.stream().filter(scaled::containsKey)
          .map(v -> autoscaling.capture(v, scaled.get(v))).toList();
      if (!captured.isEmpty()) {
        // Saved before anything is deregistered, so every outcome (a crash included) can put it back.
        captured.forEach(c -> s.event(events, state, "captured the autoscaling of variant " + c.variant() + " ("
            + c.describe() + ") before deregistering it for the instance-type change"
            + (c.notCaptured().isEmpty() ? "" : "; policies " + c.notCaptured() + " cannot be captured and must be "
                + "put back by hand")));
        return new Step.Running<>(state.with(d -> d.captured.addAll(captured)), events, Duration.ZERO);
      }
    }
    List<String> deregistered = deregister(state, events);
    boolean inf1 = plan.inf1Fallback() || live.variants().stream().anyMatch(LiveEndpoint.Variant::inf1);
    UpdateEndpointRequest.Builder request = UpdateEndpointRequest.builder()
        .endpointName(plan.endpointName()).endpointConfigName(plan.config().name());
    if (inf1) {
      s.event(events, state, "Inf1 instances: SageMaker cannot use deployment guardrails, so the update goes all at "
          + "once with no bake (no DeploymentConfig is sent)");
    } else {
      request.deploymentConfig(plan.deployment().toDeploymentConfig());
    }
    retainScaledCapacity(state, endpoint, scaled, request, events);
    try {
      EventualConsistency.use(EventualConsistency.young(state.startedAt(), s.now()),
          "endpoint configuration " + plan.config().name(), () -> sageMaker.updateEndpoint(request.build()));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isInProgress(e)) {
        // Another deployment started between the look and the call: look again, then wait for it.
        EndpointHealthReader reader = new EndpointHealthReader(sageMaker);
        DescribeEndpointResponse now = reader.describe(plan.endpointName()).orElse(endpoint);
        return conflict.waitFor(state.with(d -> d.deregistered.addAll(deregistered)), now,
            reader.classify(now, null, plan.config().name()), events);
      }
      return s.refused(state, events, e, "UpdateEndpoint");
    }
    s.tagIntent(sageMaker, endpoint.endpointArn(), StageContext.intent(plan, endpoint.endpointConfigName()), state,
        events);
    Instant now = s.now();
    s.event(events, state, "updating endpoint " + plan.endpointName() + " from " + endpoint.endpointConfigName()
        + " to " + plan.config().name() + (inf1 ? " (all at once)" : ": " + plan.deployment().describe()),
        StageContext.requestFacts("update", plan, inf1 ? "all at once" : plan.deployment().describe()));
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = EndpointChange.UPDATED;
      d.endpointArn = endpoint.endpointArn();
      d.previousConfig = endpoint.endpointConfigName();
      d.requestedAt = now;
      d.lastModifiedBefore = endpoint.lastModifiedTime();
      d.deadline = now.plus(plan.deployment().updateLimit());
      d.conflictSince = null;
      d.deregistered.addAll(deregistered);
    });
    return new Step.Running<>(next, events, s.context.polling().afterLaunch(now, now, s.context.random()));
  }

  /** The live variants whose instance type the manifest changes. */
  private static List<String> changingInstanceTypes(DeployState state, LiveEndpoint live) {
    Map<String, String> wanted = new HashMap<>();
    state.plan().config().variants().forEach(v -> wanted.put(v.name(), v.instanceType()));
    return live.variants().stream()
        .filter(v -> v.instanceType() != null && wanted.containsKey(v.name())
            && !v.instanceType().equals(wanted.get(v.name())))
        .map(LiveEndpoint.Variant::name).toList();
  }

  /**
   * SageMaker refuses to change the instance type of a variant registered with Application Auto
   * Scaling; the captured variants are deregistered first (again after a crash: a missing policy or
   * target is fine), and registered again however the deploy ends.
   */
  private List<String> deregister(DeployState state, List<OperationEvent> events) {
    VariantAutoscaling autoscaling = s.autoscaling(state);
    List<String> done = new ArrayList<>();
    for (CapturedAutoscaling captured : state.autoscaling().captured()) {
      autoscaling.deregister(captured.variant());
      done.add(captured.variant());
      s.event(events, state, "deregistered variant " + captured.variant() + " from autoscaling: SageMaker refuses to "
          + "change the instance type of a scaled variant; it is registered again however the deploy ends");
    }
    return done;
  }

  /**
   * An update replaces an autoscaled variant's instance count with the new configuration's unless
   * {@code RetainAllVariantProperties} is set ("If you want to retain the variant properties like
   * instance count or weight, set the value of the RetainAllVariantProperties parameter to True ...
   * updated with the most recent DesiredInstanceCount ... regardless of the values of the
   * InitialInstanceCount field", Developer Guide, endpoint-scaling), and autoscaling is blocked for
   * the whole update. So for a scaled endpoint the live instance counts are kept, and what the
   * manifest decides (weights, data capture) is excluded from the retention. A live count outside
   * the manifest's min/max is not kept: the manifest's {@code instanceCount} (within them) applies.
   */
  private void retainScaledCapacity(DeployState state, DescribeEndpointResponse endpoint,
      Map<String, ScalableTarget> scaled, UpdateEndpointRequest.Builder request, List<OperationEvent> events) {
    Set<String> scaledVariants = new LinkedHashSet<>(scaled.keySet());
    state.autoscaling().captured().forEach(c -> scaledVariants.add(c.variant()));
    if (scaledVariants.isEmpty()) {
      return;
    }
    AutoscalingPlan plan = state.plan().autoscaling();
    List<String> kept = new ArrayList<>();
    boolean outside = false;
    for (ProductionVariantSummary variant : endpoint.productionVariants()) {
      Integer count = variant.desiredInstanceCount();
      if (!scaledVariants.contains(variant.variantName()) || count == null) {
        continue;
      }
      if (plan != null && (count < plan.minCapacity() || count > plan.maxCapacity())) {
        outside = true;
      } else {
        kept.add(variant.variantName() + " at " + count);
      }
    }
    if (outside || kept.isEmpty()) {
      s.event(events, state, "autoscaled variant(s) " + scaledVariants + " start at the manifest's instanceCount: the "
          + "live count lies outside the manifest's minCapacity..maxCapacity");
      return;
    }
    request.retainAllVariantProperties(true).excludeRetainedVariantProperties(
        VariantProperty.builder().variantPropertyType(VariantPropertyType.DESIRED_WEIGHT).build(),
        VariantProperty.builder().variantPropertyType(VariantPropertyType.DATA_CAPTURE_CONFIG).build());
    s.event(events, state, "autoscaled: keeping the live instance count of " + kept + " for the new fleet "
        + "(RetainAllVariantProperties; weights and data capture come from the manifest)");
  }
}
