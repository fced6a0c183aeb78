package dev.sagemakergitops.core.operation.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verdict on the manifest's criteria, from summed metrics. */
class ShadowComparisonTest {
  private static final Instant FROM = Instant.parse("2026-11-02T09:05:00Z");
  private static final Instant TO = Instant.parse("2026-11-02T09:55:00Z");

  /** {@code invocations} requests averaging {@code latencyMillis}, {@code errors} of them failed. */
  private static VariantMetrics variant(String name, double invocations, double latencyMillis, double errors) {
    return new VariantMetrics(name, invocations, invocations * latencyMillis * 1000, invocations, 0, errors, errors);
  }

  private static ShadowComparison judge(VariantMetrics production, VariantMetrics shadow) {
    return ShadowComparison.judge(FROM, TO, production, shadow, 10, 1);
  }

  @Test
  void judge_whenLatencyAndErrorsAreWithinTheLimits_passes() {
    ShadowComparison comparison = judge(variant("prod", 200, 4.0, 0), variant("shadow", 100, 4.4, 1));

    assertThat(comparison.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(comparison.latencyIncreasePercent()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(comparison.findings()).containsExactly("error rate 1.00 % is within the limit of 1.00 %",
        "average model latency 4.40 ms against production's 4.00 ms (+10.0 %) is within the limit of +10.00 %");
  }

  @Test
  void judge_whenTheShadowIsSlowerThanAllowed_fails() {
    ShadowComparison comparison = judge(variant("prod", 200, 4.0, 0), variant("shadow", 100, 4.5, 0));

    assertThat(comparison.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(comparison.findings()).contains(
        "average model latency 4.50 ms against production's 4.00 ms (+12.5 %) is above the limit of +10.00 %");
  }

  @Test
  void judge_whenTheShadowFailsMoreThanAllowed_failsEvenIfFaster() {
    ShadowComparison comparison = judge(variant("prod", 200, 4.0, 0), variant("shadow", 100, 2.0, 2));

    assertThat(comparison.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(comparison.findings().get(0)).isEqualTo("error rate 2.00 % (2 of 100 requests) is above the limit "
        + "of 1.00 %");
  }

  @Test
  void judge_whenTheShadowHadNoRequests_isInconclusive() {
    ShadowComparison comparison = judge(variant("prod", 200, 4.0, 0), VariantMetrics.none("shadow"));

    assertThat(comparison.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(comparison.latencyIncreasePercent()).isNull();
    assertThat(comparison.findings()).singleElement().asString()
        .isEqualTo("the shadow variant received no requests between 2026-11-02T09:05:00Z and 2026-11-02T09:55:00Z "
            + "(production received 200), so there is nothing to judge");
  }

  @Test
  void judge_whenProductionPublishedNoLatency_isInconclusiveRatherThanPassed() {
    ShadowComparison comparison = judge(VariantMetrics.none("prod"), variant("shadow", 100, 4.0, 0));

    assertThat(comparison.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(comparison.findings()).contains("model latency could not be compared: production published no "
        + "ModelLatency in the window");
  }

  @Test
  void errors_whenModelErrorsAlsoCountAsServerErrors_countsEachFailureOnce() {
    VariantMetrics metrics = new VariantMetrics("shadow", 100, 0, 0, 1, 4, 5);

    assertThat(metrics.errors()).isEqualTo(5);
    assertThat(metrics.errorRatePercent()).isEqualTo(5.0);
  }
}
