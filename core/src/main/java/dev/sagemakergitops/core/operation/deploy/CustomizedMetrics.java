package dev.sagemakergitops.core.operation.deploy;

import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDimension;

/**
 * A target-tracking policy's customized metric, between Application Auto Scaling's shape and the
 * plain data a deploy's state keeps ({@link CapturedAutoscaling.CustomizedMetric}), so that a team's
 * policy on its own metric (or on metric math) is put back as it was after an instance-type change.
 * Empty lists stay unsent on the way back, as they were absent on the way in.
 */
final class CustomizedMetrics {
  private CustomizedMetrics() {}

  /** {@code specification} as plain data; null when the policy tracks a predefined metric. */
  static CapturedAutoscaling.CustomizedMetric capture(CustomizedMetricSpecification specification) {
    if (specification == null) {
      return null;
    }
    List<CapturedAutoscaling.MetricQuery> queries = specification.hasMetrics()
        ? specification.metrics().stream().map(CustomizedMetrics::capture).toList() : List.of();
    List<CapturedAutoscaling.Dimension> dimensions = specification.hasDimensions()
        ? specification.dimensions().stream().map(d -> new CapturedAutoscaling.Dimension(d.name(), d.value())).toList()
        : List.of();
    return new CapturedAutoscaling.CustomizedMetric(specification.metricName(), specification.namespace(), dimensions,
        specification.statisticAsString(), specification.unit(), queries);
  }

  private static CapturedAutoscaling.MetricQuery capture(TargetTrackingMetricDataQuery query) {
    var stat = query.metricStat();
    var metric = stat == null ? null : stat.metric();
    List<CapturedAutoscaling.Dimension> dimensions = metric != null && metric.hasDimensions()
        ? metric.dimensions().stream().map(d -> new CapturedAutoscaling.Dimension(d.name(), d.value())).toList()
        : List.of();
    return new CapturedAutoscaling.MetricQuery(query.id(), query.expression(), query.label(), query.returnData(),
        metric == null ? null : metric.metricName(), metric == null ? null : metric.namespace(), dimensions,
        stat == null ? null : stat.stat(), stat == null ? null : stat.unit());
  }

  /** The specification to send again. */
  static CustomizedMetricSpecification restore(CapturedAutoscaling.CustomizedMetric captured) {
    CustomizedMetricSpecification.Builder specification = CustomizedMetricSpecification.builder()
        .metricName(captured.metricName()).namespace(captured.namespace()).statistic(captured.statistic())
        .unit(captured.unit());
    if (!captured.dimensions().isEmpty()) {
      specification.dimensions(captured.dimensions().stream()
          .map(d -> MetricDimension.builder().name(d.name()).value(d.value()).build()).toList());
    }
    if (!captured.metrics().isEmpty()) {
      specification.metrics(captured.metrics().stream().map(CustomizedMetrics::restore).toList());
    }
    return specification.build();
  }

  private static TargetTrackingMetricDataQuery restore(CapturedAutoscaling.MetricQuery query) {
    TargetTrackingMetricDataQuery.Builder builder = TargetTrackingMetricDataQuery.builder().id(query.id())
        .expression(query.expression()).label(query.label()).returnData(query.returnData());
    if (query.metricName() != null) {
      builder.metricStat(s -> s.stat(query.stat()).unit(query.unit()).metric(m -> {
        m.metricName(query.metricName()).namespace(query.namespace());
        if (!query.dimensions().isEmpty()) {
          m.dimensions(query.dimensions().stream()
              .map(d -> TargetTrackingMetricDimension.builder().name(d.name()).value(d.value()).build()).toList());
        }
      }));
    }
    return builder.build();
  }
}
