package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/** InvokeEndpoint through SageMakerRuntimeClient: routing, predictions, errors, shadows and metrics. */
class RuntimeInvocationTest {
  private static final String PAYLOAD = "1,2\n3,4\n";
  private HostingTestBed bed;

  @BeforeEach
  void start() {
    bed = new HostingTestBed();
    bed.model("m1", HostingTestBed.IMAGE, "weights-1");
    bed.model("m2", HostingTestBed.IMAGE, "weights-2");
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("ab").productionVariants(
        v -> v.variantName("A").modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
            .initialInstanceCount(2).initialVariantWeight(3f),
        v -> v.variantName("B").modelName("m2").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
            .initialInstanceCount(1).initialVariantWeight(1f)));
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("ab"));
    bed.advance(Timings.PROVISIONING);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private InvokeEndpointResponse invoke(String endpoint, String targetVariant) {
    return bed.runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv").targetVariant(targetVariant)
        .body(SdkBytes.fromUtf8String(PAYLOAD)));
  }

  private static String expected(String artifact) {
    return LocalModel.fromArtifact(artifact.getBytes(StandardCharsets.UTF_8)).predictCsv(PAYLOAD);
  }

  private static Map<String, String> dims(String endpoint, String variant) {
    return Map.of("EndpointName", endpoint, "VariantName", variant);
  }

  @Test
  void invokeEndpoint_whenTargetVariantGiven_isServedByThatVariantsModel() {
    InvokeEndpointResponse response = invoke("churn", "B");

    assertThat(response.invokedProductionVariant()).isEqualTo("B");
    assertThat(response.body().asUtf8String()).isEqualTo(expected("weights-2"));
    assertThat(response.contentType()).isEqualTo("text/csv");
  }

  @Test
  void invokeEndpoint_whenNoTarget_routesByWeightInADeterministicCycle() {
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      served.add(invoke("churn", null).invokedProductionVariant());
    }

    assertThat(served).containsExactly("A", "A", "B", "A", "A", "A", "B", "A");
    assertThat(invoke("churn", "A").body().asUtf8String()).isEqualTo(expected("weights-1"));
  }

  @Test
  void invokeEndpoint_whenEndpointMissingOrCreating_answersValidationErrorNotFound() {
    assertThatThrownBy(() -> invoke("ghost", null)).isInstanceOfSatisfying(SageMakerRuntimeException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Endpoint ghost of account 123456789012 not found.");
    });
    bed.sageMaker.createEndpoint(r -> r.endpointName("fresh").endpointConfigName("ab"));
    assertThatThrownBy(() -> invoke("fresh", null)).hasMessageContaining("Endpoint fresh of account 123456789012 not found.");
  }

  @Test
  void invokeEndpoint_whenInvoked_recordsTheSageMakerMetricsPerVariant() {
    invoke("churn", "A");
    invoke("churn", "A");
    bed.hosting.slowVariant("churn", "B", 3.0);
    invoke("churn", "B");

    assertThat(bed.cloud.sum("Invocations", dims("churn", "A"))).isEqualTo(2.0);
    assertThat(bed.cloud.sum("InvocationsPerInstance", dims("churn", "A"))).isEqualTo(1.0);
    assertThat(bed.cloud.metrics("ModelLatency", dims("churn", "A"))).allSatisfy(d -> {
      assertThat(d.value()).isEqualTo(4_200.0);
      assertThat(d.unit()).isEqualTo("Microseconds");
      assertThat(d.namespace()).isEqualTo("AWS/SageMaker");
    });
    assertThat(bed.cloud.metrics("ModelLatency", dims("churn", "B"))).singleElement()
        .satisfies(d -> assertThat(d.value()).isEqualTo(12_600.0));
    assertThat(bed.cloud.sum("OverheadLatency", dims("churn", "B"))).isEqualTo(1_200.0);
    assertThat(bed.cloud.sum("Invocation4XXErrors", dims("churn", "A"))).isZero();
    assertThat(bed.cloud.sum("Invocation5XXErrors", dims("churn", "A"))).isZero();
  }

  @Test
  void invokeEndpoint_whenVariantErrors_answersModelError424AndCounts5xx() {
    bed.hosting.errorVariant("churn", "B", 0.5);

    invoke("churn", "B");
    assertThatThrownBy(() -> invoke("churn", "B")).isInstanceOfSatisfying(ModelErrorException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(424);
      assertThat(e.originalStatusCode()).isEqualTo(500);
      assertThat(e.logStreamArn()).contains("/aws/sagemaker/Endpoints/churn");
    });

    assertThat(bed.cloud.sum("Invocation5XXErrors", dims("churn", "B"))).isEqualTo(1.0);
    assertThat(bed.cloud.sum("Invocations", dims("churn", "B"))).isEqualTo(2.0);
  }

  @Test
  void invokeEndpoint_whenContentTypeNotCsv_answersModelErrorAndCounts4xx() {
    assertThatThrownBy(() -> bed.runtime.invokeEndpoint(r -> r.endpointName("churn").targetVariant("A")
        .contentType("application/json").body(SdkBytes.fromUtf8String("{}"))))
        .isInstanceOfSatisfying(ModelErrorException.class, e -> assertThat(e.originalStatusCode()).isEqualTo(415));

    assertThat(bed.cloud.sum("Invocation4XXErrors", dims("churn", "A"))).isEqualTo(1.0);
  }

  @Test
  void invokeEndpoint_whenConfigHasAShadowVariant_copiesASampledShareWithoutAnsweringFromIt() {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("shadowed")
        .productionVariants(v -> v.variantName("prod").modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
            .initialInstanceCount(1))
        .shadowProductionVariants(v -> v.variantName("shadow").modelName("m2")
            .instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(1).initialVariantWeight(0.5f)));
    bed.sageMaker.createEndpoint(r -> r.endpointName("shadowed").endpointConfigName("shadowed"));
    bed.advance(Timings.PROVISIONING);
    bed.hosting.errorVariant("shadowed", "shadow", 1.0);

    for (int i = 0; i < 4; i++) {
      InvokeEndpointResponse response = invoke("shadowed", null);
      assertThat(response.invokedProductionVariant()).isEqualTo("prod");
      assertThat(response.body().asUtf8String()).isEqualTo(expected("weights-1"));
    }

    assertThat(bed.cloud.sum("Invocations", dims("shadowed", "prod"))).isEqualTo(4.0);
    assertThat(bed.cloud.sum("Invocations", dims("shadowed", "shadow"))).isEqualTo(2.0);
    assertThat(bed.cloud.sum("Invocation5XXErrors", dims("shadowed", "shadow"))).isEqualTo(2.0);
    assertThat(bed.sageMaker.describeEndpoint(r -> r.endpointName("shadowed")).shadowProductionVariants())
        .singleElement().satisfies(v -> assertThat(v.variantName()).isEqualTo("shadow"));
  }

  @Test
  void invokeEndpoint_whenCanaryRuns_sendsTheCanaryShareToTheNewFleetWithTheConfigDimension() {
    bed.model("m3", HostingTestBed.IMAGE, "weights-3");
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("one").productionVariants(v -> v.variantName("A")
        .modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(4)));
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("two").productionVariants(v -> v.variantName("A")
        .modelName("m3").instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(4)));
    bed.sageMaker.createEndpoint(r -> r.endpointName("solo").endpointConfigName("one"));
    bed.advance(Timings.PROVISIONING);
    bed.sageMaker.updateEndpoint(r -> r.endpointName("solo").endpointConfigName("two").deploymentConfig(d -> d
        .blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY)
            .waitIntervalInSeconds(600).canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))))));
    bed.advance(Timings.PROVISIONING);

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(invoke("solo", null).body().asUtf8String());
    }

    assertThat(bodies).filteredOn(expected("weights-3")::equals).hasSize(1);
    assertThat(bodies).filteredOn(expected("weights-1")::equals).hasSize(3);
    assertThat(bed.cloud.sum("Invocations", Map.of("EndpointConfigName", "two", "EndpointName", "solo", "VariantName", "A")))
        .isEqualTo(1.0);
    assertThat(bed.cloud.sum("InvocationsPerInstance",
        Map.of("EndpointConfigName", "two", "EndpointName", "solo", "VariantName", "A"))).isEqualTo(0.25);
    assertThat(bed.cloud.sum("Invocations", Map.of("EndpointConfigName", "one", "EndpointName", "solo", "VariantName", "A")))
        .isEqualTo(3.0);
    assertThat(bed.cloud.sum("Invocations", dims("solo", "A"))).isEqualTo(4.0);
  }

  @Test
  void invokeEndpoint_whenDataCaptureEnabled_writesTheSampledShareToS3InSageMakersLayout() throws Exception {
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("captured")
        .productionVariants(v -> v.variantName("prod").modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
            .initialInstanceCount(1))
        .dataCaptureConfig(d -> d.initialSamplingPercentage(50).destinationS3Uri("s3://captures/churn/")
            .captureOptions(o -> o.captureMode("InputAndOutput"))));
    bed.sageMaker.createEndpoint(r -> r.endpointName("captured").endpointConfigName("captured"));
    bed.advance(Timings.PROVISIONING);

    for (int i = 0; i < 4; i++) {
      invoke("captured", null);
    }

    List<String> keys = bed.cloud.list("captures", "churn/captured/prod/2026/01/01/00/");
    assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k).endsWith(".jsonl"));
    var record = dev.sagemakergitops.local.protocol.Json.MAPPER.readTree(bed.cloud.get("captures", keys.get(0)).orElseThrow());
    assertThat(record.at("/captureData/endpointInput/data").asText()).isEqualTo(PAYLOAD);
    assertThat(record.at("/captureData/endpointInput/encoding").asText()).isEqualTo("CSV");
    assertThat(record.at("/captureData/endpointOutput/data").asText()).isEqualTo(expected("weights-1"));
    assertThat(record.at("/eventMetadata/eventId").asText()).isNotBlank();
    assertThat(bed.sageMaker.describeEndpoint(r -> r.endpointName("captured")).dataCaptureConfig().currentSamplingPercentage())
        .isEqualTo(50);
  }
}
