package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * An A/B test of two model versions, from a manifest in Git through the command line, on the local
 * control plane: variant A serves churn/1 (weight 80), variant B its own model churn/2 (weight 20).
 */
@IntegrationPhase
class VariantModelsCommandTest extends LocalWorldTest {
  static final String PAYLOAD = "0.5,1.5\n";

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  static final String CANARY = "{strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [churn-prod-5xx]}";

  /** The churn manifest with variants A (spec.model) and B (its own model {@code bPackage}), all at once. */
  static String abTest(String aPackage, String bPackage) {
    return abTest(aPackage, bPackage, "{strategy: allAtOnce}");
  }

  static String abTest(String aPackage, String bPackage, String deployment) {
    return Churn.training(aPackage) + """
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80}
              - name: B
                instanceType: ml.m5.large
                instanceCount: 1
                weight: 20
                model:
                  package: %s   # B's own model
                  environment: {VARIANT: b}
            deployment: %s
        """.formatted(bPackage, deployment);
  }

  @Test
  void deploy_whenVariantsHaveTheirOwnModels_eachServesItsOwnArtifactAndTargetVariantReachesIt() {
    world.commit(Churn.PATH, abTest("churn/1", "churn/2"), "A/B test: churn 2 takes 20%");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String configName = run.json().at("/result/endpointConfigName").asText();
    List<ProductionVariant> variants = world.sageMaker()
        .describeEndpointConfig(r -> r.endpointConfigName(configName)).productionVariants();
    assertThat(variants).extracting(ProductionVariant::variantName).containsExactly("A", "B");
    assertThat(variants.get(0).modelName()).isNotEqualTo(variants.get(1).modelName());
    String artifactA = artifactOf(variants.get(0).modelName());
    String artifactB = artifactOf(variants.get(1).modelName());
    assertThat(artifactB).isEqualTo("s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(artifactA).isNotEqualTo(artifactB);
    assertThat(world.sageMaker().describeModel(r -> r.modelName(variants.get(1).modelName()))
        .primaryContainer().environment()).containsEntry("VARIANT", "b");

    try (SageMakerRuntimeClient runtime = world.cloud().client(SageMakerRuntimeClient.builder())) {
      InvokeEndpointResponse a = invoke(runtime, "A");
      InvokeEndpointResponse b = invoke(runtime, "B");

      assertThat(a.invokedProductionVariant()).isEqualTo("A");
      assertThat(b.invokedProductionVariant()).isEqualTo("B");
      assertThat(a.body().asUtf8String()).isEqualTo(expectedAnswer(artifactA));
      assertThat(b.body().asUtf8String()).isEqualTo(expectedAnswer(artifactB));
      assertThat(a.body().asUtf8String()).isNotEqualTo(b.body().asUtf8String());
      List<String> served = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        served.add(runtime.invokeEndpoint(r -> r.endpointName(Churn.NAME).contentType("text/csv")
            .body(SdkBytes.fromUtf8String(PAYLOAD))).invokedProductionVariant());
      }
      assertThat(served).filteredOn("A"::equals).hasSize(8);
      assertThat(served).filteredOn("B"::equals).hasSize(2);
      assertThatThrownBy(() -> invoke(runtime, "C")).isInstanceOf(ValidationErrorException.class);
    }
  }

  @Test
  void status_whenEachVariantServesItsModel_isInSyncAndNamesThemAndABumpOfBIsOutOfSync() {
    world.commit(Churn.PATH, abTest("churn/1", "churn/2"), "A/B test");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();

    CommandLineRun inSync = world.run("status");
    CommandLineRun json = world.run("status", "--json");
    world.commit(Churn.PATH, abTest("churn/1", "churn/1"), "B back to churn 1");
    CommandLineRun drift = world.run("status");

    assertThat(inSync.out()).startsWith("churn-prod (models/churn/prod.yaml): IN_SYNC")
        .contains("  variants: A churn/1, B churn/2");
    assertThat(json.json().at("/endpoints/0/variantModels/B").asText()).isEqualTo("churn/2");
    assertThat(drift.out()).startsWith("churn-prod (models/churn/prod.yaml): OUT_OF_SYNC")
        .contains("  variants: A churn/1, B churn/1");
  }

