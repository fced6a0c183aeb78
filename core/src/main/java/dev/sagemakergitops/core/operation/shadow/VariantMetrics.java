package dev.sagemakergitops.core.operation.shadow;

/**
 * One variant's {@code AWS/SageMaker} invocation metrics over a window, summed.
 *
 * @param variantName the variant
 * @param invocations {@code Invocations}, Sum
 * @param latencySumMicros {@code ModelLatency}, Sum (microseconds)
 * @param latencySamples {@code ModelLatency}, SampleCount
 * @param errors4xx {@code Invocation4XXErrors}, Sum
 * @param errors5xx {@code Invocation5XXErrors}, Sum
 * @param modelErrors {@code InvocationModelErrors}, Sum
 */
public record VariantMetrics(String variantName, double invocations, double latencySumMicros, double latencySamples,
    double errors4xx, double errors5xx, double modelErrors) {

  /** No data at all (a variant that took no request publishes nothing). */
  public static VariantMetrics none(String variantName) {
    return new VariantMetrics(variantName, 0, 0, 0, 0, 0, 0);
  }

  /** The average model latency in milliseconds, or {@code null} when no latency was published. */
  public Double averageLatencyMillis() {
    return latencySamples > 0 ? latencySumMicros / latencySamples / 1000.0 : null;
  }

  /**
   * Failed requests. {@code InvocationModelErrors} counts every non-2xx answer of the model, and
   * {@code Invocation4XXErrors} and {@code Invocation5XXErrors} the answers to callers; the same
   * failure may appear in both, so the larger of the two counts is taken, never their sum.
   */
  public double errors() {
    return Math.max(errors4xx + errors5xx, modelErrors);
  }

  /** {@link #errors()} as a percentage of {@link #invocations()}, or {@code null} without requests. */
  public Double errorRatePercent() {
    return invocations > 0 ? 100.0 * errors() / invocations : null;
  }
}
