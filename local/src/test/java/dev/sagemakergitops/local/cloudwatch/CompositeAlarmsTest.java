package dev.sagemakergitops.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.spi.AlarmReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Composite alarms through the real SDK 2.40.2 client (AWS Query protocol). */
class CompositeAlarmsTest {
  private LocalControlPlane plane;
  private CloudWatchClient cloudWatch;
  private CloudWatchService service;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new CloudWatchService()).start();
    service = plane.service(CloudWatchService.class);
    cloudWatch = CloudWatchClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
    for (String name : new String[] {"errors", "latency", "deploying"}) {
      cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("Local/Test").metricName(name).statistic(Statistic.SUM)
          .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
          .treatMissingData("notBreaching"));
    }
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
    plane.close();
  }

  private CompositeAlarm composite(String name) {
    return cloudWatch.describeAlarms(r -> r.alarmNames(name).alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms()
        .get(0);
  }

  @Test
  void putCompositeAlarm_whenAChildGoesToAlarm_followsItsRule() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule("(ALARM(errors) OR ALARM(\"latency\")) AND NOT "
        + "ALARM(deploying)").alarmDescription("rollback guard"));
    assertThat(composite("guard").stateValue()).isEqualTo(StateValue.OK);

    service.trip("us-east-1", "latency");
    CompositeAlarm tripped = composite("guard");
    assertThat(tripped.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(tripped.alarmRule()).isEqualTo("(ALARM(errors) OR ALARM(\"latency\")) AND NOT ALARM(deploying)");
    assertThat(tripped.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:" + plane.accountId() + ":alarm:guard");
    assertThat(tripped.alarmDescription()).isEqualTo("rollback guard");
    AlarmReader deployments = service::state;
    assertThat(deployments.stateOf("us-east-1", "guard")).as("what a deployment reads").contains("ALARM");

    service.trip("us-east-1", "deploying");
    assertThat(composite("guard").stateValue()).isEqualTo(StateValue.OK);
  }

  @Test
  void describeAlarms_whenAlarmTypesOmitted_answersMetricAlarmsOnly() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule("ALARM(errors)"));

    DescribeAlarmsResponse byDefault = cloudWatch.describeAlarms(r -> r.alarmNames("guard", "errors"));
    DescribeAlarmsResponse both = cloudWatch.describeAlarms(r -> r.alarmNames("guard", "errors")
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    DescribeAlarmsResponse compositeOnly = cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM));

    assertThat(byDefault.metricAlarms()).extracting("alarmName").containsExactly("errors");
    assertThat(byDefault.compositeAlarms()).isEmpty();
    assertThat(both.metricAlarms()).extracting("alarmName").containsExactly("errors");
    assertThat(both.compositeAlarms()).extracting("alarmName").containsExactly("guard");
    assertThat(compositeOnly.metricAlarms()).isEmpty();
    assertThat(compositeOnly.compositeAlarms()).extracting("alarmName").containsExactly("guard");
  }

  @Test
  void describeAlarms_whenStateValueAlarm_listsACompositeAlarmInAlarm() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule("ALARM(errors)"));
    service.trip("us-east-1", "errors");

    DescribeAlarmsResponse inAlarm = cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));

    assertThat(inAlarm.metricAlarms()).extracting("alarmName").containsExactly("errors");
    assertThat(inAlarm.compositeAlarms()).extracting("alarmName").containsExactly("guard");
  }

  @Test
  void putCompositeAlarm_whenRuleNamesAMissingAlarm_answersValidationErrorAndCreatesNothing() {
    assertThatThrownBy(() -> cloudWatch.putCompositeAlarm(r -> r.alarmName("guard")
        .alarmRule("ALARM(errors) OR ALARM(gone) OR OK(\"arn:aws:cloudwatch:us-east-1:999999999999:alarm:errors\")")))
        .isInstanceOfSatisfying(CloudWatchException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not save the composite alarm as alarms [gone, "
              + "arn:aws:cloudwatch:us-east-1:999999999999:alarm:errors] in the alarm rule do not exist");
        });
    assertThat(cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms()).isEmpty();
  }

  @Test
  void putCompositeAlarm_whenRuleIsMalformed_answersInvalidParameterValue() {
    for (String rule : new String[] {"ALARM(errors) AND", "ALARM(errors", "MAYBE(errors)", "ALARM() OR TRUE",
        "(ALARM(errors)"}) {
      assertThatThrownBy(() -> cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule(rule))).as(rule)
          .isInstanceOfSatisfying(CloudWatchException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
  }

  @Test
  void putCompositeAlarm_whenRuleUsesEveryFunctionAndConstant_evaluatesEach() {
    String arn = "arn:aws:cloudwatch:us-east-1:" + plane.accountId() + ":alarm:latency";
    cloudWatch.putCompositeAlarm(r -> r.alarmName("ok-by-arn").alarmRule("OK(\"" + arn + "\")"));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("always").alarmRule("TRUE"));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("never").alarmRule("false OR FALSE"));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("precedence").alarmRule("TRUE OR FALSE AND FALSE"));
    cloudWatch.putMetricAlarm(r -> r.alarmName("no-data").namespace("Local/Test").metricName("silent")
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("unknown").alarmRule("INSUFFICIENT_DATA(no-data)"));

    assertThat(composite("ok-by-arn").stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(composite("always").stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(composite("never").stateValue()).isEqualTo(StateValue.OK);
    assertThat(composite("precedence").stateValue()).as("AND binds tighter than OR").isEqualTo(StateValue.ALARM);
    assertThat(composite("unknown").stateValue()).isEqualTo(StateValue.ALARM);
  }

  @Test
  void putCompositeAlarm_whenRuleNamesACompositeAlarm_followsTheChain() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("inner").alarmRule("ALARM(errors)"));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("outer").alarmRule("ALARM(inner) OR ALARM(latency)"));

    service.trip("us-east-1", "errors");

    assertThat(composite("outer").stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(cloudWatch.describeAlarms(r -> r.childrenOfAlarmName("outer")))
        .satisfies(children -> {
          assertThat(children.metricAlarms()).extracting("alarmName").containsExactly("latency");
          assertThat(children.compositeAlarms()).extracting("alarmName").containsExactly("inner");
          assertThat(children.compositeAlarms().get(0).stateValue()).isEqualTo(StateValue.ALARM);
        });
    assertThat(cloudWatch.describeAlarms(r -> r.parentsOfAlarmName("errors")).compositeAlarms())
        .extracting("alarmName").containsExactly("inner");
  }

  @Test
  void setAlarmState_whenOnACompositeAlarm_holdsUntilAChildChangesState() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule("ALARM(errors) AND ALARM(latency)"));

    cloudWatch.setAlarmState(r -> r.alarmName("guard").stateValue(StateValue.ALARM).stateReason("testing"));
    plane.advance(Duration.ofMinutes(10));
    assertThat(composite("guard").stateValue()).as("held: no child changed").isEqualTo(StateValue.ALARM);

    service.trip("us-east-1", "latency");
    assertThat(composite("guard").stateValue()).as("a child changed: evaluated again").isEqualTo(StateValue.OK);
  }

  @Test
  void deleteAlarms_whenACompositeAlarmDependsOnTheAlarm_refusesAndDeletesNothing() {
    cloudWatch.putCompositeAlarm(r -> r.alarmName("guard").alarmRule("ALARM(errors)"));
    cloudWatch.putCompositeAlarm(r -> r.alarmName("other").alarmRule("ALARM(latency)"));

    assertThatThrownBy(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("deploying", "errors")))
        .isInstanceOfSatisfying(CloudWatchException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Cannot delete errors as there are composite alarm(s) depending on it.");
        });
    assertThatThrownBy(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("guard", "other")))
        .isInstanceOfSatisfying(CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("deploying", "errors")).metricAlarms()).hasSize(2);

    cloudWatch.deleteAlarms(r -> r.alarmNames("guard", "errors"));

    DescribeAlarmsResponse left = cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.METRIC_ALARM,
        AlarmType.COMPOSITE_ALARM));
    assertThat(left.metricAlarms()).extracting("alarmName").containsExactly("deploying", "latency");
    assertThat(left.compositeAlarms()).extracting("alarmName").containsExactly("other");
  }
}
