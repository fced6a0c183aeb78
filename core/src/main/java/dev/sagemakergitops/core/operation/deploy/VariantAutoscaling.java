package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.EventualConsistency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
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

  /** Removes every scaling policy of {@code variant}, then the target; missing ones are fine. */
  void deregister(String variant) {
    String id = resourceId(endpointName, variant);
    for (ScalingPolicy policy : client.describeScalingPolicies(r -> r.serviceNamespace(NAMESPACE).resourceId(id)
        .scalableDimension(DIMENSION)).scalingPolicies()) {
      try {
        client.deleteScalingPolicy(r -> r.policyName(policy.policyName()).serviceNamespace(NAMESPACE).resourceId(id)
            .scalableDimension(DIMENSION));
      } catch (ObjectNotFoundException e) {
        // deleted by an earlier attempt
      }
    }
    try {
      client.deregisterScalableTarget(r -> r.serviceNamespace(NAMESPACE).resourceId(id).scalableDimension(DIMENSION));
    } catch (ObjectNotFoundException e) {
      // deregistered by an earlier attempt
    }
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
