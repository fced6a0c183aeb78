package dev.sagemakergitops.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.spi.AlarmReader;
import dev.sagemakergitops.local.spi.MetricRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch through the real SDK 2.40.2 client, which speaks the AWS Query protocol. */
// The SDK's varargs of builder consumers are generic arrays; the warning says nothing here.
@SuppressWarnings("unchecked")
class CloudWatchServiceTest {
  private static final Dimension ENDPOINT = Dimension.builder().name("EndpointName").value("churn").build();

  private LocalControlPlane plane;
  private CloudWatchClient cloudWatch;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new CloudWatchService()).start();
    cloudWatch = CloudWatchClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
    plane.close();
  }

  private void putErrorAlarm(String name) {
    cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Local/SageMaker").metricName("Invocation5XXErrors")
        .dimensions(ENDPOINT).statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching"));
  }

  @Test
  void putMetricAlarm_whenNew_isDescribedWithItsSettingsAndArn() {
    putErrorAlarm("churn-5xx");

    var alarms = cloudWatch.describeAlarms(r -> r.alarmNames("churn-5xx")).metricAlarms();

    assertThat(alarms).singleElement().satisfies(a -> {
      assertThat(a.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:churn-5xx");
      assertThat(a.dimensions()).containsExactly(ENDPOINT);
      assertThat(a.threshold()).isEqualTo(1.0);
      assertThat(a.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
      assertThat(a.stateValue()).isEqualTo(StateValue.OK);
      assertThat(a.stateUpdatedTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    });
  }

  @Test
  void putMetricData_whenItBreachesTheThreshold_movesTheAlarmToAlarm() {
    putErrorAlarm("churn-5xx");

    cloudWatch.putMetricData(r -> r.namespace("Local/SageMaker").metricData(d -> d.metricName("Invocation5XXErrors")
        .dimensions(ENDPOINT).value(1.0)));

    assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
        .singleElement().satisfies(a -> assertThat(a.stateReason()).startsWith("Threshold Crossed"));
    plane.advance(Duration.ofMinutes(2));
    assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("churn-5xx")).metricAlarms().get(0).stateValue())
        .isEqualTo(StateValue.OK);
  }

  @Test
  void describeAlarms_whenPrefixAndPages_listsAllThroughNextToken() {
    for (int i = 0; i < 5; i++) {
      putErrorAlarm("churn-" + i);
    }
    putErrorAlarm("other");

    var first = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("churn-").maxRecords(2));
    var all = cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("churn-").maxRecords(2)).metricAlarms()
        .stream().toList();

    assertThat(first.metricAlarms()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();
    assertThat(all).hasSize(5);
  }

  @Test
  void describeAlarms_whenNamesAndPrefix_answersInvalidParameterCombination() {
    assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("a").alarmNamePrefix("b")))
        .isInstanceOfSatisfying(CloudWatchException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
          assertThat(e.statusCode()).isEqualTo(400);
        });
  }

  @Test
  void setAlarmState_whenSet_holdsUntilTheNextEvaluation() {
    putErrorAlarm("churn-5xx");

    cloudWatch.setAlarmState(r -> r.alarmName("churn-5xx").stateValue(StateValue.ALARM).stateReason("testing"));

    assertThat(plane.service(CloudWatchService.class).state("us-east-1", "churn-5xx")).contains("ALARM");
    plane.advance(Duration.ofMinutes(1));
    assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("churn-5xx")).metricAlarms().get(0).stateValue())
        .isEqualTo(StateValue.OK);
  }

  @Test
  void setAlarmState_whenAlarmMissing_answersResourceNotFound() {
    assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.ALARM)
        .stateReason("x"))).isInstanceOfSatisfying(CloudWatchException.class, e -> {
          // The SDK maps the Query code ResourceNotFound to the first modeled shape with that code.
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
          assertThat(e.statusCode()).isEqualTo(404);
        });
  }

  @Test
  void trip_whenTripped_staysInAlarmUntilCleared() {
    putErrorAlarm("churn-5xx");
    CloudWatchService service = plane.service(CloudWatchService.class);

    plane.withSimulation(() -> {
      service.trip("us-east-1", "churn-5xx");
      return null;
    });
    plane.advance(Duration.ofMinutes(30));

    assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("churn-5xx")).metricAlarms().get(0).stateValue())
        .isEqualTo(StateValue.ALARM);
    plane.withSimulation(() -> {
      service.clear("us-east-1", "churn-5xx");
      return null;
    });
    assertThat(service.state("us-east-1", "churn-5xx")).contains("OK");
  }

  @Test
  void deleteAlarms_whenDeleted_isNoLongerDescribed() {
    putErrorAlarm("churn-5xx");

    cloudWatch.deleteAlarms(r -> r.alarmNames("churn-5xx"));

    assertThat(cloudWatch.describeAlarms(r -> { }).metricAlarms()).isEmpty();
  }

  @Test
  void getMetricStatistics_whenDataInTwoPeriods_answersOneDatapointPerPeriod() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    cloudWatch.putMetricData(r -> r.namespace("Local/SageMaker").metricData(
        d -> d.metricName("ModelLatency").dimensions(ENDPOINT).value(100.0).timestamp(start.plusSeconds(10)).unit("Microseconds"),
        d -> d.metricName("ModelLatency").dimensions(ENDPOINT).value(300.0).timestamp(start.plusSeconds(20)).unit("Microseconds"),
        d -> d.metricName("ModelLatency").dimensions(ENDPOINT).values(50.0, 70.0).timestamp(start.plusSeconds(70)).unit("Microseconds")));

    var points = cloudWatch.getMetricStatistics(r -> r.namespace("Local/SageMaker").metricName("ModelLatency")
        .dimensions(ENDPOINT).startTime(start).endTime(start.plusSeconds(120)).period(60)
        .statistics(Statistic.AVERAGE, Statistic.SUM, Statistic.SAMPLE_COUNT, Statistic.MAXIMUM)).datapoints();

    assertThat(points).hasSize(2);
    assertThat(points.get(0).timestamp()).isEqualTo(start);
    assertThat(points.get(0).average()).isEqualTo(200.0);
    assertThat(points.get(0).sampleCount()).isEqualTo(2.0);
    assertThat(points.get(1).sum()).isEqualTo(120.0);
    assertThat(points.get(1).maximum()).isEqualTo(70.0);
    assertThat(points.get(1).unitAsString()).isEqualTo("Microseconds");
  }

  @Test
  void getMetricData_whenMetricStatQuery_answersTimestampsAndValuesNewestFirst() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    MetricRecorder recorder = (region, namespace, name, dims, value, unit, at) -> plane.service(CloudWatchService.class)
        .record(region, namespace, name, dims, value, unit, at);
    recorder.record("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "churn"), 3, "None", start);
    recorder.record("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "churn"), 4, "None",
        start.plusSeconds(60));

    var result = cloudWatch.getMetricData(r -> r.startTime(start).endTime(start.plusSeconds(300))
        .metricDataQueries(q -> q.id("inv").metricStat(s -> s.period(60).stat("Sum")
            .metric(m -> m.namespace("AWS/SageMaker").metricName("Invocations").dimensions(ENDPOINT)))))
        .metricDataResults();

    assertThat(result).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("inv");
      assertThat(r.timestamps()).containsExactly(start.plusSeconds(60), start);
      assertThat(r.values()).containsExactly(4.0, 3.0);
    });
  }

  @Test
  void putMetricData_whenNamespaceIsAws_answersInvalidParameterValue() {
    assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/SageMaker")
        .metricData(d -> d.metricName("Invocations").value(1.0))))
        .isInstanceOfSatisfying(CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void capabilities_whenMetricsRecorded_alarmReaderSeesTheAlarm() {
    putErrorAlarm("churn-5xx");
    CloudWatchService service = plane.service(CloudWatchService.class);
    AlarmReader reader = service::state;

    plane.withSimulation(() -> {
      service.record("us-east-1", "Local/SageMaker", "Invocation5XXErrors", Map.of("EndpointName", "churn"), 1,
          "None", plane.clock().instant());
      return null;
    });

    assertThat(reader.stateOf("us-east-1", "churn-5xx")).contains("ALARM");
    assertThat(reader.stateOf("eu-west-1", "churn-5xx")).isEmpty();
  }
}
