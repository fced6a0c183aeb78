package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Models and endpoint configurations through the SDK. */
class HostingResourcesTest {
  private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:";
  private HostingTestBed bed;

  @BeforeEach
  void start() {
    bed = new HostingTestBed();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private static void assertValidation(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SageMakerException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  @Test
  void createModel_whenDescribed_answersTheContainerAsSent() {
    bed.model("m1", HostingTestBed.IMAGE, "weights");

    DescribeModelResponse model = bed.sageMaker.describeModel(r -> r.modelName("m1"));

    assertThat(model.modelArn()).isEqualTo(ARN + "model/m1");
    assertThat(model.primaryContainer().image()).isEqualTo(HostingTestBed.IMAGE);
    assertThat(model.primaryContainer().modelDataUrl()).isEqualTo("s3://models/m1/model.tar.gz");
    assertThat(model.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/sm");
    assertThat(model.creationTime()).isEqualTo(bed.plane.clock().instant());
    assertThat(model.enableNetworkIsolation()).isFalse();
  }

  @Test
  void createModel_whenNameExists_refusesWithTheServiceMessage() {
    bed.model("m1", HostingTestBed.IMAGE, "weights");

    assertValidation(() -> bed.model("m1", HostingTestBed.IMAGE, "weights"),
        "Cannot create already existing model \"" + ARN + "model/m1\".");
  }

  @Test
  void createModel_whenInferencePipeline_keepsTheContainersInOrder() {
    bed.sageMaker.createModel(r -> r.modelName("pipe").containers(c -> c.image("a:1"), c -> c.image("b:2")));

    assertThat(bed.sageMaker.describeModel(r -> r.modelName("pipe")).containers())
        .extracting(c -> c.image()).containsExactly("a:1", "b:2");
  }

  @Test
  void listModels_whenFilteredAndSorted_pagesByMaxResults() {
    for (String name : new String[] {"churn-a", "churn-b", "fraud-a"}) {
      bed.model(name, HostingTestBed.IMAGE, name);
      bed.advance(java.time.Duration.ofSeconds(1));
    }

    var first = bed.sageMaker.listModels(r -> r.nameContains("CHURN").maxResults(1));
    assertThat(first.models()).extracting(ModelSummary::modelName).containsExactly("churn-b");
    var second = bed.sageMaker.listModels(r -> r.nameContains("churn").maxResults(1).nextToken(first.nextToken()));
    assertThat(second.models()).extracting(ModelSummary::modelName).containsExactly("churn-a");
    assertThat(second.nextToken()).isNull();
    assertThat(bed.sageMaker.listModels(r -> r.sortBy("Name").sortOrder("Ascending")).models())
        .extracting(ModelSummary::modelName).containsExactly("churn-a", "churn-b", "fraud-a");
  }

  @Test
  void deleteModel_whenDeleted_isNotFoundAfterwards() {
    bed.model("m1", HostingTestBed.IMAGE, "weights");
    bed.sageMaker.deleteModel(r -> r.modelName("m1"));

    assertValidation(() -> bed.sageMaker.describeModel(r -> r.modelName("m1")),
        "Could not find model \"" + ARN + "model/m1\".");
    assertThat(bed.hosting).isNotNull();
  }

  @Test
  void createEndpointConfig_whenModelMissing_refusesNamingTheModel() {
    assertValidation(() -> bed.config("c1", "ghost", 1), "Could not find model \"" + ARN + "model/ghost\".");
  }

  @Test
  void createEndpointConfig_whenShadowAndCapture_describesThemWithDefaults() {
    bed.model("m1", HostingTestBed.IMAGE, "w1");
    bed.model("m2", HostingTestBed.IMAGE, "w2");
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("shadowed")
        .productionVariants(v -> v.variantName("prod").modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
            .initialInstanceCount(1))
        .shadowProductionVariants(v -> v.variantName("shadow").modelName("m2")
            .instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(1).initialVariantWeight(0.5f))
        .dataCaptureConfig(d -> d.initialSamplingPercentage(20).destinationS3Uri("s3://captures/churn")
            .captureOptions(o -> o.captureMode(CaptureMode.INPUT_AND_OUTPUT))));

    DescribeEndpointConfigResponse config = bed.sageMaker.describeEndpointConfig(r -> r.endpointConfigName("shadowed"));

    assertThat(config.endpointConfigArn()).isEqualTo(ARN + "endpoint-config/shadowed");
    assertThat(config.productionVariants().get(0).initialVariantWeight()).isEqualTo(1.0f);
    assertThat(config.shadowProductionVariants().get(0).initialVariantWeight()).isEqualTo(0.5f);
    assertThat(config.dataCaptureConfig().enableCapture()).isTrue();
    assertThat(config.dataCaptureConfig().initialSamplingPercentage()).isEqualTo(20);
  }

  @Test
  void createEndpointConfig_whenServerless_isAccepted() {
    bed.model("m1", HostingTestBed.IMAGE, "w1");
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("sls").productionVariants(v -> v.variantName("AllTraffic")
        .modelName("m1").serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(5))));

    assertThat(bed.sageMaker.describeEndpointConfig(r -> r.endpointConfigName("sls")).productionVariants().get(0)
        .serverlessConfig().memorySizeInMB()).isEqualTo(2048);
  }

