package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Hosting with the real CloudWatch service: an alarm created through the CloudWatch SDK rolls a canary
 * back, and invocations become CloudWatch statistics. (S3 is stood in for by an empty object store.)
 */
class HostingWithCloudWatchTest {
  /** No artifacts: the models predict as if their artifacts were empty, which these tests do not look at. */
  static final class NoObjects implements LocalService, ObjectStore {
    @Override
    public void install(Installation installation) {
      installation.provide(ObjectStore.class, this);
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {}

    @Override
    public Optional<byte[]> get(String bucket, String key) {
      return Optional.empty();
    }

    @Override
    public List<String> list(String bucket, String prefix) {
      return List.of();
    }
  }

  private LocalControlPlane plane;
  private SageMakerClient sageMaker;
  private SageMakerRuntimeClient runtime;
  private CloudWatchClient cloudWatch;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new HostingService()).service(new CloudWatchService())
        .service(new NoObjects()).start();
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    runtime = SageMakerRuntimeClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    cloudWatch = CloudWatchClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    for (String model : List.of("m1", "m2")) {
      sageMaker.createModel(r -> r.modelName(model).primaryContainer(c -> c.image(HostingTestBed.IMAGE)));
      sageMaker.createEndpointConfig(r -> r.endpointConfigName("c-" + model).productionVariants(v -> v
          .variantName("AllTraffic").modelName(model).instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
          .initialInstanceCount(4)));
    }
    sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c-m1"));
    plane.advance(Timings.PROVISIONING);
  }

  @AfterEach
  void stop() {
    sageMaker.close();
    runtime.close();
    cloudWatch.close();
    plane.close();
  }

  @Test
  void updateEndpoint_whenCloudWatchAlarmTripsDuringTheCanaryBake_rollsBack() {
    cloudWatch.putMetricAlarm(r -> r.alarmName("churn-5xx").namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
        .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("c-m2").deploymentConfig(d -> d
        .blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY)
            .waitIntervalInSeconds(600).canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))))
        .autoRollbackConfiguration(a -> a.alarms(x -> x.alarmName("churn-5xx")))));
    plane.advance(Timings.PROVISIONING.plusMinutes(3));
    assertThat(sageMaker.describeEndpoint(r -> r.endpointName("churn")).endpointStatus()).isEqualTo(EndpointStatus.UPDATING);

    // SetAlarmState would hold only until the alarm's next evaluation, which falls on the same
    // minute boundary as the deployment's next alarm check; CloudWatch's trip holds ALARM.
    plane.withSimulation(() -> {
      plane.service(CloudWatchService.class).trip("us-east-1", "churn-5xx");
      return null;
    });
    plane.advance(Duration.ofMinutes(1));

    var endpoint = sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(endpoint.endpointConfigName()).isEqualTo("c-m1");
    assertThat(endpoint.failureReason()).contains("[churn-5xx]");
  }

  @Test
  void invokeEndpoint_whenInvoked_isCountedInCloudWatchStatistics() {
    for (int i = 0; i < 3; i++) {
      runtime.invokeEndpoint(r -> r.endpointName("churn").contentType("text/csv").body(SdkBytes.fromUtf8String("1,2")));
    }
    Instant now = plane.clock().instant();

    var statistics = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/SageMaker").metricName("Invocations")
        .dimensions(d -> d.name("EndpointName").value("churn"), d -> d.name("VariantName").value("AllTraffic"))
        .startTime(now.minus(Duration.ofMinutes(5))).endTime(now.plus(Duration.ofMinutes(1))).period(60)
        .statistics(Statistic.SUM));

    assertThat(statistics.datapoints()).singleElement().satisfies(p -> assertThat(p.sum()).isEqualTo(3.0));
  }
}
