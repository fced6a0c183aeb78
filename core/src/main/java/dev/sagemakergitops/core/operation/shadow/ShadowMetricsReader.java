package dev.sagemakergitops.core.operation.shadow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Reads the invocation metrics SageMaker publishes per variant ({@code AWS/SageMaker}, dimensions
 * {@code EndpointName} and {@code VariantName}) with one {@code GetMetricData} (and its pages) for
 * all variants, and sums each over the window. Latency is read as Sum and SampleCount, so that the
 * window's average weights every request equally however the requests spread over periods.
 */
final class ShadowMetricsReader {
  private static final String NAMESPACE = "AWS/SageMaker";
  /** Query id suffix, metric name and statistic; ids must start with a lower-case letter. */
  private static final List<String[]> QUERIES = List.of(
      new String[] {"invocations", "Invocations", "Sum"},
      new String[] {"latencysum", "ModelLatency", "Sum"},
      new String[] {"latencycount", "ModelLatency", "SampleCount"},
      new String[] {"errors4xx", "Invocation4XXErrors", "Sum"},
      new String[] {"errors5xx", "Invocation5XXErrors", "Sum"},
      new String[] {"modelerrors", "InvocationModelErrors", "Sum"});

  private final CloudWatchClient cloudWatch;

  ShadowMetricsReader(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /** The metrics of each of {@code variants} of {@code endpointName} over {@code window}, by variant name. */
  Map<String, VariantMetrics> read(String endpointName, List<String> variants, MetricWindow window) {
    Map<String, VariantMetrics> out = new LinkedHashMap<>();
    if (window.isEmpty()) {
      variants.forEach(v -> out.put(v, VariantMetrics.none(v)));
      return out;
    }
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      String variant = variants.get(i);
      for (String[] query : QUERIES) {
        queries.add(MetricDataQuery.builder()
            .id("v" + i + query[0])
            .metricStat(stat -> stat
                .metric(m -> m.namespace(NAMESPACE).metricName(query[1]).dimensions(
                    Dimension.builder().name("EndpointName").value(endpointName).build(),
                    Dimension.builder().name("VariantName").value(variant).build()))
                .period(window.periodSeconds())
                .stat(query[2]))
            .returnData(true)
            .build());
      }
    }
    GetMetricDataRequest request = GetMetricDataRequest.builder()
        .startTime(window.start())
        .endTime(window.end())
        .metricDataQueries(queries)
        .build();
    Map<String, Double> sums = new HashMap<>();
    for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(request)) {
      for (MetricDataResult result : page.metricDataResults()) {
        double sum = result.values().stream().mapToDouble(Double::doubleValue).sum();
        sums.merge(result.id(), sum, Double::sum);
      }
    }
    for (int i = 0; i < variants.size(); i++) {
      String prefix = "v" + i;
      out.put(variants.get(i), new VariantMetrics(variants.get(i),
          sums.getOrDefault(prefix + "invocations", 0.0),
          sums.getOrDefault(prefix + "latencysum", 0.0),
          sums.getOrDefault(prefix + "latencycount", 0.0),
          sums.getOrDefault(prefix + "errors4xx", 0.0),
          sums.getOrDefault(prefix + "errors5xx", 0.0),
          sums.getOrDefault(prefix + "modelerrors", 0.0)));
    }
    return out;
  }
}
