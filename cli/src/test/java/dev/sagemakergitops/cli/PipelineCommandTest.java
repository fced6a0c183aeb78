package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.ManifestText;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * Inference pipelines from Git, through the command line, on the local control plane: a manifest
 * with {@code spec.model.containers} deploys as one model whose containers are pinned by digest,
 * serves through them in order (Serial) or one of them by host name (Direct), and validate refuses
 * a pipeline of 1 or 16 containers at the line of {@code containers}.
 */
@IntegrationPhase
class PipelineCommandTest extends LocalWorldTest {
  static final String PATH = "models/churn-pipeline/prod.yaml";
  static final String ENDPOINT = "churn-pipeline";
  static final String PRE_ARTIFACT = "churn pre-processing weights";
  static final String MODEL_ARTIFACT = "churn model weights, version 1";

  @BeforeEach
  void setUp() {
    world.publishImage("churn-pre", "2.0.1");
    world.putObject("ml-artifacts", "churn/pre/model.tar.gz", PRE_ARTIFACT);
    world.putObject("ml-artifacts", "churn/v1/model.tar.gz", MODEL_ARTIFACT);
    world.cloud().modelPackages().group("churn").createGroup().image(LocalWorld.REGISTRY + "/churn-xgb:1.4.2")
        .artifact("s3://ml-artifacts/churn/v1/model.tar.gz").register();
  }

  static String pipeline(String mode, String containers) {
    return ManifestText.deployment(ENDPOINT).region("us-east-1").spec("""
          model:
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
            inferenceExecution: %s
            containers:
        %s
          endpoint:
            name: churn-pipeline
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1}
        """.formatted(mode, containers)).text();
  }

  static final String TWO_CONTAINERS = """
              - image: %1$s/churn-pre:2.0.1
                hostname: preprocess
                artifact: s3://ml-artifacts/churn/pre/model.tar.gz
                environment: {SCALE: "1"}
              - image: %1$s/churn-xgb:1.4.2
                hostname: model
                package: churn/1
        """.formatted(LocalWorld.REGISTRY);

