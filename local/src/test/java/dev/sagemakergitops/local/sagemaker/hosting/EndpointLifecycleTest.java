package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/** CreateEndpoint, DescribeEndpoint, ListEndpoints, DeleteEndpoint and UpdateEndpointWeightsAndCapacities. */
class EndpointLifecycleTest {
  private static final String ENDPOINT_ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn";
  private HostingTestBed bed;

  @BeforeEach
  void start() {
    bed = new HostingTestBed();
    bed.model("m1", HostingTestBed.IMAGE, "weights-1");
    bed.model("m2", HostingTestBed.DIGEST_IMAGE, "weights-2");
    bed.config("c1", "m1", 2);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private DescribeEndpointResponse describe() {
    return bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
  }

  @Test
  void createEndpoint_whenProvisioningTimePasses_becomesInServiceWithResolvedImages() {
    Instant created = bed.plane.clock().instant();
    assertThat(bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1")).endpointArn())
        .isEqualTo(ENDPOINT_ARN);

    DescribeEndpointResponse creating = describe();
    assertThat(creating.endpointStatus()).isEqualTo(EndpointStatus.CREATING);
    assertThat(creating.productionVariants()).isEmpty();
    assertThat(creating.pendingDeploymentSummary().productionVariants().get(0).variantStatus().get(0).status())
        .isEqualTo(VariantStatus.CREATING);

    bed.advance(Timings.PROVISIONING.minusSeconds(1));
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.CREATING);
    bed.advance(Duration.ofMinutes(30));

    DescribeEndpointResponse ready = describe();
    assertThat(ready.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(ready.endpointConfigName()).isEqualTo("c1");
    assertThat(ready.creationTime()).isEqualTo(created);
    // Stamped when the event happened, not when first asked.
    assertThat(ready.lastModifiedTime()).isEqualTo(created.plus(Timings.PROVISIONING));
    assertThat(ready.pendingDeploymentSummary()).isNull();
    assertThat(ready.productionVariants()).singleElement().satisfies(v -> {
      assertThat(v.variantName()).isEqualTo("AllTraffic");
      assertThat(v.currentInstanceCount()).isEqualTo(2);
      assertThat(v.desiredInstanceCount()).isEqualTo(2);
      assertThat(v.currentWeight()).isEqualTo(1.0f);
      assertThat(v.deployedImages()).singleElement().satisfies(image -> {
        assertThat(image.specifiedImage()).isEqualTo(HostingTestBed.IMAGE);
        assertThat(image.resolvedImage()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:"
            + HostingService.sha256(HostingTestBed.IMAGE));
      });
    });
  }

  @Test
  void createEndpoint_whenImageIsADigest_resolvesToItself() {
    bed.config("c2", "m2", 1);
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c2"));
    bed.advance(Timings.PROVISIONING);

    assertThat(describe().productionVariants().get(0).deployedImages().get(0).resolvedImage())
        .isEqualTo(HostingTestBed.DIGEST_IMAGE);
  }

  @Test
  void createEndpoint_whenNameExistsInAnotherCase_refuses() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));

