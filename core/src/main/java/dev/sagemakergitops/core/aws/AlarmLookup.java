package dev.sagemakergitops.core.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Tells which CloudWatch alarms do not exist, in the account and region of the client it is given
 * (the endpoint's region: SageMaker's auto-rollback reads alarms there).
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
   * The names among {@code alarmNames} that name no alarm, in the order given.
   *
   * @throws AwsCallException when CloudWatch cannot be asked or refuses to answer
   */
  public Set<String> missing(Collection<String> alarmNames) {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(alarmNames));
    Set<String> existing = new HashSet<>();
    for (int from = 0; from < names.size(); from += MAX_NAMES_PER_CALL) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + MAX_NAMES_PER_CALL));
      existing.addAll(existing(batch));
    }
    Set<String> missing = new LinkedHashSet<>(names);
    missing.removeAll(existing);
    return missing;
  }

  private Set<String> existing(List<String> batch) {
    DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
        .alarmNames(batch)
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
        .build();
    Set<String> found = new HashSet<>();
    try {
      for (DescribeAlarmsResponse page : cloudWatch.describeAlarmsPaginator(request)) {
        page.metricAlarms().stream().map(MetricAlarm::alarmName).forEach(found::add);
        page.compositeAlarms().stream().map(CompositeAlarm::alarmName).forEach(found::add);
      }
    } catch (AwsServiceException e) {
      throw new AwsCallException(failure() + AwsFailures.errorCode(e) + ": " + AwsFailures.serviceMessage(e),
          AwsFailures.errorCode(e), e);
    } catch (SdkClientException e) {
      throw new AwsCallException(failure() + AwsFailures.clientMessage(e), e.getClass().getSimpleName(), e);
    }
    return found;
  }

  private String failure() {
    return "could not look up CloudWatch alarms in " + cloudWatch.serviceClientConfiguration().region().id()
        + " (DescribeAlarms): ";
  }
}
