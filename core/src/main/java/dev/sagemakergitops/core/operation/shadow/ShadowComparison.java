package dev.sagemakergitops.core.operation.shadow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The shadow variant measured against production over one window, and the verdict on the
 * manifest's criteria.
 *
 * @param windowStart the first instant measured
 * @param windowEnd the end of the window (exclusive)
 * @param production production's metrics
 * @param shadow the shadow's metrics
 * @param maxLatencyIncreasePercent the criterion: the most the shadow's average model latency may
 *     exceed production's, in percent
 * @param maxErrorRatePercent the criterion: the highest error rate the shadow may show, in percent
 * @param latencyIncreasePercent how much slower (positive) or faster (negative) the shadow was, or
 *     {@code null} when it could not be measured
 * @param verdict passed, failed or inconclusive
 * @param findings one sentence per criterion, or why there was no judging
 */
public record ShadowComparison(Instant windowStart, Instant windowEnd, VariantMetrics production,
    VariantMetrics shadow, double maxLatencyIncreasePercent, double maxErrorRatePercent,
    Double latencyIncreasePercent, Verdict verdict, List<String> findings) {

  /** Below this, a difference from a limit is floating-point noise: exactly at the limit passes. */
  private static final double TOLERANCE = 1e-9;

  public ShadowComparison {
    Objects.requireNonNull(production, "production");
    Objects.requireNonNull(shadow, "shadow");
    Objects.requireNonNull(verdict, "verdict");
    findings = List.copyOf(findings);
  }

  /**
   * Judges {@code shadow} against {@code production}. Fail safe: a shadow without requests, or a
   * production without latency to compare with, is inconclusive, and an inconclusive test never
   * promotes anything.
   */
  public static ShadowComparison judge(Instant windowStart, Instant windowEnd, VariantMetrics production,
      VariantMetrics shadow, double maxLatencyIncreasePercent, double maxErrorRatePercent) {
    List<String> findings = new ArrayList<>();
    if (shadow.invocations() <= 0) {
      findings.add("the shadow variant received no requests between " + windowStart + " and " + windowEnd
          + " (production received " + count(production.invocations()) + "), so there is nothing to judge");
      return new ShadowComparison(windowStart, windowEnd, production, shadow, maxLatencyIncreasePercent,
          maxErrorRatePercent, null, Verdict.INCONCLUSIVE, findings);
    }
    boolean failed = false;
    double errorRate = shadow.errorRatePercent();
    if (errorRate > maxErrorRatePercent + TOLERANCE) {
      failed = true;
      findings.add("error rate " + percent(errorRate) + " (" + count(shadow.errors()) + " of "
          + count(shadow.invocations()) + " requests) is above the limit of " + percent(maxErrorRatePercent));
    } else {
      findings.add("error rate " + percent(errorRate) + " is within the limit of " + percent(maxErrorRatePercent));
    }
    Double productionLatency = production.averageLatencyMillis();
    Double shadowLatency = shadow.averageLatencyMillis();
    Double increase = null;
    if (productionLatency == null || productionLatency <= 0 || shadowLatency == null) {
      findings.add("model latency could not be compared: " + (shadowLatency == null ? "the shadow" : "production")
          + " published no ModelLatency in the window");
    } else {
      increase = 100.0 * (shadowLatency - productionLatency) / productionLatency;
      String comparison = "average model latency " + millis(shadowLatency) + " against production's "
          + millis(productionLatency) + " (" + signed(increase) + ")";
      if (increase > maxLatencyIncreasePercent + TOLERANCE) {
        failed = true;
        findings.add(comparison + " is above the limit of +" + percent(maxLatencyIncreasePercent));
      } else {
        findings.add(comparison + " is within the limit of +" + percent(maxLatencyIncreasePercent));
      }
    }
    Verdict verdict = failed ? Verdict.FAILED : increase == null ? Verdict.INCONCLUSIVE : Verdict.PASSED;
    return new ShadowComparison(windowStart, windowEnd, production, shadow, maxLatencyIncreasePercent,
        maxErrorRatePercent, increase, verdict, findings);
  }

  /** The numbers on one line, for logs and failure messages. */
  public String summary() {
    Double productionLatency = production.averageLatencyMillis();
    Double shadowLatency = shadow.averageLatencyMillis();
    return "latency " + (shadowLatency == null ? "n/a" : millis(shadowLatency)) + " (shadow) vs "
        + (productionLatency == null ? "n/a" : millis(productionLatency)) + " (production)"
        + (latencyIncreasePercent == null ? "" : ", " + signed(latencyIncreasePercent)) + " [limit +"
        + percent(maxLatencyIncreasePercent) + "]; errors " + count(shadow.errors()) + " of "
        + count(shadow.invocations()) + " shadow requests"
        + (shadow.errorRatePercent() == null ? "" : " (" + percent(shadow.errorRatePercent()) + ")") + " [limit "
        + percent(maxErrorRatePercent) + "], production " + count(production.errors()) + " of "
        + count(production.invocations()) + "; window " + windowStart + " to " + windowEnd;
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.2f %%", value);
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.1f %%", value);
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.2f ms", value);
  }

  private static String count(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
