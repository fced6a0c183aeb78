package dev.sagemakergitops.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ModelPackages;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * Explain against the local control plane: the resources are made by plain SDK calls, as the
 * operations (or a person in the console) leave them, and explain has nothing but AWS to go on.
 */
class ExplainerTest {
  private static final String REPOSITORY = "https://github.com/acme/models.git";
  private static final String TRAIN_COMMIT = "1".repeat(40);
  private static final String DEPLOY_COMMIT = "2".repeat(40);
  private static final String TRAIN_BUILD = "https://ci.example.com/job/train/7/";
  private static final String DEPLOY_BUILD = "https://ci.example.com/job/deploy/42/";
  private static final String MANIFEST = "models/churn/prod.yaml";
  private static final String BLOB = "b".repeat(40);
  private static final String TAG = LocalAws.REGISTRY + "/churn-xgb:1.4.2";
  private static final String JOB = "churn-train-0123456789ab";
  private static final String ENDPOINT = "churn-prod";
  private static final String ALARM = "churn-prod-5xx";

  private LocalAws aws;
  private AwsClients clients;
  private SageMakerClient sageMaker;
  private String digest;
  private String pinned;
  private String artifact;
  private String packageArn;
  private Lineage deployment;

  @BeforeEach
  void start() {
    aws = LocalAws.start();
    clients = aws.clients();
    sageMaker = clients.sageMaker(LocalAws.REGION);
    pinned = publishPinned("1.4.2");
    digest = pinned.substring(pinned.indexOf('@') + 1);
    Lineage training = new Lineage(REPOSITORY, TRAIN_COMMIT, MANIFEST, "a".repeat(40), "churn-prod", TAG, digest, null,
        JOB, null, TRAIN_BUILD);
    artifact = train(JOB, training);
    packageArn = new ModelPackages(aws, sageMaker).register("churn", pinned, artifact, ModelApprovalStatus.APPROVED,
        training.withModelArtifact(artifact));
    deployment = new Lineage(REPOSITORY, DEPLOY_COMMIT, MANIFEST, BLOB, "churn-prod", TAG, digest, artifact, JOB,
        packageArn, DEPLOY_BUILD);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void explain_whenDeployedWithLineage_answersEveryFieldFromAwsAlone() {
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);
    Instant deployedAt = aws.local().clock().instant();
    aws.calls().clear();

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.subject()).isEqualTo(new Explanation.Subject("endpoint", ENDPOINT,
        "arn:aws:sagemaker:us-east-1:" + LocalAws.ACCOUNT + ":endpoint/" + ENDPOINT, LocalAws.REGION));
    assertThat(explanation.managed()).isTrue();
    assertThat(explanation.lineage()).isEqualTo(deployment);
    assertThat(explanation.deployedImageDigest()).isEqualTo(digest);
    assertThat(explanation.notes()).isEmpty();

    Explanation.Endpoint endpoint = explanation.endpoint();
    assertThat(endpoint.status()).isEqualTo("InService");
    assertThat(endpoint.configName()).isEqualTo("churn-prod-cfg-aaaaaaaaaaaa");
    assertThat(endpoint.lastModifiedAt()).isBefore(deployedAt).isAfter(deployedAt.minus(Duration.ofMinutes(10)));
    assertThat(endpoint.failureReason()).isNull();
    assertThat(endpoint.lastDeployment()).isEqualTo("blue/green CANARY 1 instance(s), bake 600 s, termination wait 300 s");
    assertThat(endpoint.rollbackAlarms()).containsExactly(ALARM);

    assertThat(explanation.variants()).singleElement().satisfies(variant -> {
      assertThat(variant.name()).isEqualTo("AllTraffic");
      assertThat(variant.shadow()).isFalse();
      assertThat(variant.modelName()).isEqualTo("churn-prod-aaaaaaaaaaaa");
      assertThat(variant.image()).isEqualTo(pinned);
      assertThat(variant.deployedImage()).isEqualTo(pinned);
      assertThat(variant.modelArtifact()).isEqualTo(artifact);
      assertThat(variant.lineage()).isEqualTo(deployment);
    });

