package dev.sagemakergitops.core.manifest;

import java.time.Duration;

/**
 * A shadow test (a SageMaker inference experiment in shadow mode) run before deploying.
 *
 * @param samplingPercent the share of production requests copied to the shadow variant, 1-100
 * @param duration how long the experiment runs, 1 hour to 30 days
 * @param maxLatencyIncreasePercent the most the shadow's model latency may exceed production's
 * @param maxErrorRatePercent the highest error rate the shadow may show
 * @param onPass what happens to the shadow variant when it passes
 * @param instanceType the shadow variant's instance type, or {@code null} for production's
 * @param instanceCount the shadow variant's instances, or 0 for production's
 */
public record ShadowTestSpec(
    int samplingPercent,
    Duration duration,
    double maxLatencyIncreasePercent,
    double maxErrorRatePercent,
    OnPass onPass,
    String instanceType,
    int instanceCount) {

  /** SageMaker's {@code ModelVariantAction} for the shadow variant of a passing test. */
  public enum OnPass {
    PROMOTE("promote"),
    RETAIN("retain"),
    REMOVE("remove");

    private final String manifestName;

    OnPass(String manifestName) {
      this.manifestName = manifestName;
    }

    public String manifestName() {
      return manifestName;
    }
  }
}