  @Test
  void deploy_whenTwoContainersServeInSerial_createsOneModelWithBothPinnedAndChainsThem() {
    world.commit(PATH, pipeline("Serial", TWO_CONTAINERS), "Churn as a pipeline");

    CommandLineRun run = world.run("deploy", "--json", PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    DescribeModelResponse model = world.sageMaker().describeModel(r -> r.modelName(
        run.json().at("/result/modelName").asText()));
    assertThat(model.primaryContainer()).isNull();
    assertThat(model.inferenceExecutionConfig().modeAsString()).isEqualTo("Serial");
    assertThat(model.containers()).extracting(ContainerDefinition::containerHostname)
        .containsExactly("preprocess", "model");
    assertThat(model.containers()).extracting(ContainerDefinition::image).containsExactly(
        LocalWorld.REGISTRY + "/churn-pre@" + world.cloud().digestOf("churn-pre", "2.0.1"),
        LocalWorld.REGISTRY + "/churn-xgb@" + world.cloud().digestOf("churn-xgb", "1.4.2"));
    assertThat(model.containers()).extracting(ContainerDefinition::modelDataUrl).containsExactly(
        "s3://ml-artifacts/churn/pre/model.tar.gz", "s3://ml-artifacts/churn/v1/model.tar.gz");
    assertThat(world.sageMaker().listModels(r -> r.nameContains(ENDPOINT)).models()).hasSize(1);
    String payload = "1.5,2.0\n0.5,3.0\n";
    String afterFirst = local(PRE_ARTIFACT).predictCsv(payload);
    assertThat(world.cloud().invoke(ENDPOINT, payload)).isEqualTo(local(MODEL_ARTIFACT).predictCsv(afterFirst));
  }

  @Test
  void deploy_whenAPipeline_namesEveryContainersDigestInPlanTagsRecordAndExplain() throws Exception {
    String base = world.commit("README.md", "models\n", "Start");
    world.commit(PATH, pipeline("Serial", TWO_CONTAINERS), "Churn as a pipeline");
    String pre = world.cloud().digestOf("churn-pre", "2.0.1");
    String xgb = world.cloud().digestOf("churn-xgb", "1.4.2");

    CommandLineRun plan = world.run("plan", "--base", base, "--format", "json");
    CommandLineRun run = world.run("deploy", "--json", PATH);

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("container 1 image digest", pre, "container 2 image digest", xgb);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().at("/result/containerImageDigests").toString()).isEqualTo("[\"" + pre + "\",\"" + xgb + "\"]");
    var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        java.nio.file.Path.of(run.json().get("record").asText()).toFile());
    assertThat(record.at("/result/containerImageDigests").toString()).isEqualTo("[\"" + pre + "\",\"" + xgb + "\"]");
    String modelArn = world.sageMaker().describeModel(r -> r.modelName(run.json().at("/result/modelName").asText()))
        .modelArn();
    assertThat(world.tags(modelArn)).containsEntry("sagemaker-gitops:container-1-image-digest", pre)
        .containsEntry("sagemaker-gitops:container-2-image-digest", xgb);
    CommandLineRun explain = world.runAws("explain", "--json", ENDPOINT);
    assertThat(explain.json().at("/variants/0/containerImages").toString()).contains("preprocess=", pre, "model=", xgb);
  }

  @Test
  void invoke_whenDirect_answersFromTheContainerNamedAndRefusesRequestsWithoutOne() {
    world.commit(PATH, pipeline("Direct", TWO_CONTAINERS), "Churn containers, invoked directly");

    CommandLineRun run = world.run("deploy", PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String payload = "1.5,2.0\n";
    try (SageMakerRuntimeClient runtime = world.cloud().client(SageMakerRuntimeClient.builder())) {
      assertThat(invoke(runtime, payload, "model")).isEqualTo(local(MODEL_ARTIFACT).predictCsv(payload));
      assertThat(invoke(runtime, payload, "preprocess")).isEqualTo(local(PRE_ARTIFACT).predictCsv(payload));
      assertThatThrownBy(() -> invoke(runtime, payload, null)).isInstanceOf(SageMakerRuntimeException.class)
          .hasMessageContaining("specify TargetContainerHostname");
      assertThatThrownBy(() -> invoke(runtime, payload, "postprocess")).isInstanceOf(SageMakerRuntimeException.class)
          .hasMessageContaining("TargetContainerHostname postprocess does not exist");
    }
  }

  @Test
  void validate_whenOneOrSixteenContainers_refusesAtTheLineOfContainers() {
    String one = """
              - image: %s/churn-pre:2.0.1
        """.formatted(LocalWorld.REGISTRY);
    String sixteen = IntStream.range(0, 16).mapToObj(i -> one).collect(Collectors.joining());
    for (String containers : new String[] {one, sixteen}) {
      String text = pipeline("Serial", containers);
      world.commit(PATH, text, "A pipeline of the wrong size");
      int line = lineOf(text, "    containers:");

      CommandLineRun offline = world.run("validate", "--offline", PATH);
      CommandLineRun online = world.run("validate", PATH);

      for (CommandLineRun run : new CommandLineRun[] {offline, online}) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains(PATH + ":" + line + ":")
            .contains("spec.model.containers").contains("two to fifteen")
            .contains(", got " + (containers == one ? 1 : 16));
      }
    }
  }

  @Test
  void register_whenAPipeline_registersBothContainersInOneVersionWhichDeploysAsThePipeline() {
    String build = ManifestText.deployment("churn-pipeline-build").region("us-east-1").spec("""
          registry: {group: churn-pipeline, approval: Approved}
          model:
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
            containers:
              - image: %1$s/churn-pre:2.0.1
                hostname: preprocess
                artifact: s3://ml-artifacts/churn/pre/model.tar.gz
              - image: %1$s/churn-xgb:1.4.2
                hostname: model
        """.formatted(LocalWorld.REGISTRY)).text();
    world.commit("models/churn-pipeline/build.yaml", build, "Churn pipeline: build");

    CommandLineRun registered = world.run("register", "--json", "--artifact", "s3://ml-artifacts/churn/v1/model.tar.gz",
        "models/churn-pipeline/build.yaml");

    assertThat(registered.exitCode()).as(registered.err()).isZero();
    var version = world.sageMaker().describeModelPackage(r -> r.modelPackageName(
        registered.json().at("/result/packageArn").asText()));
    assertThat(version.inferenceSpecification().containers()).extracting(c -> c.containerHostname() + " " + c.image()
        + " " + c.modelDataUrl()).containsExactly(
            "preprocess " + LocalWorld.REGISTRY + "/churn-pre@" + world.cloud().digestOf("churn-pre", "2.0.1")
                + " s3://ml-artifacts/churn/pre/model.tar.gz",
            "model " + LocalWorld.REGISTRY + "/churn-xgb@" + world.cloud().digestOf("churn-xgb", "1.4.2")
                + " s3://ml-artifacts/churn/v1/model.tar.gz");

    world.commit(PATH, ManifestText.deployment(ENDPOINT).region("us-east-1")
        .image(LocalWorld.REGISTRY + "/churn-pre:2.0.1").spec("""
          model:
            package: churn-pipeline/1
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: churn-pipeline
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1}
        """).text(), "Serve the registered pipeline");
    CommandLineRun deployed = world.run("deploy", "--json", PATH);

    assertThat(deployed.exitCode()).as(deployed.err()).isZero();
    DescribeModelResponse model = world.sageMaker().describeModel(r -> r.modelName(
        deployed.json().at("/result/modelName").asText()));
    assertThat(model.primaryContainer()).isNull();
    assertThat(model.containers()).extracting(ContainerDefinition::containerHostname)
        .containsExactly("preprocess", "model");
    String payload = "1.5,2.0\n";
    assertThat(world.cloud().invoke(ENDPOINT, payload))
        .isEqualTo(local(MODEL_ARTIFACT).predictCsv(local(PRE_ARTIFACT).predictCsv(payload)));
  }

  private static String invoke(SageMakerRuntimeClient runtime, String payload, String hostname) {
    return runtime.invokeEndpoint(r -> r.endpointName(ENDPOINT).contentType("text/csv")
        .targetContainerHostname(hostname).body(SdkBytes.fromUtf8String(payload))).body().asUtf8String();
  }

  private static LocalModel local(String artifact) {
    return LocalModel.fromArtifact(artifact.getBytes(StandardCharsets.UTF_8));
  }

  private static int lineOf(String text, String prefix) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError(prefix + " not in " + text);
  }
}
