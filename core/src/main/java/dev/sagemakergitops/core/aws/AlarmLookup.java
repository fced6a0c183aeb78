package dev.sagemakergitops.core.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Tells which CloudWatch alarms do not exist, and what state the others are in and how long they
 * need to go to ALARM, in the account and region of the client it is given (the endpoint's region:
 * SageMaker's auto-rollback reads alarms there).
 *
 * <p>One {@code DescribeAlarms} call per 100 names (CloudWatch's limit for {@code AlarmNames}),
 * through the SDK's paginator. Both metric and composite alarms count: without {@code AlarmTypes}
 * CloudWatch would return metric alarms only and report an existing composite alarm as missing.
 * Alarm names are case-sensitive, as in CloudWatch. Read-only.
 */
public final class AlarmLookup {

  /** CloudWatch's maximum of {@code AlarmNames} in one request. */
  static final int MAX_NAMES_PER_CALL = 100;

  private final CloudWatchClient cloudWatch;

  public AlarmLookup(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /**
   * One alarm as a deployment's pre-flight needs it.
   *
   * @param name the alarm's name
   * @param state {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
   * @param timeToAlarm the shortest time of breaching data before a metric alarm can go to ALARM:
   *     {@code Period} times {@code DatapointsToAlarm} (or {@code EvaluationPeriods} when that is not
   *     set; CloudWatch's "M out of N"); null for a composite alarm, which follows its rule
   * @param stateUpdatedAt the alarm's {@code StateUpdatedTimestamp}: when its state last changed, by
   *     CloudWatch's clock; null when CloudWatch gives none
   * @param composite true for a composite alarm, false for a metric alarm
   */
  public record Alarm(String name, String state, Duration timeToAlarm, Instant stateUpdatedAt, boolean composite) {

    /** A metric alarm without its state's timestamp, as the pre-flight and validation use it. */
    public Alarm(String name, String state, Duration timeToAlarm) {
      this(name, state, timeToAlarm, null, false);
    }

    public boolean inAlarm() {
      return "ALARM".equals(state);
    }
  }

  /**
   * The names among {@code alarmNames} that name no alarm, in the order given.
   *
   * @throws AwsCallException when CloudWatch cannot be asked or refuses to answer
   */
  public Set<String> missing(Collection<String> alarmNames) {
    Set<String> missing = new LinkedHashSet<>(alarmNames);
    missing.removeAll(describe(alarmNames).keySet());
    return missing;
  }

  /**
   * The alarms among {@code alarmNames} that exist, by name, in the order given.
   *
   * @throws AwsCallException when CloudWatch cannot be asked or refuses to answer
   */
  public Map<String, Alarm> describe(Collection<String> alarmNames) {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(alarmNames));
    Map<String, Alarm> found = new LinkedHashMap<>();
    for (int from = 0; from < names.size(); from += MAX_NAMES_PER_CALL) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + MAX_NAMES_PER_CALL));
      found.putAll(existing(batch));
    }
    Map<String, Alarm> ordered = new LinkedHashMap<>();
    names.stream().filter(found::containsKey).forEach(n -> ordered.put(n, found.get(n)));
    return ordered;
  }

  /**
   * The alarms among {@code alarmNames} that exist, in CloudWatch's order: the metric alarms, then
   * the composite alarms, each in the order CloudWatch lists them (by name). The names are asked in
   * name order, 100 to a call, so that the order holds across calls too: a list filtered to some of
   * the names is what a call for only those names would have answered.
   *
   * @throws AwsCallException when CloudWatch cannot be asked or refuses to answer
   */
  public List<Alarm> read(Collection<String> alarmNames) {
    List<String> names = new ArrayList<>(new TreeSet<>(alarmNames));
    List<Alarm> metric = new ArrayList<>();
    List<Alarm> composite = new ArrayList<>();
    for (int from = 0; from < names.size(); from += MAX_NAMES_PER_CALL) {
      for (Alarm alarm : existing(names.subList(from, Math.min(names.size(), from + MAX_NAMES_PER_CALL))).values()) {
        (alarm.composite() ? composite : metric).add(alarm);
      }
    }
    metric.addAll(composite);
    return metric;
  }

  private Map<String, Alarm> existing(List<String> batch) {
    DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
        .alarmNames(batch)
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
        .build();
    Map<String, Alarm> found = new LinkedHashMap<>();
    try {
      for (DescribeAlarmsResponse page : cloudWatch.describeAlarmsPaginator(request)) {
        page.metricAlarms().forEach(a -> found.put(a.alarmName(), metric(a)));
        page.compositeAlarms().forEach(a -> found.put(a.alarmName(), new Alarm(a.alarmName(), a.stateValueAsString(),
            null, a.stateUpdatedTimestamp(), true)));
      }
    } catch (AwsServiceException e) {
      throw new AwsCallException(failure() + AwsFailures.errorCode(e) + ": " + AwsFailures.serviceMessage(e),
          AwsFailures.errorCode(e), e);
    } catch (SdkClientException e) {
      throw new AwsCallException(failure() + AwsFailures.clientMessage(e), e.getClass().getSimpleName(), e);
    }
    return found;
  }

  private static Alarm metric(MetricAlarm alarm) {
    Integer datapoints = alarm.datapointsToAlarm() != null ? alarm.datapointsToAlarm() : alarm.evaluationPeriods();
    // An alarm on a metric math expression has its period on the metrics, not on the alarm.
    Integer period = alarm.period() != null ? alarm.period()
        : alarm.metrics().stream().filter(m -> m.metricStat() != null && m.metricStat().period() != null)
            .map(m -> m.metricStat().period()).max(Integer::compare).orElse(null);
    Duration window = period == null || datapoints == null ? null : Duration.ofSeconds((long) period * datapoints);
    return new Alarm(alarm.alarmName(), alarm.stateValueAsString(), window, alarm.stateUpdatedTimestamp(), false);
  }

  private String failure() {
    return "could not look up CloudWatch alarms in " + cloudWatch.serviceClientConfiguration().region().id()
        + " (DescribeAlarms): ";
  }
}
