package dev.sagemakergitops.core.manifest;

import dev.sagemakergitops.core.manifest.EndpointSpec.Autoscaling;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.time.Duration;
import java.util.List;

/**
 * Binds {@code spec.endpoint.autoscaling} (Application Auto Scaling's capacity range and target
 * tracking inputs) and checks that every variant starts inside that range.
 */
final class AutoscalingBinder {
  private AutoscalingBinder() {}

  /** The autoscaling settings, or {@code null} when absent or when a required value is missing or wrong. */
  static Autoscaling bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    // SageMaker's guide asks for at least one instance; App Auto Scaling allows 0 only for other resources.
    Integer min = node.integer("minCapacity", true, 1, 1000);
    Integer max = node.integer("maxCapacity", true, 1, 1000);
    Double maxRps = node.number("maxRps", true, 0.001, 1_000_000);
    Double safety = node.number("safetyFactor", false, 0.01, 1.0);
    Duration scaleIn = node.duration("scaleInCooldown", false, Duration.ZERO, Duration.ofDays(1));
    Duration scaleOut = node.duration("scaleOutCooldown", false, Duration.ZERO, Duration.ofDays(1));
    if (min != null && max != null && max < min) {
      node.problem("maxCapacity", "expected maxCapacity (" + max + ") to be at least minCapacity (" + min + ")");
      return null;
    }
    if (min == null || max == null || maxRps == null) {
      return null;
    }
    return new Autoscaling(min, max, maxRps, safety == null ? 0.5 : safety,
        scaleIn == null ? Duration.ofSeconds(300) : scaleIn, scaleOut == null ? Duration.ofSeconds(300) : scaleOut);
  }

  /**
   * Records a problem on the endpoint's {@code autoscaling} for each variant it cannot scale: a
   * serverless one, or one whose starting instance count is outside the range.
   */
  static void checkVariants(YamlMapping endpoint, Autoscaling autoscaling, List<Variant> variants) {
    for (Variant variant : variants) {
      if (variant.serverless() != null) {
        endpoint.problem("autoscaling", "instance autoscaling does not apply to the serverless variant '"
            + variant.name() + "'; remove autoscaling or use instances");
      } else if (variant.instanceCount() < autoscaling.minCapacity()
          || variant.instanceCount() > autoscaling.maxCapacity()) {
        endpoint.problem("autoscaling", "variant '" + variant.name() + "' starts with " + variant.instanceCount()
            + " instances, outside autoscaling's " + autoscaling.minCapacity() + " to " + autoscaling.maxCapacity()
            + "; make instanceCount fit between minCapacity and maxCapacity");
      }
    }
  }
}