  @Test
  void plan_whenAVariantGetsItsOwnModel_showsItAndTheAction() {
    String base = world.commit(Churn.PATH, abTest("churn/1", "churn/1"), "A/B test, both on churn 1");
    world.commit(Churn.PATH, abTest("churn/1", "churn/2"), "B on churn 2");

    CommandLineRun json = world.run("plan", "--base", base, "--format", "json");
    CommandLineRun markdown = world.run("plan", "--base", base, "--format", "markdown");

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.json().at("/models/0/after/variant B model package").asText()).isEqualTo("churn/2");
    assertThat(json.json().at("/models/0/after/variant B environment").asText()).isEqualTo("VARIANT=b");
    assertThat(json.json().at("/models/0/changes/0/field").asText()).isEqualTo("variant B model package");
    assertThat(json.json().at("/models/0/actions").toString()).contains("serve each variant its own model: A spec.model"
        + " churn/1, B churn/2");
    assertThat(markdown.out()).contains("variant B model package").contains("churn/2");
  }

  @Test
  void deploy_whenVariantsHaveTheirOwnModels_recordsAndTagsEachVariantsPackageArtifactAndDigest() throws Exception {
    world.commit(Churn.PATH, abTest("churn/1", "churn/2"), "A/B test");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode record = new ObjectMapper().readTree(Path.of(run.json().get("record").asText()).toFile());
    JsonNode b = record.at("/lineage/variants/0");
    assertThat(b.get("variant").asText()).isEqualTo("B");
    assertThat(b.get("modelPackage").asText()).endsWith(":model-package/churn/2");
    assertThat(b.get("modelArtifact").asText()).isEqualTo("s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(b.get("imageDigest").asText()).startsWith("sha256:");
    assertThat(record.get("resources")).extracting(r -> r.get("kind").asText() + " " + r.get("action").asText())
        .containsExactly("model created", "model created", "endpoint-config created", "endpoint created");
    String endpointArn = run.json().at("/result/endpointArn").asText();
    assertThat(world.tags(endpointArn)).containsEntry("sagemaker-gitops:variant:B",
        "churn/2 " + b.get("imageDigest").asText() + " " + b.get("modelName").asText())
        .doesNotContainKey("sagemaker-gitops:variant:A");
    CommandLineRun explain = world.runAws("explain", "churn-prod");
    assertThat(explain.out()).containsPattern("(?m)^  B: model " + b.get("modelName").asText() + ", package churn/2,");
  }

  @Test
  void bump_whenVariantIsNamed_writesItsOneLineChangeAndRefusesAnUnknownVariant() {
    world.commit(Churn.PATH, abTest("churn/1", "churn/1"), "A/B test, both on churn 1");

    CommandLineRun bump = world.runWithoutAws("bump", "--variant", "B", "--to", "churn/2", "--branch", "ab/churn-2", Churn.PATH);
    CommandLineRun unknown = world.runWithoutAws("bump", "--variant", "C", "--to", "churn/2", "--branch", "ab/c", Churn.PATH);
    CommandLineRun addA = world.runWithoutAws("bump", "--variant", "A", "--to", "churn/2", "--branch", "ab/a", Churn.PATH);

    assertThat(bump.exitCode()).as(bump.err()).isZero();
    assertThat(bump.out()).contains("variant B model.package -> churn/2");
    String diff = GitCli.run(world.repository(), "diff", "HEAD", "ab/churn-2");
    assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")))
        .containsExactly("-          package: churn/1   # B's own model");
    assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")))
        .containsExactly("+          package: churn/2   # B's own model");
    assertThat(GitCli.runLine(world.repository(), "log", "-1", "--format=%s", "ab/churn-2"))
        .isEqualTo("Bump churn-prod variant B to model package churn/2");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("spec.endpoint.variants has no variant named 'C'; expected one of [A, B]");
    assertThat(addA.exitCode()).as(addA.err()).isZero();
    assertThat(GitCli.run(world.repository(), "show", "ab/a:" + Churn.PATH))
        .contains("- {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80, model: {package: churn/2}}");
  }

  @Test
  void deploy_whenAVariantBumpRollsBack_writesTheRevertWhichRestoresEveryVariantsModel() {
    world.commit(Churn.PATH, abTest("churn/1", "churn/1", CANARY), "A/B test, both on churn 1");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    String bump = world.commit(Churn.PATH, abTest("churn/1", "churn/2", CANARY), "B on churn 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);

    CommandLineRun run = world.run("deploy", "--json", "--revert-branch", "revert/ab", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.json().at("/revert/reverts").asText()).isEqualTo(bump);
    GitCli.run(world.repository(), "merge", "--ff-only", "revert/ab");
    world.calls().clear();
    CommandLineRun revert = world.run("deploy", "--json", Churn.PATH);
    assertThat(revert.exitCode()).as(revert.err()).isZero();
    assertThat(revert.json().at("/result/change").asText()).isEqualTo("UNCHANGED");
    assertThat(world.calls().mutating()).doesNotContain("CreateModel", "CreateEndpointConfig", "UpdateEndpoint");
    assertThat(world.run("status").out()).startsWith("churn-prod (models/churn/prod.yaml): IN_SYNC");
  }

  @Test
  void deploy_whenTheBumpOfAVariantIsGitReverted_servesEveryEarlierModelAgainWithoutCreatingAny() {
    world.commit(Churn.PATH, abTest("churn/2", "churn/1"), "A on churn 2, B on churn 1");
    CommandLineRun first = world.run("deploy", "--json", Churn.PATH);
    assertThat(first.exitCode()).as(first.err()).isZero();
    String firstConfig = first.json().at("/result/endpointConfigName").asText();
    world.commit(Churn.PATH, abTest("churn/2", "churn/2"), "B on churn 2 too");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    GitCli.run(world.repository(), "revert", "--no-edit", "HEAD");
    world.calls().clear();

    CommandLineRun revert = world.run("deploy", "--json", Churn.PATH);

    assertThat(revert.exitCode()).as(revert.err()).isZero();
    assertThat(revert.json().at("/result/change").asText()).isEqualTo("UPDATED");
    assertThat(revert.json().at("/result/endpointConfigName").asText()).isEqualTo(firstConfig);
    assertThat(world.calls().mutating()).doesNotContain("CreateModel", "CreateEndpointConfig");
    List<ProductionVariant> variants = world.sageMaker()
        .describeEndpointConfig(r -> r.endpointConfigName(firstConfig)).productionVariants();
    assertThat(artifactOf(variants.get(1).modelName())).isNotEqualTo("s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(artifactOf(variants.get(0).modelName())).isEqualTo("s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(world.run("status").out()).startsWith("churn-prod (models/churn/prod.yaml): IN_SYNC");
  }

  private static InvokeEndpointResponse invoke(SageMakerRuntimeClient runtime, String variant) {
    return runtime.invokeEndpoint(r -> r.endpointName(Churn.NAME).targetVariant(variant).contentType("text/csv")
        .body(SdkBytes.fromUtf8String(PAYLOAD)));
  }

  private String artifactOf(String modelName) {
    return world.sageMaker().describeModel(r -> r.modelName(modelName)).primaryContainer().modelDataUrl();
  }

  /** What the model trained into {@code artifact} answers, read from S3 as the runtime would. */
  private String expectedAnswer(String artifact) {
    String bucket = artifact.substring("s3://".length(), artifact.indexOf('/', "s3://".length()));
    String key = artifact.substring(artifact.indexOf('/', "s3://".length()) + 1);
    try (S3Client s3 = world.cloud().client(S3Client.builder().forcePathStyle(true))) {
      byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
      return LocalModel.fromArtifact(bytes).predictCsv(PAYLOAD);
    }
  }
}
