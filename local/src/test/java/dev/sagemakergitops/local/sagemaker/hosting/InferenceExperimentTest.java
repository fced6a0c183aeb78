package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceExperimentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelInfrastructureType;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantAction;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/** Shadow-mode inference experiments through the SDK. */
class InferenceExperimentTest {
  // A fresh test bed per test (JUnit makes an instance per test), closed after it.
  @AutoClose private final HostingTestBed bed = new HostingTestBed();

  @BeforeEach
  void start() {
    bed.inServiceEndpoint();
  }

  private static ModelVariantConfig variant(String model, String name) {
    return ModelVariantConfig.builder().modelName(model).variantName(name).infrastructureConfig(i -> i
        .infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
        .realTimeInferenceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1))).build();
  }

  private void create(String name, Consumer<CreateInferenceExperimentRequest.Builder> extra) {
    bed.sageMaker.createInferenceExperiment(r -> {
      r.name(name).type("ShadowMode").roleArn("arn:aws:iam::123456789012:role/sm").endpointName("churn")
          .modelVariants(variant("m1", "AllTraffic"), variant("m2", "challenger"))
          .shadowModeConfig(s -> s.sourceModelVariantName("AllTraffic")
              .shadowModelVariants(v -> v.shadowModelVariantName("challenger").samplingPercentage(50)));
      extra.accept(r);
    });
  }

  private DescribeInferenceExperimentResponse describe(String name) {
    return bed.sageMaker.describeInferenceExperiment(r -> r.name(name));
  }

  private String invoke() {
    return bed.runtime.invokeEndpoint(r -> r.endpointName("churn").contentType("text/csv")
        .body(SdkBytes.fromUtf8String("1,2\n"))).body().asUtf8String();
  }

  @Test
  void createInferenceExperiment_whenProvisioned_runsAndCopiesTheSampledShareToTheShadow() {
    create("shadow-1", r -> { });

    DescribeInferenceExperimentResponse creating = describe("shadow-1");
    assertThat(creating.status()).isEqualTo(InferenceExperimentStatus.CREATING);
    assertThat(creating.arn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:inference-experiment/shadow-1");
    assertThat(creating.endpointMetadata().endpointName()).isEqualTo("churn");
    assertThat(creating.endpointMetadata().endpointConfigName()).isEqualTo("c1");
    assertThat(creating.modelVariants()).extracting(v -> v.status())
        .containsExactly(ModelVariantStatus.IN_SERVICE, ModelVariantStatus.CREATING);
    assertThat(creating.schedule().endTime()).isEqualTo(creating.schedule().startTime().plus(Duration.ofDays(7)));

    bed.advance(Timings.PROVISIONING);
    assertThat(describe("shadow-1").status()).isEqualTo(InferenceExperimentStatus.RUNNING);
    for (int i = 0; i < 4; i++) {
      invoke();
    }

    assertThat(bed.cloud.sum("Invocations", Map.of("EndpointName", "churn", "VariantName", "challenger"))).isEqualTo(2.0);
    assertThat(bed.sageMaker.listInferenceExperiments(r -> { }).inferenceExperiments())
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(InferenceExperimentStatus.RUNNING));
  }

  @Test
  void createInferenceExperiment_whenOneAlreadyRunsOnTheEndpoint_isRefusedAsInUse() {
    create("shadow-1", r -> { });

    assertThatThrownBy(() -> create("shadow-2", r -> { })).isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void createInferenceExperiment_whenScheduled_waitsCreatedThenCompletesAtTheEndTime() {
    Instant start = bed.plane.clock().instant().plus(Duration.ofHours(1));
    create("later", r -> r.schedule(s -> s.startTime(start).endTime(start.plus(Duration.ofHours(2)))));

    bed.advance(Timings.PROVISIONING);
    assertThat(describe("later").status()).isEqualTo(InferenceExperimentStatus.CREATED);
    bed.advance(Duration.ofHours(1));
    assertThat(describe("later").status()).isEqualTo(InferenceExperimentStatus.RUNNING);
    bed.advance(Duration.ofHours(2));

    DescribeInferenceExperimentResponse done = describe("later");
    assertThat(done.status()).isEqualTo(InferenceExperimentStatus.COMPLETED);
    assertThat(done.completionTime()).isEqualTo(start.plus(Duration.ofHours(2)));
    assertThat(done.modelVariants().get(1).status()).isEqualTo(ModelVariantStatus.DELETED);
  }

  @Test
  void stopInferenceExperiment_whenShadowPromoted_replacesProductionWithTheShadowUnderItsNameOnANewConfiguration() {
    create("shadow-1", r -> { });
    bed.advance(Timings.PROVISIONING);

    bed.sageMaker.stopInferenceExperiment(r -> r.name("shadow-1").reason("challenger wins")
        .modelVariantActionsWithStrings(Map.of("AllTraffic", "Remove", "challenger", ModelVariantAction.PROMOTE.toString()))
        .desiredModelVariants(ModelVariantConfig.builder().modelName("m2").variantName("challenger")
            .infrastructureConfig(i -> i.infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
                .realTimeInferenceConfig(c -> c.instanceType("ml.m5.large").instanceCount(3))).build()));

    DescribeInferenceExperimentResponse stopped = describe("shadow-1");
    assertThat(stopped.status()).isEqualTo(InferenceExperimentStatus.COMPLETED);
    assertThat(stopped.statusReason()).isEqualTo("challenger wins");
    assertThat(invoke()).isEqualTo(LocalModel.fromArtifact("weights-2".getBytes(StandardCharsets.UTF_8)).predictCsv("1,2\n"));
    DescribeEndpointResponse endpoint = bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointConfigName()).startsWith("sagemaker-ie-").isNotEqualTo("c1");
    assertThat(endpoint.productionVariants()).singleElement().satisfies(v -> {
      assertThat(v.variantName()).isEqualTo("challenger");
      assertThat(v.desiredInstanceCount()).isEqualTo(3);
      assertThat(v.deployedImages().get(0).specifiedImage()).isEqualTo(HostingTestBed.DIGEST_IMAGE);
    });
    assertThat(endpoint.shadowProductionVariants()).isEmpty();
    assertThat(bed.sageMaker.describeEndpointConfig(r -> r.endpointConfigName(endpoint.endpointConfigName()))
        .productionVariants()).singleElement().satisfies(v -> assertThat(v.modelName()).isEqualTo("m2"));
    assertThatThrownBy(() -> bed.sageMaker.stopInferenceExperiment(r -> r.name("shadow-1")
        .modelVariantActionsWithStrings(Map.of("challenger", "Remove"))))
        .hasMessageContaining("cannot be stopped because it is in status Completed");
  }

  @Test
  void createInferenceExperiment_whenTheShadowIsUp_putsTheEndpointOnAConfigurationWithTheShadowVariant() {
    create("shadow-1", r -> { });
    assertThat(bed.sageMaker.describeEndpoint(r -> r.endpointName("churn")).endpointConfigName()).isEqualTo("c1");

    bed.advance(Timings.PROVISIONING);

    DescribeEndpointResponse endpoint = bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointConfigName()).startsWith("sagemaker-ie-");
    assertThat(endpoint.productionVariants()).extracting(v -> v.variantName()).containsExactly("AllTraffic");
    assertThat(endpoint.shadowProductionVariants()).extracting(v -> v.variantName()).containsExactly("challenger");
    assertThat(bed.sageMaker.describeEndpointConfig(r -> r.endpointConfigName(endpoint.endpointConfigName()))
        .shadowProductionVariants()).singleElement().satisfies(v -> assertThat(v.modelName()).isEqualTo("m2"));
    assertThat(describe("shadow-1").endpointMetadata().endpointConfigName()).isEqualTo(endpoint.endpointConfigName());
  }

  @Test
  void stopInferenceExperiment_whenShadowRemoved_returnsTheEndpointToItsConfigurationBefore() {
    create("shadow-1", r -> { });
    bed.advance(Timings.PROVISIONING);

    bed.sageMaker.stopInferenceExperiment(r -> r.name("shadow-1")
        .modelVariantActionsWithStrings(Map.of("AllTraffic", "Retain", "challenger", "Remove")));

    DescribeEndpointResponse endpoint = bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointConfigName()).isEqualTo("c1");
    assertThat(endpoint.productionVariants()).extracting(v -> v.variantName()).containsExactly("AllTraffic");
    assertThat(endpoint.shadowProductionVariants()).isEmpty();
    assertThat(invoke()).isEqualTo(LocalModel.fromArtifact("weights-1".getBytes(StandardCharsets.UTF_8)).predictCsv("1,2\n"));
  }

  @Test
  void stopInferenceExperiment_whenShadowRetained_keepsTheShadowOnTheExperimentsConfigurationCopyingItsShare() {
    create("shadow-1", r -> { });
    bed.advance(Timings.PROVISIONING);

    bed.sageMaker.stopInferenceExperiment(r -> r.name("shadow-1")
        .modelVariantActionsWithStrings(Map.of("AllTraffic", "Retain", "challenger", "Retain")));
    for (int i = 0; i < 4; i++) {
      invoke();
    }

    DescribeEndpointResponse endpoint = bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointConfigName()).startsWith("sagemaker-ie-");
    assertThat(endpoint.shadowProductionVariants()).extracting(v -> v.variantName()).containsExactly("challenger");
    assertThat(bed.cloud.sum("Invocations", Map.of("EndpointName", "churn", "VariantName", "challenger"))).isEqualTo(2.0);
  }

  @Test
  void createInferenceExperiment_whenScheduleIsShorterThanAnHour_isRefused() {
    Instant start = bed.plane.clock().instant();

    assertThatThrownBy(() -> create("short", r -> r.schedule(s -> s.startTime(start)
        .endTime(start.plus(Duration.ofMinutes(59))))))
        .hasMessageContaining("must last between 1 hour and 30 days");
    assertThatThrownBy(() -> create("long", r -> r.schedule(s -> s.endTime(start.plus(Duration.ofDays(31))))))
        .hasMessageContaining("must last between 1 hour and 30 days");
    assertThat(bed.sageMaker.listInferenceExperiments(r -> { }).inferenceExperiments()).isEmpty();
  }

  @Test
  void createInferenceExperiment_whenTheEndpointHasTwoProductionVariants_isRefused() {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("ab").productionVariants(
        v -> v.variantName("AllTraffic").modelName("m1").instanceType("ml.m5.large").initialInstanceCount(1),
        v -> v.variantName("Challenger").modelName("m2").instanceType("ml.m5.large").initialInstanceCount(1)));
    bed.sageMaker.createEndpoint(r -> r.endpointName("ab").endpointConfigName("ab"));
    bed.advance(Timings.PROVISIONING);

    assertThatThrownBy(() -> bed.sageMaker.createInferenceExperiment(r -> r.name("ab-shadow").type("ShadowMode")
        .roleArn("arn:aws:iam::123456789012:role/sm").endpointName("ab")
        .modelVariants(variant("m1", "AllTraffic"), variant("m2", "shadow"))
        .shadowModeConfig(s -> s.sourceModelVariantName("AllTraffic")
            .shadowModelVariants(v -> v.shadowModelVariantName("shadow").samplingPercentage(50)))))
        .hasMessageContaining("exactly one production variant");
  }

  @Test
  void createInferenceExperiment_whenTheShadowAsksForInf1_isRefused() {
    assertThatThrownBy(() -> create("inf1", r -> r.modelVariants(variant("m1", "AllTraffic"),
        ModelVariantConfig.builder().modelName("m2").variantName("challenger").infrastructureConfig(i -> i
            .infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
            .realTimeInferenceConfig(c -> c.instanceType("ml.inf1.xlarge").instanceCount(1))).build())))
        .hasMessageContaining("not supported for Inf1 instances (ml.inf1.xlarge)");
  }

  @Test
  void describeInferenceExperiment_whenMissing_answersResourceNotFound() {
    assertThatThrownBy(() -> describe("ghost")).isInstanceOf(ResourceNotFoundException.class);
  }
}