  @Test
  void createEndpointConfig_whenServerlessWithDataCapture_refuses() {
    bed.model("m1", HostingTestBed.IMAGE, "w1");

    assertValidation(() -> bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("sls")
        .productionVariants(v -> v.variantName("AllTraffic").modelName("m1")
            .serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(5)))
        .dataCaptureConfig(d -> d.initialSamplingPercentage(10).destinationS3Uri("s3://capture/x")
            .captureOptions(o -> o.captureMode(CaptureMode.INPUT)))),
        "Serverless Inference does not support DataCaptureConfig: remove it from an endpoint configuration with a "
            + "ServerlessConfig variant.");
  }

  @Test
  void createEndpointConfig_whenServerlessBesideAnInstanceVariant_refuses() {
    bed.model("m1", HostingTestBed.IMAGE, "w1");

    assertValidation(() -> bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("mixed").productionVariants(
            v -> v.variantName("AllTraffic").modelName("m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
                .initialInstanceCount(1),
            v -> v.variantName("Serverless").modelName("m1").serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(5)))),
        "Serverless Inference does not support multiple production variants: an endpoint configuration with a "
            + "ServerlessConfig variant must have exactly one variant.");
  }

  @Test
  void updateEndpoint_whenInstanceEndpointWouldBecomeServerless_refuses() {
    bed.inServiceEndpoint();
    bed.sageMaker.createEndpointConfig(r -> r.endpointConfigName("sls").productionVariants(v -> v.variantName("AllTraffic")
        .modelName("m2").serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(5))));

    assertValidation(() -> bed.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("sls")),
        "Cannot update endpoint \"" + ARN + "endpoint/churn\" to endpoint configuration \"sls\": an instance-based "
            + "endpoint cannot be converted to a serverless endpoint.");
  }

  @Test
  void createEndpointConfig_whenNameExists_refusesWithTheServiceMessage() {
    bed.model("m1", HostingTestBed.IMAGE, "w1");
    bed.config("c1", "m1", 1);

    assertValidation(() -> bed.config("c1", "m1", 1),
        "Cannot create already existing endpoint configuration \"" + ARN + "endpoint-config/c1\".");
  }

  @Test
  void deleteEndpointConfig_whenUsedByAnEndpoint_deletesItAndTheEndpointRunsOn() {
    bed.inServiceEndpoint();

    bed.sageMaker.deleteEndpointConfig(r -> r.endpointConfigName("c1"));

    assertValidation(() -> bed.sageMaker.describeEndpointConfig(r -> r.endpointConfigName("c1")),
        "Could not find endpoint configuration \"" + ARN + "endpoint-config/c1\".");
    assertThat(bed.sageMaker.listEndpointConfigs(r -> { }).endpointConfigs()).extracting(c -> c.endpointConfigName())
        .containsExactly("c2");
    var endpoint = bed.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointStatusAsString()).isEqualTo("InService");
    assertThat(endpoint.endpointConfigName()).isEqualTo("c1");
  }

  @Test
  void createEndpoint_whenTagged_keepsTheTagsForListTags() {
    bed.inServiceEndpoint();
    bed.sageMaker.createEndpoint(r -> r.endpointName("tagged").endpointConfigName("c1")
        .tags(t -> t.key("gitops:commit").value("abc123")));

    assertThat(bed.sageMaker.listTags(r -> r.resourceArn(ARN + "endpoint/tagged")).tags())
        .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("abc123"));
  }

  @Test
  void listEndpointConfigs_whenTokenForged_refusesIt() {
    assertThatThrownBy(() -> bed.sageMaker.listEndpointConfigs(r -> r.nextToken("bogus")))
        .isInstanceOf(SageMakerException.class).hasMessageContaining("Invalid pagination token");
  }
}
