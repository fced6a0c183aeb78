package dev.sagemakergitops.core.operation.deploy;

import java.time.Instant;
import java.util.List;

/**
 * A variant's autoscaling as it was just before a deploy deregistered it (SageMaker refuses to change
 * the instance type of a scalable target, and deregistering "deletes the scaling policies and the
 * scheduled actions that are associated with it", botocore {@code DeregisterScalableTarget}). Kept
 * in the deploy's state, so that every outcome, a crash and a re-run included, can register it
 * again as it was. Plain data.
 *
 * @param variant the variant
 * @param minCapacity {@code MinCapacity}
 * @param maxCapacity {@code MaxCapacity}
 * @param policies every scaling policy of the target, this tool's and a team's own
 * @param scheduledActions every scheduled action of the target
 * @param notCaptured policies that could not be captured (a type other than target tracking and
 *     step scaling), by name: reported, to be put back by hand
 */
public record CapturedAutoscaling(String variant, int minCapacity, int maxCapacity, List<Policy> policies,
    List<ScheduledAction> scheduledActions, List<String> notCaptured) {

  public CapturedAutoscaling {
    policies = List.copyOf(policies);
    scheduledActions = List.copyOf(scheduledActions);
    notCaptured = List.copyOf(notCaptured);
  }

  /**
   * A scaling policy: target tracking on a predefined or a customized metric, or step scaling.
   *
   * @param name {@code PolicyName}
   * @param type {@code TargetTrackingScaling} or {@code StepScaling}
   * @param targetValue target tracking: {@code TargetValue}
   * @param predefinedMetric target tracking on a predefined metric: {@code PredefinedMetricType}
   * @param resourceLabel target tracking: {@code ResourceLabel}, or null
   * @param scaleInCooldown target tracking: seconds, or null
   * @param scaleOutCooldown target tracking: seconds, or null
   * @param disableScaleIn target tracking, or null
   * @param adjustmentType step scaling: {@code AdjustmentType}
   * @param cooldown step scaling: seconds, or null
   * @param metricAggregationType step scaling, or null
   * @param minAdjustmentMagnitude step scaling, or null
   * @param steps step scaling: the step adjustments
   * @param customizedMetric target tracking on a customized metric: its
   *     {@code CustomizedMetricSpecification}, or null (also in states saved before it was captured)
   */
  public record Policy(String name, String type, Double targetValue, String predefinedMetric, String resourceLabel,
      Integer scaleInCooldown, Integer scaleOutCooldown, Boolean disableScaleIn, String adjustmentType,
      Integer cooldown, String metricAggregationType, Integer minAdjustmentMagnitude, List<Step> steps,
      CustomizedMetric customizedMetric) {
    public Policy {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }
  }

  /**
   * A {@code CustomizedMetricSpecification}, in full: one CloudWatch metric ({@code MetricName},
   * {@code Namespace}, {@code Dimensions}, {@code Statistic}, {@code Unit}), or metric math
   * ({@code Metrics}: queries, one of which returns the value tracked).
   */
  public record CustomizedMetric(String metricName, String namespace, List<Dimension> dimensions, String statistic,
      String unit, List<MetricQuery> metrics) {
    public CustomizedMetric {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
      metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
  }

  /** A CloudWatch metric dimension. */
  public record Dimension(String name, String value) {}

  /**
   * A {@code TargetTrackingMetricDataQuery}: an expression over other queries, or a metric
   * ({@code MetricStat}: the metric's name, namespace and dimensions, its statistic and unit).
   */
  public record MetricQuery(String id, String expression, String label, Boolean returnData, String metricName,
      String namespace, List<Dimension> dimensions, String stat, String unit) {
    public MetricQuery {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }
  }

  /** A step adjustment: bounds relative to the alarm threshold (null for open), and the adjustment. */
  public record Step(Double lowerBound, Double upperBound, int adjustment) {}

  /**
   * A scheduled action.
   *
   * @param name {@code ScheduledActionName}
   * @param schedule {@code Schedule} ({@code at(...)}, {@code rate(...)}, {@code cron(...)})
   * @param timezone {@code Timezone}, or null
   * @param startTime {@code StartTime}, or null
   * @param endTime {@code EndTime}, or null
   * @param minCapacity {@code ScalableTargetAction.MinCapacity}, or null
   * @param maxCapacity {@code ScalableTargetAction.MaxCapacity}, or null
   */
  public record ScheduledAction(String name, String schedule, String timezone, Instant startTime, Instant endTime,
      Integer minCapacity, Integer maxCapacity) {}

  /** One line for the log. */
  String describe() {
    return "min " + minCapacity + ", max " + maxCapacity + ", policies "
        + policies.stream().map(Policy::name).toList() + ", scheduled actions "
        + scheduledActions.stream().map(ScheduledAction::name).toList();
  }
}
