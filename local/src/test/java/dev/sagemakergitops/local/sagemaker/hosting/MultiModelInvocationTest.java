package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.ContainerMode;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/** InvokeEndpoint with TargetModel: a multi-model container serves {@code <prefix><TargetModel>}; AWS's refusals. */
class MultiModelInvocationTest {
  private static final String PAYLOAD = "1,2\n";
  private HostingTestBed bed;

  @BeforeEach
  void start() {
    bed = new HostingTestBed();
    put("churn/models/eu.tar.gz", "weights-eu");
    put("churn/models/us.tar.gz", "weights-us");
    bed.sageMaker.createModel(r -> r.modelName("mme").executionRoleArn("arn:aws:iam::123456789012:role/sm")
        .primaryContainer(c -> c.image(HostingTestBed.IMAGE).mode(ContainerMode.MULTI_MODEL)
            .modelDataUrl("s3://models/churn/models/")));
    bed.config("mme-config", "mme", 1);
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn-mme").endpointConfigName("mme-config"));
    bed.model("single", HostingTestBed.IMAGE, "weights-single");
    bed.config("single-config", "single", 1);
    bed.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("single-config"));
    bed.advance(Timings.PROVISIONING);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private void put(String key, String artifact) {
    bed.cloud.put("models", key, artifact.getBytes(StandardCharsets.UTF_8), "application/gzip");
  }

  private InvokeEndpointResponse invoke(String endpoint, String targetModel) {
    return bed.runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv").targetModel(targetModel)
        .body(SdkBytes.fromUtf8String(PAYLOAD)));
  }

  private static String expected(String artifact) {
    return LocalModel.fromArtifact(artifact.getBytes(StandardCharsets.UTF_8)).predictCsv(PAYLOAD);
  }

  @Test
  void invokeEndpoint_whenTargetModelNamesAnArtifactUnderThePrefix_isServedByThatModel() {
    assertThat(invoke("churn-mme", "eu.tar.gz").body().asUtf8String()).isEqualTo(expected("weights-eu"));
    assertThat(invoke("churn-mme", "us.tar.gz").body().asUtf8String()).isEqualTo(expected("weights-us"));
  }

  @Test
  void invokeEndpoint_whenTargetModelIsMissingUnderThePrefix_answersValidationErrorNamingTheObject() {
    assertThatThrownBy(() -> invoke("churn-mme", "apac.tar.gz")).isInstanceOfSatisfying(SageMakerRuntimeException.class,
        e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).contains("s3://models/churn/models/apac.tar.gz");
        });
  }

  @Test
  void invokeEndpoint_whenMultiModelRequestNamesNoModel_answersValidationError() {
    assertThatThrownBy(() -> invoke("churn-mme", null)).isInstanceOfSatisfying(SageMakerRuntimeException.class,
        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("is missing a target model header"));
  }

  @Test
  void invokeEndpoint_whenTargetModelOnASingleModelEndpoint_answersValidationError() {
    assertThatThrownBy(() -> invoke("churn", "eu.tar.gz")).isInstanceOfSatisfying(SageMakerRuntimeException.class,
        e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Endpoint churn is not a multi-model endpoint and"
              + " does not support target model header.");
        });
    assertThat(invoke("churn", null).body().asUtf8String()).isEqualTo(expected("weights-single"));
  }
}
