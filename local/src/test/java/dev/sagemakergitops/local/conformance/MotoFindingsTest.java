package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Answers that moto's suite found to differ from what AWS documents (moto-suite-vs-local findings
 * C-10 to C-17 and C-23), now answered as documented, through the real SDK and the AWS CLI.
 */
@IntegrationPhase
class MotoFindingsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker";

  @TempDir
  Path work;

  private LocalControlPlane plane;
  private SdkClients sdk;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().standardServices().start();
    sdk = new SdkClients(plane);
  }

  @AfterEach
  void stop() {
    sdk.close();
    plane.close();
  }

  private static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
        e -> assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code));
  }

  @Test
  void describeAlarms_whenMetricMathAlarm_answersItsMetrics() {
    sdk.cloudWatch.putMetricAlarm(r -> r.alarmName("math").evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .metrics(m -> m.id("m1").returnData(false).metricStat(s -> s.period(60).stat("Sum")
            .metric(x -> x.namespace("churn").metricName("Errors"))),
            m -> m.id("e1").expression("m1 * 2").returnData(true)));

    MetricAlarm alarm = sdk.cloudWatch.describeAlarms(r -> r.alarmNames("math")).metricAlarms().get(0);

    assertThat(alarm.metrics()).extracting(q -> q.id()).containsExactly("m1", "e1");
    assertThat(alarm.metrics().get(1).expression()).isEqualTo("m1 * 2");
  }

  @Test
  void putMetricData_whenValuesContradictEachOther_refuses() {
    assertCode(() -> sdk.cloudWatch.putMetricData(r -> r.namespace("churn").metricData(d -> d.metricName("m")
        .value(1.5).values(1.0, 10.0))), "InvalidParameterCombination");
    assertCode(() -> sdk.cloudWatch.putMetricData(r -> r.namespace("churn").metricData(d -> d.metricName("m")
        .values(1.0, 10.0).counts(2.0, 4.0, 1.0))), "InvalidParameterValue");
    assertCode(() -> sdk.cloudWatch.putMetricData(r -> r.namespace("churn").metricData(d -> d.metricName("m")
        .value(1e200))), "InvalidParameterValue");
  }

  @Test
  void putMetricData_whenTheCliSendsNaN_answersInvalidParameterValueNotASerializationError() {
    AwsCli aws = AwsCli.against(plane.endpoint(), work);

    // botocore sends NaN as the JSON string "NaN" (Smithy's encoding); before: SerializationException.
    String error = aws.failure("cloudwatch", "put-metric-data", "--namespace", "churn",
        "--metric-data", "[{\"MetricName\":\"m\",\"Value\":NaN}]");

    assertThat(error).contains("InvalidParameterValue").doesNotContain("SerializationException");
  }

  @Test
  void getMetricData_whenTheWindowIsEmptyOrReversed_refuses() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertCode(() -> sdk.cloudWatch.getMetricData(r -> r.startTime(now.plusSeconds(1)).endTime(now)
        .metricDataQueries(q -> q.id("q").metricStat(s -> s.period(60).stat("Sum")
            .metric(m -> m.namespace("churn").metricName("m"))))), "InvalidParameterValue");
    assertCode(() -> sdk.cloudWatch.getMetricData(r -> r.startTime(now).endTime(now)
        .metricDataQueries(q -> q.id("q").metricStat(s -> s.period(60).stat("Sum")
            .metric(m -> m.namespace("churn").metricName("m"))))), "InvalidParameterValue");
  }

  @Test
  void putMetricAlarm_whenExtendedStatisticOrLowSampleOptionIsInvalid_refuses() {
    for (String statistic : new String[] {"90", "p101"}) {
      assertCode(() -> sdk.cloudWatch.putMetricAlarm(r -> r.alarmName("p").namespace("churn").metricName("m")
          .extendedStatistic(statistic).period(60).evaluationPeriods(1).threshold(1.0)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)), "InvalidParameterValue");
    }
    assertCode(() -> sdk.cloudWatch.putMetricAlarm(r -> r.alarmName("p").namespace("churn").metricName("m")
        .extendedStatistic("p99").evaluateLowSampleCountPercentile("unknown").period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)), "InvalidParameterValue");
    sdk.cloudWatch.putMetricAlarm(r -> r.alarmName("p").namespace("churn").metricName("m").extendedStatistic("p99.9")
        .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
  }

  @Test
  void putMetricAlarm_whenInAChinaRegion_answersAnAwsCnArn() {
    try (CloudWatchClient china = CloudWatchClient.builder().endpointOverride(plane.endpoint())
        .region(Region.CN_NORTH_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
      china.putMetricAlarm(r -> r.alarmName("cn").namespace("churn").metricName("m").statistic("Sum").period(60)
          .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

      assertThat(china.describeAlarms(r -> r.alarmNames("cn")).metricAlarms().get(0).alarmArn())
          .startsWith("arn:aws-cn:cloudwatch:cn-north-1:");
    }
  }

  @Test
  void ecr_whenANameBreaksItsPattern_answersInvalidParameterExceptionInEcrsWords() {
    assertThatThrownBy(() -> sdk.ecr.createRepository(r -> r.repositoryName("tesT")))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                + "'must satisfy regular expression '"));
  }

  @Test
  void createEndpointConfig_whenServerlessMemoryIsNotWholeGigabytes_refuses() {
    sdk.sageMaker.createModel(r -> r.modelName("m").executionRoleArn(ROLE)
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1")));

    assertThatThrownBy(() -> sdk.sageMaker.createEndpointConfig(r -> r.endpointConfigName("c")
        .productionVariants(v -> v.variantName("v").modelName("m")
            .serverlessConfig(s -> s.memorySizeInMB(1111).maxConcurrency(10)))))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("1 GB increments"));
  }

  @Test
  void cloudWatchError_whenRefused_isACloudWatchException() {
    assertThatThrownBy(() -> sdk.cloudWatch.putMetricData(r -> r.namespace("churn").metricData(d -> d.metricName("m")
        .value(1.0).statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))))
        .isInstanceOf(CloudWatchException.class);
  }
}
