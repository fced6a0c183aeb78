package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.ManifestText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code spec.endpoint.variants[].model}, loaded from a whole manifest: what binds, and each located refusal. */
class VariantModelBinderTest {
  private static final String IMAGE = ManifestText.CHURN_IMAGE;
  private final ManifestLoader loader = new ManifestLoader();

  private static String manifest(String labels, String variantB, String extra) {
    return ManifestText.deployment("churn-prod").labels(labels).region("us-east-1").image(IMAGE)
        .spec(ManifestText.CHURN_MODEL).spec("""
            environment: {LOG_LEVEL: info, THREADS: "4"}
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80}
              - name: B
                instanceType: ml.m5.large
                instanceCount: 1
                weight: 20
        """ + variantB + extra).text();
  }

  private ManifestParseResult load(String text) {
    return loader.load(new ManifestSource("m.yaml", "blob"), text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> problems(String text) {
    return load(text).problems().stream().map(ManifestProblem::toString).toList();
  }

  @Test
  void load_whenVariantHasItsOwnModel_bindsPackageImageAndEnvironmentMergedOverSpecModel() {
    ManifestParseResult result = load(manifest(null, """
                model:
                  package: churn/8
                  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.5.0
                  environment: {THREADS: "8"}
        """, ""));

    assertThat(result.problems()).isEmpty();
    EndpointSpec endpoint = result.validManifest().orElseThrow().spec().endpoint();
    assertThat(endpoint.variants().get(0).model()).isNull();
    VariantModelSpec own = endpoint.variants().get(1).model();
    assertThat(own.modelPackage()).isEqualTo(new ModelPackageReference("churn", 8));
    assertThat(own.image().tag()).isEqualTo("1.5.0");
    assertThat(own.environmentOver(Map.of("LOG_LEVEL", "info", "THREADS", "4")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LOG_LEVEL", "info", "THREADS", "8"));
    assertThat(endpoint.hasVariantModels()).isTrue();
  }

  @Test
  void load_whenVariantModelHasNoPackage_refusesAtTheModelLine() {
    assertThat(problems(manifest(null, """
                model:
                  environment: {THREADS: "8"}
        """, ""))).containsExactly("m.yaml:21:11: spec.endpoint.variants[1].model.package: a variant's own model names"
        + " its model package version, written group/version such as churn/8; add package, or remove model to serve"
        + " spec.model");
  }

  @Test
  void load_whenVariantPackageIsMalformed_namesTheLineAndTheField() {
    assertThat(problems(manifest(null, "        model: {package: churn-8}\n", "")))
        .singleElement().asString()
        .startsWith("m.yaml:20:26: spec.endpoint.variants[1].model.package: expected a model package version written"
            + " group/version");
  }

  @Test
  void load_whenVariantImageLivesInAnotherRegion_refusesTheImage() {
    assertThat(problems(manifest(null, """
                model:
                  package: churn/8
                  image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-xgb:1.5.0
        """, ""))).singleElement().asString()
        .startsWith("m.yaml:22:18: spec.endpoint.variants[1].model.image: the image lives in ECR in eu-west-1 but"
            + " spec.region is us-east-1");
  }

  @Test
  void load_whenVariantModelHasAnUnknownKey_suggestsTheKnownOnes() {
    assertThat(problems(manifest(null, "        model: {package: churn/8, executionRoleArn: x}\n", "")))
        .singleElement().asString().startsWith("m.yaml:20:35: spec.endpoint.variants[1].model.executionRoleArn: unknown key");
  }

  @Test
  void load_whenShadowTestAndAVariantWithItsOwnModel_refusesTheShadowTest() {
    String text = ManifestText.deployment("churn-prod").region("us-east-1").image(IMAGE).spec(ManifestText.CHURN_MODEL)
        .spec("""
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 1, model: {package: churn/8}}
          shadowTest:
            samplingPercent: 50
            duration: 1h
        """).text();

    assertThat(problems(text)).singleElement().asString().startsWith("m.yaml:15:3: spec.shadowTest: a shadow test"
        + " compares spec.model with the one production variant, but variant [A] has its own model");
  }

  @Test
  void load_whenLabelsAndVariantModelsExceedTheTagBudget_asksToRemoveLabels() {
    String labels = IntStream.range(0, 37).mapToObj(i -> "l" + i + ": v").collect(Collectors.joining(", ", "{", "}"));

    assertThat(problems(manifest(labels, "        model: {package: churn/8}\n", ""))).singleElement().asString()
        .contains("spec.endpoint: each variant with its own model takes one of the endpoint's tags")
        .endsWith("remove 1 label(s) from metadata.labels");
    assertThat(problems(manifest(labels, "", ""))).isEmpty();
  }
}
