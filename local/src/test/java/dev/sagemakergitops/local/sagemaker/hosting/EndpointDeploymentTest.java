package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/** UpdateEndpoint's deployments through the SDK, watched step by step on virtual time. */
class EndpointDeploymentTest {
  // A fresh test bed per test (JUnit makes an instance per test), closed after it.
  @AutoClose private final HostingTestBed bed = new HostingTestBed();

  @BeforeEach
  void start() {
    bed.inServiceEndpoint();
  }

  private DescribeEndpointResponse describe() {
    return bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
  }

  private void update(String config, Consumer<DeploymentConfig.Builder> deployment) {
    bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName(config).deploymentConfig(deployment));
  }

  private static Consumer<DeploymentConfig.Builder> canary(int waitSeconds, int terminationWaitSeconds, String... alarms) {
    return d -> {
      d.blueGreenUpdatePolicy(b -> b.terminationWaitInSeconds(terminationWaitSeconds)
          .trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY).waitIntervalInSeconds(waitSeconds)
              .canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))));
      if (alarms.length > 0) {
        d.autoRollbackConfiguration(a -> a.alarms(java.util.Arrays.stream(alarms)
            .map(name -> software.amazon.awssdk.services.sagemaker.model.Alarm.builder().alarmName(name).build()).toList()));
      }
    };
  }

  private static float blueWeight(DescribeEndpointResponse endpoint) {
    return endpoint.productionVariants().get(0).currentWeight();
  }

  private static float greenWeight(DescribeEndpointResponse endpoint) {
    return endpoint.pendingDeploymentSummary().productionVariants().get(0).currentWeight();
  }

  @Test
  void updateEndpoint_whenCanary_shiftsTrafficInTwoBakedStepsThenTerminatesBlue() {
    update("c2", canary(600, 300, "churn-5xx"));

    DescribeEndpointResponse launching = describe();
    assertThat(launching.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(launching.endpointConfigName()).isEqualTo("c2");
    assertThat(launching.pendingDeploymentSummary().endpointConfigName()).isEqualTo("c2");
    assertThat(launching.pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0))
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(VariantStatus.CREATING);
          assertThat(s.statusMessage()).isEqualTo("Launching 4 instance(s).");
        });
    assertThat(blueWeight(launching)).isEqualTo(1.0f);
    assertThat(greenWeight(launching)).isEqualTo(0.0f);
    assertThat(launching.lastDeploymentConfig().blueGreenUpdatePolicy().trafficRoutingConfiguration().type())
        .isEqualTo(TrafficRoutingConfigType.CANARY);

    bed.advance(Timings.PROVISIONING);
    DescribeEndpointResponse canary = describe();
    assertThat(blueWeight(canary)).isEqualTo(0.75f);
    assertThat(greenWeight(canary)).isEqualTo(0.25f);
    assertThat(canary.pendingDeploymentSummary().productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
    assertThat(canary.pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0).statusMessage())
        .isEqualTo("Baking for 600 seconds (WaitIntervalInSeconds) with traffic enabled on canary capacity of 1 instance(s).");

    bed.advance(Duration.ofSeconds(599));
    assertThat(greenWeight(describe())).isEqualTo(0.25f);
    bed.advance(Duration.ofSeconds(1));
    DescribeEndpointResponse full = describe();
    assertThat(blueWeight(full)).isEqualTo(0.0f);
    assertThat(greenWeight(full)).isEqualTo(1.0f);
    assertThat(full.productionVariants().get(0).desiredWeight()).isEqualTo(0.0f);

    bed.advance(Duration.ofSeconds(600));
    DescribeEndpointResponse terminationWait = describe();
    assertThat(terminationWait.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(terminationWait.pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0).statusMessage())
        .isEqualTo("Baking for 300 seconds (TerminationWaitInSeconds) with traffic enabled on full capacity of 4 instance(s).");

    bed.advance(Duration.ofSeconds(300));
    DescribeEndpointResponse done = describe();
    assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(done.endpointConfigName()).isEqualTo("c2");
    assertThat(done.pendingDeploymentSummary()).isNull();
    assertThat(done.failureReason()).isNull();
    assertThat(done.productionVariants().get(0).currentWeight()).isEqualTo(1.0f);
    assertThat(done.productionVariants().get(0).deployedImages().get(0).resolvedImage())
        .isEqualTo(HostingTestBed.DIGEST_IMAGE);
    assertThat(done.lastModifiedTime()).isEqualTo(bed.plane.clock().instant());
  }

  @Test
  void updateEndpoint_whenLinear_movesTrafficInEqualStepsEachBaked() {
    update("c2", d -> d.blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.LINEAR)
        .waitIntervalInSeconds(120).linearStepSize(c -> c.type(CapacitySizeType.CAPACITY_PERCENT).value(25)))));

    bed.advance(Timings.PROVISIONING);
    assertThat(greenWeight(describe())).isEqualTo(0.25f);
    bed.advance(Duration.ofSeconds(120));
    assertThat(greenWeight(describe())).isEqualTo(0.5f);
    assertThat(blueWeight(describe())).isEqualTo(0.5f);
    bed.advance(Duration.ofSeconds(120));
    assertThat(greenWeight(describe())).isEqualTo(0.75f);
    bed.advance(Duration.ofSeconds(120));
    assertThat(greenWeight(describe())).isEqualTo(1.0f);
    bed.advance(Duration.ofSeconds(120));

    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(describe().endpointConfigName()).isEqualTo("c2");
  }

  @Test
  void updateEndpoint_whenRolling_replacesTheFleetBatchByBatch() {
    update("c2", d -> d.rollingUpdatePolicy(r -> r.waitIntervalInSeconds(60)
        .maximumBatchSize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(2))));

    assertThat(describe().pendingDeploymentSummary().productionVariants().get(0).currentInstanceCount()).isZero();
    bed.advance(Timings.PROVISIONING);
    DescribeEndpointResponse half = describe();
    assertThat(half.pendingDeploymentSummary().productionVariants().get(0).currentInstanceCount()).isEqualTo(2);
    assertThat(half.productionVariants().get(0).currentInstanceCount()).isEqualTo(2);
    assertThat(greenWeight(half)).isEqualTo(0.5f);

    bed.advance(Duration.ofSeconds(60));
    assertThat(describe().pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0).status())
        .isEqualTo(VariantStatus.CREATING);
    bed.advance(Timings.PROVISIONING);
    assertThat(greenWeight(describe())).isEqualTo(1.0f);
    bed.advance(Duration.ofSeconds(60));

    DescribeEndpointResponse done = describe();
    assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(done.endpointConfigName()).isEqualTo("c2");
    assertThat(done.productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
  }

  @Test
  void updateEndpoint_whenRollingUpdateRollsBack_bringsTheOldFleetBackInRollbackBatches() {
    bed.cloud.alarms.put("churn-5xx", "OK");
    update("c2", d -> d.rollingUpdatePolicy(r -> r.waitIntervalInSeconds(300)
            .maximumBatchSize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(2))
            .rollbackMaximumBatchSize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1)))
        .autoRollbackConfiguration(a -> a.alarms(software.amazon.awssdk.services.sagemaker.model.Alarm.builder()
            .alarmName("churn-5xx").build())));
    bed.advance(Timings.PROVISIONING.plusMinutes(1));
    assertThat(greenWeight(describe())).isEqualTo(0.5f);

    bed.cloud.alarms.put("churn-5xx", "ALARM");
    bed.advance(Duration.ofMinutes(1));

    DescribeEndpointResponse rollingBack = describe();
    assertThat(rollingBack.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(rollingBack.failureReason()).contains("alarm(s) [churn-5xx] in ALARM");
    assertThat(rollingBack.pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0))
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(VariantStatus.DELETING);
          assertThat(s.statusMessage()).isEqualTo("Terminating 1 instance(s).");
        });
    assertThat(rollingBack.productionVariants().get(0).variantStatus().get(0).statusMessage())
        .isEqualTo("Launching 1 instance(s).");
    bed.advance(Timings.PROVISIONING);
    DescribeEndpointResponse halfway = describe();
    assertThat(halfway.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(greenWeight(halfway)).isEqualTo(0.25f);
    assertThat(halfway.productionVariants().get(0).currentInstanceCount()).isEqualTo(3);
    bed.advance(Timings.PROVISIONING);

    DescribeEndpointResponse done = describe();
    assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(done.endpointConfigName()).isEqualTo("c1");
    assertThat(done.pendingDeploymentSummary()).isNull();
    assertThat(done.failureReason()).contains("churn-5xx");
  }

  @Test
  void updateEndpoint_whenAlarmGoesIntoAlarmDuringBake_rollsBackToTheOldConfig() {
    bed.cloud.alarms.put("churn-5xx", "OK");
    update("c2", canary(600, 0, "churn-5xx"));
    bed.advance(Timings.PROVISIONING.plusMinutes(2));
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.UPDATING);

    bed.cloud.alarms.put("churn-5xx", "ALARM");
    bed.advance(Duration.ofMinutes(1));

    DescribeEndpointResponse rolledBack = describe();
    assertThat(rolledBack.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(rolledBack.endpointConfigName()).isEqualTo("c1");
    assertThat(rolledBack.failureReason()).isEqualTo("Rolled back the update to endpoint configuration \"c2\": "
        + "alarm(s) [churn-5xx] in ALARM while baking traffic step 1 of 2.");
    assertThat(rolledBack.pendingDeploymentSummary()).isNull();
    assertThat(rolledBack.productionVariants().get(0).currentWeight()).isEqualTo(1.0f);
    assertThat(rolledBack.lastModifiedTime()).isEqualTo(bed.plane.clock().instant());
  }

  @Test
  void updateEndpoint_whenAlarmTrippedAtStepTwo_passesTheCanaryAndRollsBackOnTheFullShift() {
    bed.hosting.tripAlarmAtStep("churn", "churn-latency", 2);
    update("c2", canary(600, 0, "churn-latency"));

    bed.advance(Timings.PROVISIONING.plusSeconds(599));
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    bed.advance(Duration.ofSeconds(1));

    DescribeEndpointResponse rolledBack = describe();
    assertThat(rolledBack.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(rolledBack.endpointConfigName()).isEqualTo("c1");
    assertThat(rolledBack.failureReason()).contains("[churn-latency]").contains("traffic step 2 of 2");
  }

  @Test
  void updateEndpoint_whenRollbackFails_endsUpdateRollbackFailed() {
    bed.plane.withSimulation(() -> {
      bed.hosting.tripAlarmAtStep("churn", "churn-5xx", 1);
      bed.hosting.failRollback("churn");
      return null;
    });
    update("c2", canary(600, 0, "churn-5xx"));
    bed.advance(Timings.PROVISIONING);

    DescribeEndpointResponse stuck = describe();
    assertThat(stuck.endpointStatus()).isEqualTo(EndpointStatus.UPDATE_ROLLBACK_FAILED);
    assertThat(stuck.failureReason()).contains("The rollback failed");
  }

  @Test
  void updateEndpoint_whenNextUpdateFails_staysOnTheOldConfigWithTheReason() {
    bed.hosting.failNextUpdate("churn", "Failed to download model data for container \"container_1\".");
    update("c2", canary(600, 0));
    bed.advance(Timings.PROVISIONING);

    DescribeEndpointResponse failed = describe();
    assertThat(failed.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(failed.endpointConfigName()).isEqualTo("c1");
    assertThat(failed.failureReason()).isEqualTo("Failed to download model data for container \"container_1\".");
  }

  @Test
  void updateEndpoint_whenExecutionTimeoutPasses_rollsBack() {
    update("c2", d -> d.blueGreenUpdatePolicy(b -> b.maximumExecutionTimeoutInSeconds(600)
        .trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY).waitIntervalInSeconds(600)
            .canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1)))));
    bed.advance(Duration.ofSeconds(600));

    assertThat(describe().endpointConfigName()).isEqualTo("c1");
    assertThat(describe().failureReason()).contains("MaximumExecutionTimeoutInSeconds (600 seconds)");
  }

  @Test
  void updateEndpoint_whenAlreadyUpdating_isRefusedAsInProgress() {
    update("c2", canary(600, 0));

    assertThatThrownBy(() -> update("c1", canary(600, 0)))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn\".");
        });
    assertThatThrownBy(() -> bed.sageMaker.deleteEndpoint(r -> r.endpointName("churn")))
        .hasMessageContaining("Cannot update in-progress endpoint");
  }

  @Test
  void updateEndpoint_whenVariantNamesDiffer_isRefusedForGuardrails() {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("c3").productionVariants(v -> v.variantName("Renamed")
        .modelName("m2").instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(4)));

    assertThatThrownBy(() -> update("c3", canary(600, 0)))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).contains("[Renamed]").contains("[AllTraffic]");
        });
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
  }

  @Test
  void updateEndpoint_whenNoDeploymentConfig_switchesAllAtOnceOnceTheNewFleetRuns() {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("c3").productionVariants(v -> v.variantName("Renamed")
        .modelName("m2").instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(2)));
    bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("c3"));
    bed.advance(Timings.PROVISIONING.minusSeconds(1));
    assertThat(describe().productionVariants().get(0).variantName()).isEqualTo("AllTraffic");

    bed.advance(Duration.ofSeconds(1));

    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(describe().productionVariants()).singleElement()
        .satisfies(v -> assertThat(v.variantName()).isEqualTo("Renamed"));
  }

  @Test
  void updateEndpoint_whenRetainingTheDeploymentConfig_reusesTheLastOne() {
    update("c2", canary(60, 0));
    bed.advance(Timings.PROVISIONING.plusMinutes(2));
    assertThat(describe().endpointConfigName()).isEqualTo("c2");

    bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("c1").retainDeploymentConfig(true));
    bed.advance(Timings.PROVISIONING);

    assertThat(greenWeight(describe())).isEqualTo(0.25f);
  }

  @Test
  void adminAction_whenTripAlarmAtStepPosted_rollsBackTheNextUpdate() throws Exception {
    java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(bed.plane.endpoint().resolve("/_local/actions/tripAlarmAtStep"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"endpointName\":\"churn\",\"alarmName\":\"churn-5xx\",\"step\":1}"))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);

    update("c2", canary(600, 0, "churn-5xx"));
    bed.advance(Timings.PROVISIONING);

    assertThat(describe().endpointConfigName()).isEqualTo("c1");
    assertThat(describe().failureReason()).contains("traffic step 1 of 2");
  }
}
