package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.manifest.EndpointSpec;
import java.util.List;

/**
 * The manifest's {@code spec.endpoint.autoscaling} as plain data: every instance-backed variant
 * becomes a scalable target with a target-tracking policy on
 * {@code SageMakerVariantInvocationsPerInstance}.
 *
 * @param variants the instance-backed variants to register
 * @param minCapacity {@code MinCapacity}
 * @param maxCapacity {@code MaxCapacity}
 * @param targetValue invocations per instance per minute ({@code maxRps * safetyFactor * 60})
 * @param scaleInCooldownSeconds {@code ScaleInCooldown}
 * @param scaleOutCooldownSeconds {@code ScaleOutCooldown}
 */
public record AutoscalingPlan(List<String> variants, int minCapacity, int maxCapacity, double targetValue,
    int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {

  public AutoscalingPlan {
    variants = List.copyOf(variants);
  }

  /** The plan for {@code endpoint}, or {@code null} when it has no autoscaling. */
  public static AutoscalingPlan of(EndpointSpec endpoint) {
    EndpointSpec.Autoscaling a = endpoint.autoscaling();
    if (a == null) {
      return null;
    }
    List<String> variants = endpoint.variants().stream().filter(v -> v.serverless() == null)
        .map(EndpointSpec.Variant::name).toList();
    return new AutoscalingPlan(variants, a.minCapacity(), a.maxCapacity(), a.invocationsPerInstanceTarget(),
        (int) a.scaleInCooldown().toSeconds(), (int) a.scaleOutCooldown().toSeconds());
  }
}
