package dev.sagemakergitops.local.sagemaker.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * Models of several containers: CreateModel's rules for {@code Containers} and
 * {@code InferenceExecutionConfig}, and InvokeEndpoint through a Serial pipeline and by
 * {@code TargetContainerHostname} in Direct mode (sources in {@link PipelineModels} and
 * {@link PipelineInvocation}).
 */
class PipelineModelTest {
  private static final String PAYLOAD = "1,2\n3,4\n";
  private HostingTestBed bed;

  @BeforeEach
  void start() {
    bed = new HostingTestBed();
    bed.cloud.put("models", "pre/model.tar.gz", bytes("pre-weights"), "application/gzip");
    bed.cloud.put("models", "main/model.tar.gz", bytes("main-weights"), "application/gzip");
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ContainerDefinition container(String hostname, String artifact) {
    return ContainerDefinition.builder().containerHostname(hostname).image(HostingTestBed.IMAGE)
        .modelDataUrl(artifact == null ? null : "s3://models/" + artifact + "/model.tar.gz").build();
  }

  private void createModel(String name, InferenceExecutionMode mode, ContainerDefinition... containers) {
    bed.sageMaker.createModel(r -> r.modelName(name).executionRoleArn("arn:aws:iam::123456789012:role/sm")
        .containers(containers).inferenceExecutionConfig(mode == null ? null
            : software.amazon.awssdk.services.sagemaker.model.InferenceExecutionConfig.builder().mode(mode).build()));
  }

  private void serve(String model) {
    bed.config(model + "-config", model, 1);
    bed.sageMaker.createEndpoint(r -> r.endpointName(model).endpointConfigName(model + "-config"));
    bed.advance(Timings.PROVISIONING);
  }

  private String invoke(String endpoint, String hostname) {
    return bed.runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv")
        .targetContainerHostname(hostname).body(SdkBytes.fromUtf8String(PAYLOAD))).body().asUtf8String();
  }

  private static LocalModel local(String artifact) {
    return LocalModel.fromArtifact(bytes(artifact));
  }

  @Test
  void describeModel_whenCreatedWithContainers_returnsThemInOrderWithTheExecutionConfig() {
    createModel("pipe", InferenceExecutionMode.DIRECT, container("pre", "pre"), container("main", "main"));

    DescribeModelResponse model = bed.sageMaker.describeModel(r -> r.modelName("pipe"));

    assertThat(model.primaryContainer()).isNull();
    assertThat(model.containers()).extracting(ContainerDefinition::containerHostname).containsExactly("pre", "main");
    assertThat(model.inferenceExecutionConfig().mode()).isEqualTo(InferenceExecutionMode.DIRECT);
  }

  @Test
  void createModel_whenContainersBreakTheRules_refusesWithAValidationException() {
    assertThatThrownBy(() -> createModel("one", null, container("pre", "pre")))
        .isInstanceOf(SageMakerException.class).hasMessageContaining("more than one container");
    assertThatThrownBy(() -> createModel("direct", InferenceExecutionMode.DIRECT, container("pre", "pre"),
        container(null, "main"))).isInstanceOf(SageMakerException.class)
        .hasMessageContaining("ContainerHostname is required for each container");
    assertThatThrownBy(() -> createModel("some", null, container("pre", "pre"), container(null, "main")))
        .isInstanceOf(SageMakerException.class).hasMessageContaining("it must be specified for every container");
    assertThatThrownBy(() -> createModel("twice", null, container("pre", "pre"), container("PRE", "main")))
        .isInstanceOf(SageMakerException.class).hasMessageContaining("used by more than one container");
    ContainerDefinition[] sixteen = new ContainerDefinition[16];
    java.util.Arrays.fill(sixteen, container(null, "main"));
    assertThatThrownBy(() -> createModel("sixteen", null, sixteen)).isInstanceOf(SageMakerException.class)
        .hasMessageContaining("15");
    assertThatThrownBy(() -> bed.sageMaker.createModel(r -> r.modelName("primary")
        .executionRoleArn("arn:aws:iam::123456789012:role/sm").primaryContainer(container(null, "main"))
        .inferenceExecutionConfig(c -> c.mode(InferenceExecutionMode.SERIAL))))
        .isInstanceOf(SageMakerException.class).hasMessageContaining("multiple containers");
    assertThat(bed.sageMaker.listModels(r -> r.maxResults(100)).models()).isEmpty();
  }

  @Test
  void invokeEndpoint_whenSerial_feedsEachContainersOutputToTheNextAndPassesThroughOneWithoutArtifact() {
    createModel("pipe", null, container(null, "pre"), container(null, null), container(null, "main"));
    serve("pipe");

    assertThat(invoke("pipe", null)).isEqualTo(local("main-weights").predictCsv(local("pre-weights").predictCsv(PAYLOAD)));
    assertThatThrownBy(() -> invoke("pipe", "pre")).isInstanceOf(SageMakerRuntimeException.class)
        .hasMessageContaining("not configured for direct invocation");
  }

  @Test
  void invokeEndpoint_whenDirect_runsOnlyTheTargetContainerAndRefusesAMissingOrUnknownTarget() {
    createModel("direct", InferenceExecutionMode.DIRECT, container("pre", "pre"), container("main", "main"));
    serve("direct");

    assertThat(invoke("direct", "main")).isEqualTo(local("main-weights").predictCsv(PAYLOAD));
    assertThat(invoke("direct", "pre")).isEqualTo(local("pre-weights").predictCsv(PAYLOAD));
    assertThatThrownBy(() -> invoke("direct", null)).isInstanceOf(SageMakerRuntimeException.class)
        .hasMessageContaining("specify TargetContainerHostname");
    assertThatThrownBy(() -> invoke("direct", "post")).isInstanceOf(SageMakerRuntimeException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void invokeEndpoint_whenOneContainerAndATarget_refusesAsNotDirect() {
    bed.model("single", HostingTestBed.IMAGE, "weights");
    serve("single");

    assertThatThrownBy(() -> invoke("single", "main")).isInstanceOf(SageMakerRuntimeException.class)
        .hasMessageContaining("not configured for direct invocation");
    assertThat(invoke("single", null)).isEqualTo(local("weights").predictCsv(PAYLOAD));
  }
}
