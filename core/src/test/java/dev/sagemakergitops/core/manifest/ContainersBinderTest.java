package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.model.containers} and {@code inferenceExecution}: what binds, and what is refused where. */
class ContainersBinderTest {
  private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private final ManifestLoader loader = new ManifestLoader();

  private static String manifest(String image, String model) {
    return """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-pipeline
        spec:
          region: us-east-1
        %s  model:
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        %s""".formatted(image, model);
  }

  private static final String TWO = """
            containers:
              - image: %1$s/churn-pre:2.0.1
                hostname: preprocess
                artifact: s3://ml-artifacts/churn/pre/model.tar.gz
                environment: {SCALE: "1"}
              - image: %1$s/churn-xgb@sha256:%2$s
                hostname: model
                package: churn/3
        """.formatted(REGISTRY, "a".repeat(64));

  private ManifestParseResult load(String text) {
    return loader.load(new ManifestSource("models/pipe.yaml", "b".repeat(40)), text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> problems(String text) {
    return load(text).problems().stream().map(p -> p.line() + " " + p.field() + ": " + p.message()).toList();
  }

  @Test
  void load_whenTwoContainers_bindsThemInOrderWithoutSpecImageOrPackage() {
    ModelManifest manifest = load(manifest("", "    inferenceExecution: Direct\n" + TWO)).validManifest().orElseThrow();

    ModelSpec model = manifest.spec().model();
    assertThat(manifest.spec().image()).isNull();
    assertThat(model.modelPackage()).isNull();
    assertThat(model.isPipeline()).isTrue();
    assertThat(model.inferenceExecution()).isEqualTo("Direct");
    assertThat(model.containers()).extracting(ContainerSpec::hostname).containsExactly("preprocess", "model");
    assertThat(model.containers().get(0).artifact()).isEqualTo("s3://ml-artifacts/churn/pre/model.tar.gz");
    assertThat(model.containers().get(0).environment()).containsEntry("SCALE", "1");
    assertThat(model.containers().get(1).modelPackage()).isEqualTo(new ModelPackageReference("churn", 3));
    assertThat(model.containers().get(1).image().isPinned()).isTrue();
  }

  @Test
  void load_whenContainersWithSpecImagePackageOrMode_refusesEachAtItsLine() {
    String text = manifest("  image: " + REGISTRY + "/churn-xgb:1.4.2\n",
        "    package: churn/3\n    mode: MultiModel\n    environment: {A: b}\n" + TWO);

    assertThat(problems(text)).anySatisfy(p -> assertThat(p).startsWith("7 spec.image: spec.image does not go with"))
        .anySatisfy(p -> assertThat(p).startsWith("10 spec.model.package: spec.model.package does not go with"))
        .anySatisfy(p -> assertThat(p).startsWith("11 spec.model.mode: "))
        .anySatisfy(p -> assertThat(p).startsWith("12 spec.model.environment: "));
  }

  @Test
  void load_whenDirectWithoutAHostnameOrAHostnameTwice_refusesTheContainer() {
    String direct = manifest("", """
            inferenceExecution: Direct
            containers:
              - image: %1$s/churn-pre:2.0.1
              - image: %1$s/churn-xgb:1.4.2
                hostname: model
        """.formatted(REGISTRY));
    String twice = manifest("", """
            containers:
              - {image: %1$s/churn-pre:2.0.1, hostname: model}
              - {image: %1$s/churn-xgb:1.4.2, hostname: model}
        """.formatted(REGISTRY));

    assertThat(problems(direct)).singleElement().asString()
        .startsWith("11 spec.model.containers[0].hostname: expected a hostname: with inferenceExecution: Direct");
    assertThat(problems(twice)).singleElement().asString()
        .startsWith("11 spec.model.containers[1].hostname: the host name 'model' is used twice");
  }

  @Test
  void load_whenPackageAndArtifactOrABadHostname_refusesThem() {
    String text = manifest("", """
            containers:
              - image: %1$s/churn-pre:2.0.1
                package: churn/1
                artifact: s3://ml-artifacts/pre.tar.gz
              - image: %1$s/churn-xgb:1.4.2
                hostname: -model
        """.formatted(REGISTRY));

    assertThat(problems(text)).anySatisfy(p -> assertThat(p).startsWith("12 spec.model.containers[0].artifact: a"
        + " container serves either")).anySatisfy(p -> assertThat(p).startsWith("14 spec.model.containers[1].hostname:"));
  }

  @Test
  void load_whenInferenceExecutionWithoutContainersOrPackage_refusesIt() {
    String text = manifest("  image: " + REGISTRY + "/churn-xgb:1.4.2\n", "    inferenceExecution: Serial\n");

    assertThat(problems(text)).anySatisfy(p -> assertThat(p).startsWith("10 spec.model.inferenceExecution: "));
  }
}
