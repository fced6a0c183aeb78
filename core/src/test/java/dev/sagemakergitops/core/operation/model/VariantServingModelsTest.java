package dev.sagemakergitops.core.operation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DesiredServing;
import dev.sagemakergitops.core.operation.deploy.EndpointConfigDefinition;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ModelPackages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/** Each production variant's model: {@code spec.model}'s, or its own, from a manifest in a real Git repository. */
class VariantServingModelsTest {
  private static final String ARTIFACT_1 = "s3://ml-artifacts/churn/v1/model.tar.gz";
  private static final String ARTIFACT_2 = "s3://ml-artifacts/churn/v2/model.tar.gz";
  private static final String IMAGE_2 = LocalAws.REGISTRY + "/churn-xgb:1.5.0";

  @TempDir Path dir;

  private LocalAws aws;
  private AwsClients clients;
  private VariantServingModels variants;
  private ServingModels models;

  @BeforeEach
  void start() {
    aws = LocalAws.start();
    clients = aws.clients();
    SageMakerClient sageMaker = clients.sageMaker(LocalAws.REGION);
    models = new ServingModels(aws.context(clients));
    variants = new VariantServingModels(aws.context(clients));
    aws.publishImage("churn-xgb", "1.4.2");
    aws.publishImage("churn-xgb", "1.5.0");
    ModelPackages packages = new ModelPackages(aws, sageMaker);
    packages.register("churn", ManifestFixtures.IMAGE, ARTIFACT_1, ModelApprovalStatus.APPROVED, Lineage.none());
    packages.register("churn", IMAGE_2, ARTIFACT_2, ModelApprovalStatus.APPROVED, Lineage.none());
    packages.register("churn", IMAGE_2, ARTIFACT_2.replace("v2", "v3"), ModelApprovalStatus.PENDING_MANUAL_APPROVAL,
        Lineage.none());
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private ResolvedManifest manifest(String variantLines) {
    String text = ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/1") + """
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 60}
        """ + variantLines;
    ManifestFixtures.commit(dir, text, "A/B");
    return ManifestFixtures.resolve(aws, clients, dir, "HEAD");
  }

  @Test
  void define_whenNoVariantHasItsOwnModel_everyVariantServesSpecModelAndTheConfigurationIsUnchanged() {
    ResolvedManifest manifest = manifest("      - {name: B, instanceType: ml.m5.large, instanceCount: 1, weight: 40}\n");
    ServingModel main = models.define(manifest);

    Map<String, ServingModel> byVariant = variants.define(manifest, main);

    assertThat(byVariant).containsOnlyKeys("A", "B").allSatisfy((variant, model) -> assertThat(model).isSameAs(main));
    EndpointConfigDefinition withVariants = DesiredServing.of(aws.context(clients), manifest).config();
    EndpointConfigDefinition before = EndpointConfigDefinition.of(manifest, main);
    assertThat(withVariants.name()).isEqualTo(before.name());
    assertThat(withVariants.toRequest()).isEqualTo(before.toRequest());
    assertThat(withVariants.tags()).doesNotContainKeys("sagemaker-gitops:variant:A", "sagemaker-gitops:variant:B");
  }

  @Test
  void define_whenVariantsNameTheirOwnPackageImageAndEnvironment_giveThemOneSharedModelOfTheirOwn() {
    ResolvedManifest manifest = manifest("""
              - name: B
                instanceType: ml.m5.large
                instanceCount: 1
                model: {package: churn/2, image: %s, environment: {MODEL_THRESHOLD: "0.9"}}
              - {name: C, instanceType: ml.m5.large, instanceCount: 1, model: {package: churn/2, image: %s, environment: {MODEL_THRESHOLD: "0.9"}}}
              - {name: D, instanceType: ml.m5.large, instanceCount: 1, model: {package: churn/1}}
        """.formatted(IMAGE_2, IMAGE_2));
    ServingModel main = models.define(manifest);

    Map<String, ServingModel> byVariant = variants.define(manifest, main);

    ServingModel b = byVariant.get("B");
    assertThat(b.name()).isNotEqualTo(main.name()).startsWith("churn-prod-");
    assertThat(byVariant.get("C")).isEqualTo(b);
    assertThat(byVariant.get("D")).isSameAs(main);
    assertThat(b.modelDataUrl()).isEqualTo(ARTIFACT_2);
    assertThat(b.image()).startsWith(LocalAws.REGISTRY + "/churn-xgb@sha256:").isNotEqualTo(main.image());
    assertThat(b.imageDigest()).isEqualTo(aws.cloud().digestOf("churn-xgb", "1.5.0"));
    assertThat(b.environment()).containsExactly(Map.entry("MODEL_THRESHOLD", "0.9"),
        Map.entry("SAGEMAKER_PROGRAM", "inference.py"));
    assertThat(b.lineage().image()).isEqualTo(IMAGE_2);
    assertThat(b.executionRoleArn()).isEqualTo(main.executionRoleArn());
    assertThat(VariantServingModels.others(byVariant, main)).containsExactly(b);
    EndpointConfigDefinition config = DesiredServing.of(aws.context(clients), manifest).config();
    assertThat(config.variants()).extracting(EndpointConfigDefinition.Variant::modelName)
        .containsExactly(main.name(), b.name(), b.name(), main.name());
    assertThat(config.tags()).containsEntry("sagemaker-gitops:variant:B", "churn/2 " + b.imageDigest() + " " + b.name())
        .containsKey("sagemaker-gitops:variant:C").doesNotContainKeys("sagemaker-gitops:variant:A",
            "sagemaker-gitops:variant:D");
  }

  @Test
  void define_whenAVariantsPackageIsNotApproved_refusesAtThatVariantsPackageLine() {
    ResolvedManifest manifest = manifest("""
              - name: B
                instanceType: ml.m5.large
                instanceCount: 1
                model:
                  package: churn/3
        """);
    ServingModel main = models.define(manifest);

    assertThatThrownBy(() -> variants.define(manifest, main))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          ManifestProblem problem = e.problems().get(0);
          assertThat(problem.field()).isEqualTo("spec.endpoint.variants[1].model.package");
          assertThat(problem.line()).isEqualTo(ManifestFixtures.lineOf(manifest.text(), "          package: churn/3"));
          assertThat(problem.message()).contains("churn/3 is PendingManualApproval");
        });
  }
}
