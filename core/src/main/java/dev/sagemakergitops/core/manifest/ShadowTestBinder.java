package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.SHADOW_TEST_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.SHADOW_TEST_MIN;

import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import dev.sagemakergitops.core.manifest.ShadowTestSpec.OnPass;
import java.time.Duration;
import java.util.List;

/**
 * Binds {@code spec.shadowTest} (sampling, duration, comparison thresholds, what to do on a pass)
 * and checks SageMaker's shadow test exclusions against the endpoint it runs on.
 */
final class ShadowTestBinder {
  private ShadowTestBinder() {}

  /** The shadow test, or {@code null} when absent or when any value is wrong. */
  static ShadowTestSpec bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    Integer sampling = node.percent("samplingPercent", true, 1, 100);
    Duration duration = node.duration("duration", false, SHADOW_TEST_MIN, SHADOW_TEST_MAX);
    YamlMapping compare = node.mapping("compare", false, ManifestKeys.COMPARE_KEYS);
    Double latency = compare == null ? null : compare.number("maxLatencyIncreasePercent", false, 0, 10_000);
    Double errors = compare == null ? null : compare.number("maxErrorRatePercent", false, 0, 100);
    String onPass = node.oneOf("onPass", false, List.of("promote", "retain", "remove"));
    String instanceType = SageMakerFields.instanceType(node, "instanceType", false, InstanceTypes.Use.HOSTING);
    Integer count = node.integer("instanceCount", false, 1, 1000);
    if (sampling == null || (node.has("duration") && duration == null) || (node.has("onPass") && onPass == null)
        || (compare != null && (compare.has("maxLatencyIncreasePercent") && latency == null
            || compare.has("maxErrorRatePercent") && errors == null))
        || (node.has("instanceType") && instanceType == null) || (node.has("instanceCount") && count == null)) {
      return null;
    }
    OnPass action = OnPass.PROMOTE;
    for (OnPass candidate : OnPass.values()) {
      if (candidate.manifestName().equals(onPass)) {
        action = candidate;
      }
    }
    return new ShadowTestSpec(sampling, duration == null ? SHADOW_TEST_MIN : duration, latency == null ? 10 : latency,
        errors == null ? 1 : errors, action, instanceType, count == null ? 0 : count);
  }

  /**
   * Records a problem on {@code spec.shadowTest} for each exclusion the endpoint meets: more than
   * one variant, serverless, multi-model, Inf1.
   */
  static void checkExclusions(YamlMapping spec, EndpointSpec endpoint, ModelSpec model) {
    if (endpoint.variants().size() != 1) {
      spec.problem("shadowTest", "a shadow test needs an endpoint with exactly one production variant (this one has "
          + endpoint.variants().size() + "); remove the shadow test or the extra variants");
    }
    if (endpoint.isServerless()) {
      spec.problem("shadowTest", "shadow tests exclude serverless endpoints; remove the shadow test or use instances");
    }
    if (model != null && model.mode() == ModelSpec.Mode.MULTI_MODEL) {
      spec.problem("shadowTest", "shadow tests exclude multi-model endpoints; remove the shadow test or use"
          + " mode SingleModel");
    }
    for (Variant variant : endpoint.variants()) {
      if (variant.instanceType() != null && variant.instanceType().startsWith("ml.inf1.")) {
        spec.problem("shadowTest", "shadow tests exclude Inf1 instances (variant '" + variant.name() + "' runs on "
            + variant.instanceType() + ")");
      }
    }
  }
}
