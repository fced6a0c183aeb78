package dev.sagemakergitops.core.operation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ModelPackages;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class ServingModelsTest {
  private static final String ARTIFACT = "s3://ml-artifacts/churn/churn-train-0123456789ab/output/model.tar.gz";
  private static final String TRAINING_JOB = "churn-train-0123456789ab";

  @TempDir Path dir;

  private LocalAws aws;
  private AwsClients clients;
  private SageMakerClient sageMaker;
  private ServingModels models;
  private String packageArn;

  @BeforeEach
  void start() {
    aws = LocalAws.start();
    clients = aws.clients();
    sageMaker = clients.sageMaker(LocalAws.REGION);
    models = new ServingModels(aws.context(clients));
    aws.publishImage("churn-xgb", "1.4.2");
    Lineage registration = new Lineage("https://github.com/acme/models.git", "1".repeat(40), null, null, null, null,
        null, null, TRAINING_JOB, null, "https://ci.example.com/job/train/7/");
    packageArn = new ModelPackages(aws, sageMaker).register("churn", ManifestFixtures.IMAGE, ARTIFACT,
        ModelApprovalStatus.APPROVED, registration);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void define_whenThePackageIsApproved_namesTheModelFromTheResolvedSpecAndChangesNothing() {
    ResolvedManifest manifest = manifest("churn/1");
    aws.calls().clear();

    ServingModel model = models.define(manifest);

    assertThat(model.name()).matches("churn-prod-[0-9a-f]{12}");
    assertThat(model.region()).isEqualTo(LocalAws.REGION);
    assertThat(model.modelPackageArn()).isEqualTo(packageArn);
    assertThat(model.image()).isEqualTo(manifest.image().toString()).contains("@sha256:");
    assertThat(model.imageDigest()).isEqualTo(manifest.image().digest());
    assertThat(model.modelDataUrl()).isEqualTo(ARTIFACT);
    assertThat(model.executionRoleArn()).isEqualTo(ManifestFixtures.ROLE);
    assertThat(model.environment()).containsEntry("MODEL_THRESHOLD", "0.83");
    assertThat(model.mode()).isEqualTo("SingleModel");
    Lineage lineage = model.lineage();
    assertThat(lineage.commit()).isEqualTo(manifest.origin().commitId());
    assertThat(lineage.manifestPath()).isEqualTo(ManifestFixtures.PATH);
    assertThat(lineage.manifestBlob()).isEqualTo(manifest.origin().manifestBlobId());
    assertThat(lineage.manifestName()).isEqualTo("churn-prod");
    assertThat(lineage.image()).isEqualTo(ManifestFixtures.IMAGE);
    assertThat(lineage.imageDigest()).isEqualTo(manifest.image().digest());
    assertThat(lineage.modelArtifact()).isEqualTo(ARTIFACT);
    assertThat(lineage.modelPackage()).isEqualTo(packageArn);
    assertThat(lineage.trainingJob()).isEqualTo(TRAINING_JOB);
    assertThat(lineage.build()).isEqualTo("https://ci.example.com/job/models/42/");
    assertThat(aws.calls().calls()).containsExactly("SageMaker.DescribeModelPackageGroup", "SageMaker.DescribeModelPackage");
  }

  @Test
  void define_whenOnlyUnrelatedPartsOfTheManifestChange_givesTheSameName() {
    String first = models.define(manifest("churn/1")).name();
    ManifestFixtures.commit(dir, ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/1").replace("team: growth",
        "team: retention"), "Relabel churn");

    assertThat(models.define(ManifestFixtures.resolve(aws, clients, dir, "HEAD")).name()).isEqualTo(first);
  }

  @Test
  void define_whenThePackageVersionChanges_givesAnotherName() {
    new ModelPackages(aws, sageMaker).register("churn", ManifestFixtures.IMAGE, ARTIFACT.replace("0123", "4567"),
        ModelApprovalStatus.APPROVED, Lineage.none());

    assertThat(models.define(manifest("churn/2")).name()).isNotEqualTo(models.define(manifest("churn/1")).name());
  }

  @Test
  void define_whenThePackageIsNotApproved_refusesAtTheManifestsPackageLine() {
    new ModelPackages(aws, sageMaker).register("churn", ManifestFixtures.IMAGE, ARTIFACT,
        ModelApprovalStatus.PENDING_MANUAL_APPROVAL, Lineage.none());
    ResolvedManifest manifest = manifest("churn/2");

    assertThatThrownBy(() -> models.define(manifest))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          ManifestProblem problem = e.problems().get(0);
          assertThat(problem.field()).isEqualTo("spec.model.package");
          assertThat(problem.line()).isEqualTo(ManifestFixtures.lineOf(manifest.text(), "    package: churn/2"));
          assertThat(problem.message()).contains("PendingManualApproval").contains("Approved");
        });
  }

  @Test
  void define_whenTheVersionOrTheGroupIsMissing_refusesAtTheManifestsPackageLine() {
    assertThatThrownBy(() -> models.define(manifest("churn/9")))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems().get(0).field()).isEqualTo("spec.model.package");
          assertThat(e.problems().get(0).message()).contains("churn/9").contains("not found");
        });
    assertThatThrownBy(() -> models.define(manifest("fraud/1")))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems().get(0).field()).isEqualTo("spec.model.package");
          assertThat(e.problems().get(0).message()).contains("group 'fraud' not found");
        });
    assertThat(aws.calls().count("CreateModel")).isZero();
  }

  @Test
  void define_whenTheManifestHasNoModelSection_refusesAtSpec() {
    String text = ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/1");
    ManifestFixtures.commit(dir, text.substring(0, text.indexOf("  model:")), "Image only");

    assertThatThrownBy(() -> models.define(ManifestFixtures.resolve(aws, clients, dir, "HEAD")))
        .isInstanceOfSatisfying(OperationInputException.class,
            e -> assertThat(e.problems().get(0).field()).isEqualTo("spec"));
  }

  @Test
  void ensure_createsTheModelOnceWithItsLineageTags() {
    ServingModel model = models.define(manifest("churn/1"));

    boolean first = models.ensure(model);
    boolean second = models.ensure(model);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(aws.calls().count("CreateModel")).isEqualTo(1);
    DescribeModelResponse described = sageMaker.describeModel(r -> r.modelName(model.name()));
    assertThat(described.primaryContainer().image()).isEqualTo(model.image());
    assertThat(described.primaryContainer().modelDataUrl()).isEqualTo(ARTIFACT);
    assertThat(described.primaryContainer().environment()).isEqualTo(model.environment());
    assertThat(described.executionRoleArn()).isEqualTo(ManifestFixtures.ROLE);
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : sageMaker.listTags(r -> r.resourceArn(described.modelArn())).tags()) {
      tags.put(tag.key(), tag.value());
    }
    assertThat(tags).isEqualTo(model.lineage().toTags());
    assertThat(Lineage.fromTags(tags)).isEqualTo(model.lineage());
  }

  @Test
  void ensure_whenAnotherRunCreatedTheModel_attachesWithoutACreate() {
    ServingModel model = models.define(manifest("churn/1"));
    new ServingModels(aws.context(aws.clients())).ensure(model);
    aws.calls().clear();

    assertThat(models.ensure(model)).isFalse();
    assertThat(models.describe(model)).isPresent();
    assertThat(aws.calls().count("CreateModel")).isZero();
  }

  private ResolvedManifest manifest(String modelPackage) {
    ManifestFixtures.commit(dir, ManifestFixtures.serving(ManifestFixtures.IMAGE, modelPackage), "Serve " + modelPackage);
    return ManifestFixtures.resolve(aws, clients, dir, "HEAD");
  }
}