    Explanation.ModelPackage modelPackage = explanation.modelPackage();
    assertThat(modelPackage.arn()).isEqualTo(packageArn);
    assertThat(modelPackage.group()).isEqualTo("churn");
    assertThat(modelPackage.version()).isEqualTo(1);
    assertThat(modelPackage.approval()).isEqualTo("Approved");
    assertThat(modelPackage.status()).isEqualTo("Completed");
    assertThat(modelPackage.createdAt()).isBefore(deployedAt);
    assertThat(modelPackage.imageDigest()).isEqualTo(digest);
    assertThat(modelPackage.lineage().commit()).as("registered from the training commit").isEqualTo(TRAIN_COMMIT);
    assertThat(modelPackage.lineage().build()).isEqualTo(TRAIN_BUILD);
    assertThat(modelPackage.lineage().repository()).isEqualTo(REPOSITORY);
    assertThat(modelPackage.lineage().trainingJob()).isEqualTo(JOB);
    assertThat(modelPackage.lineage().modelArtifact()).isEqualTo(artifact);
    assertThat(modelPackage.customerMetadata()).containsEntry("training-job", JOB).containsEntry("image-digest", digest);

    Explanation.TrainingJob job = explanation.trainingJob();
    assertThat(job.name()).isEqualTo(JOB);
    assertThat(job.status()).isEqualTo("Completed");
    assertThat(job.artifact()).isEqualTo(artifact);
    assertThat(job.endedAt()).isNotNull();
    assertThat(job.lineage().commit()).isEqualTo(TRAIN_COMMIT);

    assertThat(aws.calls().calls()).as("reads only").allMatch(call -> call.matches("SageMaker\\.(Describe|List)\\w+"))
        .hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void toTextAndToJson_whenDeployedWithLineage_showTheFacts() throws Exception {
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);

    Explanation explanation = new Explainer(clients).explain(ENDPOINT, LocalAws.REGION);
    String text = explanation.toText();
    JsonNode json = new ObjectMapper().readTree(explanation.toJson());

