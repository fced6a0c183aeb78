package dev.sagemakergitops.local.spi;

import java.time.Instant;
import java.util.Map;

/** Where the simulation publishes CloudWatch metrics (the {@code AWS/SageMaker} invocation metrics). */
public interface MetricRecorder {
  /**
   * @param dimensions for example {@code EndpointName} and {@code VariantName}
   * @param unit a CloudWatch unit such as {@code Count} or {@code Microseconds}
   */
  void record(String region, String namespace, String metricName, Map<String, String> dimensions, double value,
      String unit, Instant timestamp);
}
