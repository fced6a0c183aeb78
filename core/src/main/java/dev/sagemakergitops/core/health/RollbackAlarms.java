package dev.sagemakergitops.core.health;

import dev.sagemakergitops.core.aws.AlarmLookup;
import dev.sagemakergitops.core.aws.SharedAlarmReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Which of a deployment's rollback alarms fired: the early sign of a rollback (SageMaker rolls back
 * at its next reading of an alarm in ALARM), and the blame once {@link Rollback} is read from the
 * endpoint. SageMaker's {@code FailureReason} after an alarm-triggered rollback is not documented
 * (and may be empty after the rollback, see {@code sagemaker-api.md}), so the alarms are named from
 * three sources: those seen in ALARM while the deployment baked, those in ALARM when the rollback is
 * detected, and those the {@code FailureReason} mentions ({@link Rollback#blame}).
 */
public final class RollbackAlarms {
  private RollbackAlarms() {}

  /** The alarms among {@code names} in ALARM now (one {@code DescribeAlarms}, at most 10 names). */
  public static List<String> inAlarm(CloudWatchClient cloudWatch, List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    DescribeAlarmsResponse response = cloudWatch.describeAlarms(r -> r.alarmNames(names).stateValue(StateValue.ALARM)
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    List<String> out = new ArrayList<>();
    response.metricAlarms().forEach(a -> out.add(a.alarmName()));
    response.compositeAlarms().forEach(a -> out.add(a.alarmName()));
    return out;
  }

  /**
   * What one look at the rollback alarms found.
   *
   * @param inAlarm the alarms in ALARM
   * @param updatedAt the latest {@code StateUpdatedTimestamp} among them, or null
   */
  public record Look(List<String> inAlarm, Instant updatedAt) {
    public Look {
      inAlarm = List.copyOf(inAlarm);
    }

    /**
     * True when an alarm is in ALARM, or one changed state since the look that saw {@code before}:
     * an alarm that went to ALARM and back between two looks has still rolled the deployment back.
     * The alarms' own timestamps are compared, never this machine's clock.
     */
    public boolean alert(Instant before) {
      return !inAlarm.isEmpty() || (before != null && updatedAt != null && updatedAt.isAfter(before));
    }
  }

  /**
   * What a look at a deployment's alarms found, from {@code alarms}: the deployment's own alarms as
   * CloudWatch described them (metric alarms first, then composite ones, in CloudWatch's order), read
   * for it alone or together with other deployments' ({@link SharedAlarmReads}). Only these alarms
   * count, for their states and for the latest {@code StateUpdatedTimestamp}.
   */
  public static Look look(List<AlarmLookup.Alarm> alarms) {
    List<String> inAlarm = new ArrayList<>();
    Instant updated = null;
    for (AlarmLookup.Alarm alarm : alarms) {
      if (alarm.inAlarm()) {
        inAlarm.add(alarm.name());
      }
      updated = latest(updated, alarm.stateUpdatedAt());
    }
    return new Look(List.copyOf(inAlarm), updated);
  }

  /** The look {@code reading} gives its deployment (see {@link #look(List)}). */
  public static Look look(SharedAlarmReads.Reading reading) {
    return look(reading.alarms());
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