    assertThatThrownBy(() -> bed.sageMaker.createEndpoint(r -> r.endpointName("CHURN").endpointConfigName("c1")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Cannot create already existing endpoint \"" + ENDPOINT_ARN + "\"."));
  }

  @Test
  void createEndpoint_whenConfigMissing_refuses() {
    assertThatThrownBy(() -> bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("nope")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Could not find endpoint configuration \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/nope\"."));
  }

  @Test
  void createEndpoint_whenProvisioningFails_endsFailedAndOnlyAcceptsDelete() {
    bed.hosting.failProvisioning("churn");
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);

    DescribeEndpointResponse failed = describe();
    assertThat(failed.endpointStatus()).isEqualTo(EndpointStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("The primary container for production variant AllTraffic did not pass "
        + "the ping health check. Please check CloudWatch logs for this endpoint.");
    bed.config("c2", "m2", 1);
    assertThatThrownBy(() -> bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("c2")))
        .hasMessageContaining("Cannot update failed endpoint");

    bed.sageMaker.deleteEndpoint(r -> r.endpointName("churn"));
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.DELETING);
  }

  @Test
  void deleteEndpoint_whenDeletingTimePasses_isNotFound() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);
    bed.sageMaker.deleteEndpoint(r -> r.endpointName("churn"));
    bed.advance(Timings.DELETING);

    assertThatThrownBy(this::describe).isInstanceOfSatisfying(SageMakerException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not find endpoint \"" + ENDPOINT_ARN + "\".");
    });
    assertThat(bed.sageMaker.listEndpoints(r -> { }).endpoints()).isEmpty();
  }

  @Test
  void listEndpoints_whenFilteredByStatus_answersTheMatchingOnes() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);
    bed.sageMaker.createEndpoint(r -> r.endpointName("fraud").endpointConfigName("c1"));

    assertThat(bed.sageMaker.listEndpoints(r -> r.statusEquals(EndpointStatus.IN_SERVICE)).endpoints())
        .singleElement().satisfies(e -> assertThat(e.endpointName()).isEqualTo("churn"));
    assertThat(bed.sageMaker.listEndpoints(r -> { }).endpoints()).extracting(e -> e.endpointName())
        .containsExactly("fraud", "churn");
  }

  @Test
  void updateEndpointWeightsAndCapacities_whenApplied_updatesThenReportsTheNewWeights() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);

    bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredWeight(0.5f).desiredInstanceCount(1)));
    DescribeEndpointResponse updating = describe();
    assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(updating.productionVariants().get(0).desiredWeight()).isEqualTo(0.5f);
    assertThat(updating.productionVariants().get(0).currentWeight()).isEqualTo(1.0f);
    assertThatThrownBy(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredWeight(1f))))
        .hasMessageContaining("Cannot update in-progress endpoint");

    bed.advance(Timings.REWEIGHING);
    DescribeEndpointResponse done = describe();
    assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(done.endpointConfigName()).as("no new configuration").isEqualTo("c1");
    assertThat(done.productionVariants().get(0).currentWeight()).isEqualTo(0.5f);
    assertThat(done.productionVariants().get(0).currentInstanceCount()).isEqualTo(1);
  }

  @Test
  void updateEndpointWeightsAndCapacities_whenVariantUnknown_refuses() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);

    assertThatThrownBy(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("Ghost").desiredWeight(1f))))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("[Ghost]"));
  }
  @Test
  void updateEndpointWeightsAndCapacities_whenTheCapacityChangeFails_isRollingBackThenInServiceOnTheOldCount() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);
    int before = describe().productionVariants().get(0).currentInstanceCount();
    bed.plane.service(HostingService.class).failNextCapacityChange("churn", "Unable to provision capacity.");

    bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(before + 2)));
    bed.advance(Timings.PROVISIONING);
    DescribeEndpointResponse rollingBack = describe();
    assertThat(rollingBack.endpointStatus()).isEqualTo(EndpointStatus.ROLLING_BACK);
    assertThat(rollingBack.endpointConfigName()).isEqualTo("c1");
    assertThat(rollingBack.failureReason()).isEqualTo("Unable to provision capacity.");
    assertThatThrownBy(() -> bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("c1")))
        .hasMessageContaining("Cannot update in-progress endpoint");

    bed.advance(Timings.REWEIGHING);
    DescribeEndpointResponse done = describe();
    assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(done.endpointConfigName()).isEqualTo("c1");
    assertThat(done.productionVariants().get(0).currentInstanceCount()).isEqualTo(before);
    assertThat(done.productionVariants().get(0).desiredInstanceCount()).isEqualTo(before);
  }

  private void twoVariantEndpoint(ProductionVariant second) {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("c2").productionVariants(
        ProductionVariant.builder().variantName("A").modelName("m1").instanceType("ml.m5.large")
            .initialInstanceCount(1).initialVariantWeight(1f).build(), second));
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c2"));
    bed.advance(Timings.PROVISIONING);
  }

  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (SageMakerException e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      return e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void updateEndpointWeightsAndCapacities_whenTwoVariantsChangeCapacity_refuses() {
    twoVariantEndpoint(ProductionVariant.builder().variantName("B").modelName("m2").instanceType("ml.m5.large")
        .initialInstanceCount(1).initialVariantWeight(1f).build());

    String message = refusal(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("A").desiredInstanceCount(2),
            d -> d.variantName("B").desiredInstanceCount(2))));

    assertThat(message).contains("one variant", "[A, B]");
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
  }

  @Test
  void updateEndpointWeightsAndCapacities_whenAServerlessVariantIsGivenAnInstanceCount_refuses() {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("c2").productionVariants(
        ProductionVariant.builder().variantName("B").modelName("m2").initialVariantWeight(1f)
            .serverlessConfig(c -> c.memorySizeInMB(2048).maxConcurrency(5)).build()));
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c2"));
    bed.advance(Timings.PROVISIONING);

    String message = refusal(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("B").desiredInstanceCount(2))));

    assertThat(message).contains("\"B\" is serverless");
  }

  @Test
  void updateEndpointWeightsAndCapacities_whenNothingChangesOrNothingIsAsked_refuses() {
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    bed.advance(Timings.PROVISIONING);
    int count = describe().productionVariants().get(0).currentInstanceCount();

    String same = refusal(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredWeight(1f).desiredInstanceCount(count))));
    String nothing = refusal(() -> bed.sageMaker.updateEndpointWeightsAndCapacities(r -> r.endpointName("churn")
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic"))));

    assertThat(same).contains("already has");
    assertThat(nothing).contains("neither DesiredWeight nor DesiredInstanceCount");
    assertThat(describe().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
  }
}
