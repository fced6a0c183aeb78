package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class AlarmLookupTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private final CallCounter counter = new CallCounter();
  private AwsClients clients;
  private CloudWatchClient cloudWatch;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), counter);
    cloudWatch = clients.cloudWatch();
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void missing_whenSomeAlarmsExist_returnsOnlyTheOthersInTheOrderGiven() {
    String errors = putAlarm(MotoAws.unique("churn-5xx"));
    String latency = putAlarm(MotoAws.unique("churn-latency"));
    String typo = MotoAws.unique("churn-latncy");
    String absent = MotoAws.unique("churn-4xx");
    counter.clear();

    var missing = new AlarmLookup(cloudWatch).missing(List.of(typo, errors, absent, latency));

    assertThat(missing).containsExactly(typo, absent);
    assertThat(counter.count("DescribeAlarms")).isEqualTo(1);
  }

  @Test
  void missing_whenAllExist_isEmpty() {
    String alarm = putAlarm(MotoAws.unique("all-there"));

    assertThat(new AlarmLookup(cloudWatch).missing(List.of(alarm, alarm))).isEmpty();
  }

  @Test
  void missing_whenNoNames_makesNoCall() {
    assertThat(new AlarmLookup(cloudWatch).missing(List.of())).isEmpty();
    assertThat(counter.calls()).isEmpty();
  }

  @Test
  void missing_when150Names_asksInBatchesOf100() {
    List<String> names = new ArrayList<>();
    String prefix = MotoAws.unique("wide");
    for (int i = 0; i < 150; i++) {
      names.add(prefix + "-" + i);
    }
    putAlarm(names.get(0));
    putAlarm(names.get(120));
    counter.clear();

    var missing = new AlarmLookup(cloudWatch).missing(names);

    assertThat(counter.count("DescribeAlarms")).isEqualTo(2);
    assertThat(missing).hasSize(148).doesNotContain(names.get(0), names.get(120));
  }

  @Test
  void missing_whenAlarmInAnotherRegion_reportsItMissingHere() {
    String alarm = MotoAws.unique("west-only");
    putAlarm(clients.cloudWatch("us-west-2"), alarm);

    assertThat(new AlarmLookup(cloudWatch).missing(List.of(alarm))).containsExactly(alarm);
    assertThat(new AlarmLookup(clients.cloudWatch("us-west-2")).missing(List.of(alarm))).isEmpty();
  }

  @Test
  void missing_whenCloudWatchUnreachable_throwsAwsCallException() {
    try (AwsClients unreachable = AwsClients.create(
        new AwsSettings("eu-west-1", null, URI.create("http://127.0.0.1:9"), null, null, null))) {
      AlarmLookup lookup = new AlarmLookup(unreachable.cloudWatch());

      assertThatThrownBy(() -> lookup.missing(List.of("churn-5xx")))
          .isInstanceOfSatisfying(AwsCallException.class, e -> assertThat(e.errorCode()).isEqualTo("SdkClientException"))
          .hasMessageStartingWith("could not look up CloudWatch alarms in eu-west-1 (DescribeAlarms): ");
    }
  }

  private String putAlarm(String name) {
    return putAlarm(cloudWatch, name);
  }

  private static String putAlarm(CloudWatchClient client, String name) {
    client.putMetricAlarm(r -> r.alarmName(name)
        .namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors")
        .statistic(Statistic.SUM)
        .period(60)
        .evaluationPeriods(1)
        .threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    return name;
  }
}
