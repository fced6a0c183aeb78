package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.VariantScalingTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Application Auto Scaling for an endpoint's variants: reads what is registered, registers and
 * puts the target-tracking policy where it differs from the manifest, and deregisters a variant
 * around an instance-type change (SageMaker refuses to change the instance type of a variant that
 * is a scalable target).
 *
 * <p>Only the policy named {@link #POLICY_NAME} is this tool's; other policies a team added to the
 * same target are left alone, except that deregistering a target (which SageMaker requires before
 * an instance-type change) deletes them too, as Application Auto Scaling does; the event says so.
 */
final class VariantAutoscaling {
  static final String POLICY_NAME = "sagemaker-gitops-invocations-per-instance";
  private static final ServiceNamespace NAMESPACE = ServiceNamespace.SAGEMAKER;
  private static final ScalableDimension DIMENSION = ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT;

  private final ApplicationAutoScalingClient client;
  private final String endpointName;

  VariantAutoscaling(ApplicationAutoScalingClient client, String endpointName) {
    this.client = client;
    this.endpointName = endpointName;
  }

  static String resourceId(String endpointName, String variant) {
    return "endpoint/" + endpointName + "/variant/" + variant;
  }

  /** The scalable targets registered for {@code variants}, by variant name. */
  Map<String, ScalableTarget> targets(List<String> variants) {
    Map<String, ScalableTarget> out = new HashMap<>();
    if (variants.isEmpty()) {
      return out;
    }
    List<String> ids = variants.stream().map(v -> resourceId(endpointName, v)).toList();
    client.describeScalableTargetsPaginator(r -> r.serviceNamespace(NAMESPACE).resourceIds(ids)
            .scalableDimension(DIMENSION))
        .scalableTargets().forEach(t -> {
          String id = t.resourceId();
          out.put(id.substring(id.lastIndexOf('/') + 1), t);
        });
    return out;
  }

  /** This tool's policy on {@code variant}, if it exists. */
  Optional<ScalingPolicy> ourPolicy(String variant) {
    return client.describeScalingPolicies(r -> r.serviceNamespace(NAMESPACE).resourceId(resourceId(endpointName, variant))
            .scalableDimension(DIMENSION).policyNames(POLICY_NAME))
        .scalingPolicies().stream().findFirst();
  }

  /**
   * Makes the registration match {@code plan}: registers targets whose capacities differ and puts
   * the policy where it is missing or differs. With a {@code null} plan, removes this tool's policy
   * and target from {@code variants} (the manifest dropped autoscaling). Makes no mutating call when
   * everything is as desired.
   *
   * @return what was changed, one line each; empty when nothing was
   */
  List<String> reconcile(AutoscalingPlan plan, List<String> variants) {
    List<String> changes = new ArrayList<>();
    if (plan == null) {
      Map<String, ScalableTarget> targets = targets(variants);
      for (String variant : targets.keySet()) {
        if (ourPolicy(variant).isPresent()) {
          deregister(variant);
          changes.add("deregistered " + resourceId(endpointName, variant) + ": the manifest has no autoscaling");
        }
      }
      return changes;
    }
    Map<String, ScalableTarget> targets = targets(plan.variants());
    for (String variant : plan.variants()) {
      String id = resourceId(endpointName, variant);
      ScalableTarget target = targets.get(variant);
      if (target == null || target.minCapacity() != plan.minCapacity() || target.maxCapacity() != plan.maxCapacity()) {
        client.registerScalableTarget(r -> r.serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION)
            .minCapacity(plan.minCapacity()).maxCapacity(plan.maxCapacity()));
        changes.add("registered " + id + " (min " + plan.minCapacity() + ", max " + plan.maxCapacity() + ")");
      }
      Optional<ScalingPolicy> policy = target == null ? Optional.empty() : ourPolicy(variant);
      if (policy.isEmpty() || !matches(policy.get().targetTrackingScalingPolicyConfiguration(), plan)) {
        // A target not found above was registered just now: wait until PutScalingPolicy sees it.
        EventualConsistency.use(target == null, "scalable target " + id, () -> client.putScalingPolicy(r -> r
            .policyName(POLICY_NAME).serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION)
            .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(configuration(plan))));
        changes.add("put target tracking on " + id + ": " + plan.targetValue() + " invocations per instance per minute");
      }
    }
    return changes;
  }

  /** Reads {@code target}'s policies and scheduled actions, to put them back after a deregistration. */
  CapturedAutoscaling capture(String variant, ScalableTarget target) {
    String id = resourceId(endpointName, variant);
    List<CapturedAutoscaling.Policy> policies = new ArrayList<>();
    List<String> notCaptured = new ArrayList<>();
    for (ScalingPolicy policy : client.describeScalingPoliciesPaginator(r -> r.serviceNamespace(NAMESPACE).resourceId(id)
        .scalableDimension(DIMENSION)).scalingPolicies()) {
      TargetTrackingScalingPolicyConfiguration tracking = policy.targetTrackingScalingPolicyConfiguration();
      StepScalingPolicyConfiguration step = policy.stepScalingPolicyConfiguration();
      if (policy.policyType() == PolicyType.TARGET_TRACKING_SCALING && tracking != null
          && (tracking.predefinedMetricSpecification() != null || tracking.customizedMetricSpecification() != null)) {
        var predefined = tracking.predefinedMetricSpecification();
        policies.add(new CapturedAutoscaling.Policy(policy.policyName(), policy.policyTypeAsString(),
            tracking.targetValue(), predefined == null ? null : predefined.predefinedMetricTypeAsString(),
            predefined == null ? null : predefined.resourceLabel(), tracking.scaleInCooldown(),
            tracking.scaleOutCooldown(), tracking.disableScaleIn(), null, null, null, null, List.of(),
            CustomizedMetrics.capture(tracking.customizedMetricSpecification())));
      } else if (policy.policyType() == PolicyType.STEP_SCALING && step != null) {
        policies.add(new CapturedAutoscaling.Policy(policy.policyName(), policy.policyTypeAsString(), null, null, null,
            null, null, null, step.adjustmentTypeAsString(), step.cooldown(), step.metricAggregationTypeAsString(),
            step.minAdjustmentMagnitude(), step.stepAdjustments().stream().map(a -> new CapturedAutoscaling.Step(
                a.metricIntervalLowerBound(), a.metricIntervalUpperBound(), a.scalingAdjustment())).toList(), null));
      } else {
        notCaptured.add(policy.policyName());
      }
    }
    List<CapturedAutoscaling.ScheduledAction> actions = client.describeScheduledActionsPaginator(r -> r
            .serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION)).scheduledActions().stream()
        .map(a -> new CapturedAutoscaling.ScheduledAction(a.scheduledActionName(), a.schedule(), a.timezone(),
            a.startTime(), a.endTime(), a.scalableTargetAction() == null ? null : a.scalableTargetAction().minCapacity(),
            a.scalableTargetAction() == null ? null : a.scalableTargetAction().maxCapacity()))
        .toList();
    return new CapturedAutoscaling(variant, target.minCapacity(), target.maxCapacity(), policies, actions, notCaptured);
  }

  /**
   * Registers {@code captured} again as it was: the target with its capacities, then its policies
   * and scheduled actions. Safe to repeat. Right after {@code RegisterScalableTarget}, Application
   * Auto Scaling may not know the target yet ("there might be a brief delay until the operation
   * achieves eventual consistency ... The typical strategy is to retry the request", botocore
   * RegisterScalableTarget): the {@code ObjectNotFoundException} is then the caller's to retry.
   */
  void restore(CapturedAutoscaling captured) {
    String id = resourceId(endpointName, captured.variant());
    client.registerScalableTarget(r -> r.serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION)
        .minCapacity(captured.minCapacity()).maxCapacity(captured.maxCapacity()));
    for (CapturedAutoscaling.Policy policy : captured.policies()) {
      client.putScalingPolicy(r -> {
        r.policyName(policy.name()).serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION)
            .policyType(policy.type());
        if (policy.targetValue() != null) {
          r.targetTrackingScalingPolicyConfiguration(c -> {
            c.targetValue(policy.targetValue()).scaleInCooldown(policy.scaleInCooldown())
                .scaleOutCooldown(policy.scaleOutCooldown()).disableScaleIn(policy.disableScaleIn());
            if (policy.customizedMetric() != null) {
              c.customizedMetricSpecification(CustomizedMetrics.restore(policy.customizedMetric()));
            } else {
              c.predefinedMetricSpecification(m -> m.predefinedMetricType(policy.predefinedMetric())
                  .resourceLabel(policy.resourceLabel()));
            }
          });
        } else {
          r.stepScalingPolicyConfiguration(c -> c.adjustmentType(policy.adjustmentType()).cooldown(policy.cooldown())
              .metricAggregationType(policy.metricAggregationType())
              .minAdjustmentMagnitude(policy.minAdjustmentMagnitude())
              .stepAdjustments(policy.steps().stream().map(a -> StepAdjustment.builder()
                  .metricIntervalLowerBound(a.lowerBound()).metricIntervalUpperBound(a.upperBound())
                  .scalingAdjustment(a.adjustment()).build()).toList()));
        }
      });
    }
    for (CapturedAutoscaling.ScheduledAction action : captured.scheduledActions()) {
      client.putScheduledAction(r -> r.scheduledActionName(action.name()).serviceNamespace(NAMESPACE).resourceId(id)
          .scalableDimension(DIMENSION).schedule(action.schedule()).timezone(action.timezone())
          .startTime(action.startTime()).endTime(action.endTime())
          .scalableTargetAction(t -> t.minCapacity(action.minCapacity()).maxCapacity(action.maxCapacity())));
    }
  }

  /** Removes every scaling policy of {@code variant}, then the target; missing ones are fine. */
  void deregister(String variant) {
    String id = resourceId(endpointName, variant);
    VariantScalingTargets targets = new VariantScalingTargets(client);
    for (ScalingPolicy policy : client.describeScalingPolicies(r -> r.serviceNamespace(NAMESPACE).resourceId(id)
        .scalableDimension(DIMENSION)).scalingPolicies()) {
      targets.deletePolicy(id, policy.policyName()); // false: deleted by an earlier attempt
    }
    targets.deregister(id); // false: deregistered by an earlier attempt
  }

  private static TargetTrackingScalingPolicyConfiguration configuration(AutoscalingPlan plan) {
    return TargetTrackingScalingPolicyConfiguration.builder()
        .targetValue(plan.targetValue())
        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))
        .scaleInCooldown(plan.scaleInCooldownSeconds())
        .scaleOutCooldown(plan.scaleOutCooldownSeconds())
        .build();
  }

  private static boolean matches(TargetTrackingScalingPolicyConfiguration live, AutoscalingPlan plan) {
    return live != null && live.targetValue() != null && Math.abs(live.targetValue() - plan.targetValue()) < 1e-9
        && live.predefinedMetricSpecification() != null
        && live.predefinedMetricSpecification().predefinedMetricType() == MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE
        && live.scaleInCooldown() != null && live.scaleInCooldown() == plan.scaleInCooldownSeconds()
        && live.scaleOutCooldown() != null && live.scaleOutCooldown() == plan.scaleOutCooldownSeconds();
  }
}