    assertThat(text).startsWith("endpoint churn-prod in us-east-1: InService, made by sagemaker-gitops\n")
        .contains("  commit          " + DEPLOY_COMMIT + " in " + REPOSITORY + "\n")
        .contains("  manifest        " + MANIFEST + " (churn-prod), blob " + BLOB + "\n")
        .contains("  image           " + TAG + "\n")
        .contains("    pinned        " + digest + "\n")
        .contains("    running       " + digest + "\n")
        .contains("  model artifact  " + artifact + "\n")
        .contains("  training job    " + JOB + " (Completed, ended ")
        .contains("  model package   churn/1 (Approved), registered ")
        .contains(" from commit " + TRAIN_COMMIT + " by " + TRAIN_BUILD + "\n")
        .contains("  build           " + DEPLOY_BUILD + "\n")
        .contains("  AllTraffic: model churn-prod-aaaaaaaaaaaa, runs " + pinned)
        .doesNotContain("notes");
    assertThat(json.get("kind").asText()).isEqualTo("endpoint");
    assertThat(json.get("managed").asBoolean()).isTrue();
    assertThat(json.get("lineage").get("commit").asText()).isEqualTo(DEPLOY_COMMIT);
    assertThat(json.get("lineage").get("imageDigest").asText()).isEqualTo(digest);
    assertThat(json.get("deployedImageDigest").asText()).isEqualTo(digest);
    assertThat(json.get("endpoint").get("lastModifiedAt").asText()).endsWith("Z");
    assertThat(json.get("variants").get(0).get("deployedImageDigest").asText()).isEqualTo(digest);
    assertThat(json.get("modelPackage").get("lineage").get("commit").asText()).isEqualTo(TRAIN_COMMIT);
    assertThat(json.get("trainingJob").get("status").asText()).isEqualTo("Completed");
    assertThat(json.get("notes")).isEmpty();
  }

  @Test
  void explain_whenTheEndpointCarriesNoTags_saysItWasNotDeployedBySagemakerGitops() {
    deploy("hand-made-model", "hand-made-config", TAG, null, false);

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.managed()).isFalse();
    assertThat(explanation.notes()).first().asString()
        .startsWith("endpoint churn-prod was not deployed by sagemaker-gitops: neither it, its endpoint config nor its"
            + " models carry sagemaker-gitops:* tags");
    assertThat(explanation.lineage().commit()).isNull();
    assertThat(explanation.lineage().modelArtifact()).as("SageMaker's own fact").isEqualTo(artifact);
    assertThat(explanation.modelPackage()).isNull();
    assertThat(explanation.trainingJob()).isNull();
    assertThat(explanation.variants()).singleElement().satisfies(variant -> {
      assertThat(variant.image()).isEqualTo(TAG);
      assertThat(variant.deployedImage()).contains("@sha256:");
    });
    assertThat(explanation.notes()).anySatisfy(note -> assertThat(note).startsWith(
        "model hand-made-model names its image by tag (" + TAG + "), not by digest;"));
    assertThat(explanation.toText()).contains("not made by sagemaker-gitops")
        .contains("  image           not recorded\n    running       sha256:");
  }

  @Test
  void explain_whenTheDeployedDigestDiffersFromTheTaggedOne_flagsIt() {
    String other = publishPinned("1.5.0");
    deploy("churn-prod-bbbbbbbbbbbb", "churn-prod-cfg-bbbbbbbbbbbb", other, deployment, true);

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.lineage().imageDigest()).isEqualTo(digest);
    assertThat(explanation.deployedImageDigest()).isNotEqualTo(digest).isEqualTo(other.substring(other.indexOf('@') + 1));
    assertThat(explanation.notes()).contains("variant AllTraffic runs " + explanation.deployedImageDigest()
        + ", but its lineage says the manifest pinned " + digest + " (" + TAG + "); the running image is not the one recorded");
    assertThat(explanation.toText()).contains("    pinned        " + digest).contains("    running       "
        + explanation.deployedImageDigest());
  }

  @Test
  void explain_whenAnUpdateRolledBack_namesTheLiveConfigTheFailureAndTheAlarms() {
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);
    createConfig("churn-prod-cfg-cccccccccccc", "churn-prod-aaaaaaaaaaaa", nextDeployment());
    aws.local().service(HostingService.class).tripAlarmAtStep(LocalAws.REGION, ENDPOINT, ALARM, 1);
    sageMaker.updateEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("churn-prod-cfg-cccccccccccc")
        .deploymentConfig(canary()));
    aws.advance(Duration.ofMinutes(30));

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.endpoint().status()).isEqualTo("InService");
    assertThat(explanation.endpoint().configName()).isEqualTo("churn-prod-cfg-aaaaaaaaaaaa");
    assertThat(explanation.lineage().commit()).as("the live config's commit, not the rolled-back one").isEqualTo(DEPLOY_COMMIT);
    assertThat(explanation.endpoint().failureReason()).contains(ALARM);
    assertThat(explanation.endpoint().rollbackAlarms()).containsExactly(ALARM);
    assertThat(explanation.notes()).anySatisfy(note -> assertThat(note)
        .startsWith("SageMaker reports a FailureReason for churn-prod (from an earlier update, scaling or patching;"
            + " alone it does not mean the configuration it serves failed): ").contains(ALARM));
  }

  @Test
  void explain_whenTheConfigHasAShadowVariant_explainsBothAndTakesTheLineageFromProduction() {
    String candidate = publishPinned("1.5.0");
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);
    sageMaker.createModel(r -> r.modelName("churn-candidate").primaryContainer(c -> c.image(candidate).modelDataUrl(artifact))
        .executionRoleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-execution"));
    sageMaker.createEndpointConfig(r -> r.endpointConfigName("churn-prod-cfg-shadow")
        .productionVariants(v -> v.variantName("AllTraffic").modelName("churn-prod-aaaaaaaaaaaa")
            .instanceType("ml.m5.large").initialInstanceCount(2))
        .shadowProductionVariants(v -> v.variantName("Shadow").modelName("churn-candidate")
            .instanceType("ml.m5.large").initialInstanceCount(1))
        .tags(tags(deployment)));
    sageMaker.updateEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("churn-prod-cfg-shadow"));
    aws.advance(Duration.ofMinutes(30));

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.variants()).extracting(Explanation.Variant::name, Explanation.Variant::shadow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AllTraffic", false),
            org.assertj.core.groups.Tuple.tuple("Shadow", true));
    assertThat(explanation.variants().get(1).deployedImage()).isEqualTo(candidate);
    assertThat(explanation.deployedImageDigest()).isEqualTo(digest);
    assertThat(explanation.lineage()).isEqualTo(deployment);
    assertThat(explanation.notes()).isEmpty();
    assertThat(explanation.toText()).contains("  shadow Shadow: model churn-candidate, runs " + candidate);
  }

  @Test
  void explain_whenTheEndpointWasUpdatedSinceItsCreation_saysItsOwnTagsAreOlder() {
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);
    createConfig("churn-prod-cfg-cccccccccccc", "churn-prod-aaaaaaaaaaaa", nextDeployment());
    sageMaker.updateEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("churn-prod-cfg-cccccccccccc"));
    aws.advance(Duration.ofMinutes(30));

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.lineage().commit()).isEqualTo("3".repeat(40));
    assertThat(explanation.lineage().build()).isEqualTo("https://ci.example.com/job/deploy/43/");
    assertThat(explanation.notes()).containsExactly("the endpoint's own tags name commit " + DEPLOY_COMMIT
        + " (tags are set when an endpoint is created); its live endpoint config churn-prod-cfg-cccccccccccc was made"
        + " from commit " + "3".repeat(40));
  }

  @Test
  void explain_whenTheLineageNamesResourcesThatAreGone_notesThemAndStillAnswers() {
    Lineage dangling = deployment.withTrainingJob("churn-train-ffffffffffff")
        .withModelPackage("arn:aws:sagemaker:us-east-1:" + LocalAws.ACCOUNT + ":model-package/churn/99");
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, dangling, true);

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.modelPackage()).isNull();
    assertThat(explanation.trainingJob()).isNull();
    assertThat(explanation.lineage().trainingJob()).isEqualTo("churn-train-ffffffffffff");
    assertThat(explanation.notes()).containsExactly(
        "model package " + dangling.modelPackage() + " named by the lineage no longer exists",
        "training job churn-train-ffffffffffff named by the lineage no longer exists (SageMaker keeps jobs, so it may be"
            + " in another account or region)");
  }

  @Test
  void explain_whenThePackageWasRejectedSince_notesIt() {
    deploy("churn-prod-aaaaaaaaaaaa", "churn-prod-cfg-aaaaaaaaaaaa", pinned, deployment, true);
    sageMaker.updateModelPackage(r -> r.modelPackageArn(packageArn).modelApprovalStatus(ModelApprovalStatus.REJECTED));

    Explanation explanation = new Explainer(clients).explain(ENDPOINT);

    assertThat(explanation.notes()).containsExactly("model package " + packageArn
        + " is Rejected now; SageMaker deploys only Approved versions");
  }

  @Test
  void explain_whenTheEndpointDoesNotExist_throwsNamingItAndTheRegion() {
    assertThatThrownBy(() -> new Explainer(clients).explain("nope"))
        .isInstanceOf(ExplainException.class)
        .hasMessage("endpoint 'nope' not found in us-east-1; check its name and the region");
  }

  @Test
  void explainModelPackage_answersTheRegistrationsLineageAndItsTrainingJob() {
    Explanation explanation = new Explainer(clients).explainModelPackage(packageArn, LocalAws.REGION);

    assertThat(explanation.subject().kind()).isEqualTo("model-package");
    assertThat(explanation.managed()).isTrue();
    assertThat(explanation.lineage()).isEqualTo(new Lineage(REPOSITORY, TRAIN_COMMIT, MANIFEST, "a".repeat(40),
        "churn-prod", TAG, digest, artifact, JOB, packageArn, TRAIN_BUILD));
    assertThat(explanation.trainingJob().status()).isEqualTo("Completed");
    assertThat(explanation.endpoint()).isNull();
    assertThat(explanation.notes()).isEmpty();
    assertThat(explanation.toText()).startsWith("model package " + packageArn + " in us-east-1: made by sagemaker-gitops");
  }

  @Test
  void explainModelPackage_whenRegisteredWithoutOurMetadata_saysSo() {
    String other = new ModelPackages(aws, sageMaker).register("churn", pinned, artifact, ModelApprovalStatus.APPROVED,
        Lineage.none());

    Explanation explanation = new Explainer(clients).explainModelPackage(other, LocalAws.REGION);

    assertThat(explanation.managed()).isFalse();
    assertThat(explanation.notes()).singleElement().asString()
        .startsWith("model package " + other + " was not registered by sagemaker-gitops");
  }

  @Test
  void explainTrainingJob_answersItsTagsStatusAndArtifact() {
    Explanation explanation = new Explainer(clients).explainTrainingJob(JOB, LocalAws.REGION);

    assertThat(explanation.subject().kind()).isEqualTo("training-job");
    assertThat(explanation.managed()).isTrue();
    assertThat(explanation.lineage().commit()).isEqualTo(TRAIN_COMMIT);
    assertThat(explanation.lineage().modelArtifact()).isEqualTo(artifact);
    assertThat(explanation.trainingJob().secondaryStatus()).isEqualTo("Completed");
    assertThatThrownBy(() -> new Explainer(clients).explainTrainingJob("nope", LocalAws.REGION))
        .isInstanceOf(ExplainException.class).hasMessageContaining("training job 'nope' not found");
  }

  // ---- the resources, by plain SDK calls ----------------------------------------------------------

  /** Publishes {@code churn-xgb:<tag>} and returns it pinned, {@code repository@sha256:...}. */
  private String publishPinned(String tag) {
    aws.publishImage("churn-xgb", tag);
    return LocalAws.REGISTRY + "/churn-xgb@"
        + aws.local().service(EcrService.class).digestOf(LocalAws.REGION, "churn-xgb", tag).orElseThrow();
  }

  /** The lineage of the next deploy: the same model from a later commit and build. */
  private Lineage nextDeployment() {
    return new Lineage(REPOSITORY, "3".repeat(40), MANIFEST, "c".repeat(40), "churn-prod", TAG, digest, artifact, JOB,
        packageArn, "https://ci.example.com/job/deploy/43/");
  }

  private String train(String name, Lineage lineage) {
    aws.putObject("ml-data", "churn/train/part-0.csv", "1,0.5\n", "text/csv");
    sageMaker.createTrainingJob(r -> r
        .trainingJobName(name)
        .roleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-training")
        .algorithmSpecification(a -> a.trainingImage(pinned).trainingInputMode(TrainingInputMode.FILE))
        .inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://ml-data/churn/train/"))))
        .outputDataConfig(o -> o.s3OutputPath("s3://ml-artifacts/churn/"))
        .resourceConfig(c -> c.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30))
        .tags(tags(lineage)));
    aws.advance(Duration.ofMinutes(15));
    return sageMaker.describeTrainingJob(r -> r.trainingJobName(name)).modelArtifacts().s3ModelArtifacts();
  }

  /** A model, a config and the endpoint; tagged with {@code lineage} when {@code tagged}. */
  private void deploy(String model, String config, String image, Lineage lineage, boolean tagged) {
    sageMaker.createModel(r -> r.modelName(model)
        .primaryContainer(c -> c.image(image).modelDataUrl(artifact))
        .executionRoleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-execution")
        .tags(tagged ? tags(lineage) : List.of()));
    createConfig(config, model, tagged ? lineage : null);
    sageMaker.createEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName(config)
        .deploymentConfig(tagged ? canary() : null)
        .tags(tagged ? tags(lineage) : List.of()));
    aws.advance(Duration.ofMinutes(10));
  }

  private void createConfig(String config, String model, Lineage lineage) {
    sageMaker.createEndpointConfig(r -> r.endpointConfigName(config)
        .productionVariants(v -> v.variantName("AllTraffic").modelName(model).instanceType("ml.m5.large")
            .initialInstanceCount(2))
        .tags(lineage == null ? List.of() : tags(lineage)));
  }

  private static DeploymentConfig canary() {
    return DeploymentConfig.builder()
        .blueGreenUpdatePolicy(b -> b
            .trafficRoutingConfiguration(t -> t.type("CANARY").waitIntervalInSeconds(600)
                .canarySize(c -> c.type("INSTANCE_COUNT").value(1)))
            .terminationWaitInSeconds(300))
        .autoRollbackConfiguration(a -> a.alarms(alarm -> alarm.alarmName(ALARM)))
        .build();
  }

  private static List<Tag> tags(Lineage lineage) {
    return lineage.toTags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
