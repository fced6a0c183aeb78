package dev.sagemakergitops.core.operation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.support.MemoryStateStore;
import dev.sagemakergitops.core.operation.train.ChurnManifest;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.train.TrainState;
import dev.sagemakergitops.testkit.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class RegisterOperationTest {
  private static final String BRANCH = "sagemaker-gitops/churn-prod";

  @TempDir Path directory;

  private ManifestWorld world;
  private LocalAws aws;
  private AwsClients clients;
  private RegisterOperation operation;
  private String commit;
  private ResolvedManifest manifest;

  @BeforeEach
  void setUp() {
    world = ManifestWorld.create(directory.resolve("repo"));
    aws = world.aws();
    ChurnManifest.prepare(aws);
    clients = aws.clients();
    operation = new RegisterOperation(aws.context(clients));
    commit = world.commit(ChurnManifest.PATH, ChurnManifest.text(), "Add churn");
    manifest = world.resolve(commit, ChurnManifest.PATH);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private TrainResult train() throws InterruptedException {
    Step<TrainState, TrainResult> step = aws.runner(clients).run(new TrainOperation(aws.context(clients)),
        new TrainRequest(manifest), new MemoryStateStore(), "train");
    return ((Step.Succeeded<TrainState, TrainResult>) step).result();
  }

  private Step<RegisterState, RegisterResult> register(RegisterRequest request) throws InterruptedException {
    return aws.runner(clients).run(operation, request, new MemoryStateStore(), "register");
  }

  private RegisterResult registered(RegisterRequest request) throws InterruptedException {
    Step<RegisterState, RegisterResult> step = register(request);
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<RegisterState, RegisterResult>) step).result();
  }

  /** An artifact made outside sagemakerTrain, put into S3. */
  private RegisterRequest.Artifact artifact(String name) {
    aws.putObject("ml-artifacts", "churn/manual/" + name + "/model.tar.gz", "model " + name, "application/x-gzip");
    return RegisterRequest.Artifact.of("s3://ml-artifacts/churn/manual/" + name + "/model.tar.gz");
  }

  private SageMakerClient sageMaker() {
    return clients.sageMaker();
  }

  private List<ModelPackageSummary> versions() {
    return sageMaker().listModelPackages(r -> r.modelPackageGroupName(ChurnManifest.GROUP)
        .modelPackageType(ModelPackageType.VERSIONED)).modelPackageSummaryList();
  }

  @Test
  void run_whenTheTrainedArtifactIsNew_registersAVersionWithItsLineageAndMetrics() throws Exception {
    TrainResult training = train();

    RegisterResult result = registered(RegisterRequest.of(manifest, training));

    assertThat(result.group()).isEqualTo(ChurnManifest.GROUP);
    assertThat(result.version()).isEqualTo(1);
    assertThat(result.modelPackage()).isEqualTo("churn/1");
    assertThat(result.packageArn()).isEqualTo("arn:aws:sagemaker:us-east-1:" + LocalAws.ACCOUNT + ":model-package/churn/1");
    assertThat(result.reused()).isFalse();
    assertThat(result.approvalStatus()).isEqualTo("Approved");
    assertThat(result.bumpCommit()).isNull();

    DescribeModelPackageResponse described = sageMaker().describeModelPackage(r -> r.modelPackageName(result.packageArn()));
    assertThat(described.modelPackageStatusAsString()).isEqualTo("Completed");
    assertThat(described.modelApprovalStatusAsString()).isEqualTo("Approved");
    ModelPackageContainerDefinition container = described.inferenceSpecification().containers().get(0);
    assertThat(container.image()).isEqualTo(manifest.image().toString());
    assertThat(container.imageDigest()).isEqualTo(manifest.image().digest());
    assertThat(container.modelDataUrl()).isEqualTo(training.modelArtifactUri());
    assertThat(described.inferenceSpecification().supportedContentTypes()).containsExactly("text/csv", "application/json");
    assertThat(described.metadataProperties().commitId()).isEqualTo(commit);
    assertThat(described.metadataProperties().repository()).isEqualTo(manifest.origin().repository());
    assertThat(described.metadataProperties().generatedBy()).isEqualTo("https://ci.example.com/job/models/42/");
    Map<String, String> metadata = described.customerMetadataProperties();
    assertThat(metadata)
        .containsEntry("manifest-path", ChurnManifest.PATH)
        .containsEntry("manifest-blob", manifest.origin().manifestBlobId())
        .containsEntry("manifest-name", ChurnManifest.NAME)
        .containsEntry("image", LocalAws.REGISTRY + "/churn-xgb:1.4.2")
        .containsEntry("image-digest", manifest.image().digest())
        .containsEntry("training-job", training.jobName())
        .containsEntry("model-artifact", training.modelArtifactUri())
        .containsEntry("commit", commit);
    assertThat(described.modelMetrics().modelQuality().statistics().s3Uri()).isEqualTo(ChurnManifest.EVALUATION);
    assertThat(described.modelMetrics().modelQuality().statistics().contentType()).isEqualTo("application/json");
    assertThat(described.modelMetrics().modelQuality().statistics().contentDigest())
        .isEqualTo("sha256:" + sha256(ChurnManifest.EVALUATION_JSON));
    assertThat(described.modelPackageDescription()).contains(ChurnManifest.PATH, commit.substring(0, 12));

    String groupArn = sageMaker().describeModelPackageGroup(r -> r.modelPackageGroupName(ChurnManifest.GROUP))
        .modelPackageGroupArn();
    assertThat(sageMaker().listTags(r -> r.resourceArn(groupArn)).tags()).extracting(Tag::key)
        .contains("sagemaker-gitops:created-by");
  }

  @Test
  void run_whenRegistered_givesTheModelThatServingReadsTheTrainingJobFrom() throws Exception {
    TrainResult training = train();
    registered(RegisterRequest.of(manifest, training));

    ServingModel model = new ServingModels(aws.context(clients)).define(manifest);

    assertThat(model.lineage().trainingJob()).isEqualTo(training.jobName());
    assertThat(model.modelDataUrl()).isEqualTo(training.modelArtifactUri());
  }

  @Test
  void run_whenTheSameArtifactAndDigestAreRegisteredAgain_reusesTheVersion() throws Exception {
    TrainResult training = train();
    RegisterResult first = registered(RegisterRequest.of(manifest, training));
    String later = world.commit(ChurnManifest.PATH, ChurnManifest.text("0.2", "Reviewed."), "Comment");
    aws.calls().clear();

    RegisterResult second = registered(RegisterRequest.of(world.resolve(later, ChurnManifest.PATH), training));

    assertThat(second.packageArn()).isEqualTo(first.packageArn());
    assertThat(second.version()).isEqualTo(1);
    assertThat(second.reused()).isTrue();
    assertThat(aws.calls().count("CreateModelPackage")).isZero();
    assertThat(aws.calls().count("CreateModelPackageGroup")).isZero();
    assertThat(versions()).hasSize(1);
  }

  @Test
  void run_whenTheGroupHoldsOtherArtifacts_describesOnlyTheCandidatesAndRegistersTheNext() throws Exception {
    RegisterRequest.Artifact a = artifact("a");
    RegisterRequest.Artifact b = artifact("b");
    registered(new RegisterRequest(manifest, a, null));
    registered(new RegisterRequest(manifest, b, null));
    aws.calls().clear();

    RegisterResult again = registered(new RegisterRequest(manifest, a, null));
    RegisterResult third = registered(new RegisterRequest(manifest, artifact("c"), null));

    assertThat(again.version()).isEqualTo(1);
    assertThat(again.reused()).isTrue();
    assertThat(third.version()).isEqualTo(3);
    assertThat(third.reused()).isFalse();
    // b's version carries another registration key, so finding a never describes it: 1 for a, 1 after registering c.
    assertThat(aws.calls().count("DescribeModelPackage")).isEqualTo(2);
  }

  @Test
  void run_whenTheGroupHoldsHundredsOfPipelineVersions_findsItsOwnByKeyWithABoundedNumberOfCalls() throws Exception {
    RegisterRequest.Artifact a = artifact("a");
    RegisterResult first = registered(new RegisterRequest(manifest, a, null));
    for (int i = 0; i < 300; i++) {
      String uri = "s3://pipeline-artifacts/churn/run-" + i + "/model.tar.gz";
      sageMaker().createModelPackage(r -> r.modelPackageGroupName(ChurnManifest.GROUP)
          .inferenceSpecification(s -> s.containers(ModelPackageContainerDefinition.builder()
                  .image(manifest.image().toString()).modelDataUrl(uri).build())
              .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    }
    aws.calls().clear();

    RegisterResult again = registered(new RegisterRequest(manifest, a, null));

    assertThat(again.packageArn()).isEqualTo(first.packageArn());
    assertThat(again.reused()).isTrue();
    // 301 versions: 4 pages of ListModelPackages; the 5 newest unkeyed versions are described, then the match.
    assertThat(aws.calls().count("ListModelPackages")).isEqualTo(4);
    assertThat(aws.calls().count("DescribeModelPackage")).isEqualTo(RegisteredVersions.UNKEYED_DESCRIBE_LIMIT + 1);

    aws.calls().clear();
    RegisterResult fresh = registered(new RegisterRequest(manifest, artifact("fresh"), null));

    assertThat(fresh.reused()).isFalse();
    assertThat(fresh.version()).isEqualTo(302);
    // Searched twice (before registering, and again right before CreateModelPackage, where a crashed attempt
    // resumes), each 4 pages and 5 descriptions; then the new version is described once.
    assertThat(aws.calls().count("ListModelPackages")).isEqualTo(8);
    assertThat(aws.calls().count("DescribeModelPackage")).isEqualTo(2 * RegisteredVersions.UNKEYED_DESCRIBE_LIMIT + 1);
  }

  @Test
  void run_whenAVersionWasRegisteredByHand_comparesItsArtifactAndDigest() throws Exception {
    RegisterRequest.Artifact a = artifact("a");
    RegisterResult byTool = registered(new RegisterRequest(manifest, a, null));
    sageMaker().createModelPackage(r -> r.modelPackageGroupName(ChurnManifest.GROUP)
        .inferenceSpecification(s -> s.containers(ModelPackageContainerDefinition.builder()
            .image(manifest.image().toString()).modelDataUrl("s3://elsewhere/model.tar.gz").build())));

    RegisterResult again = registered(new RegisterRequest(manifest, a, null));

    assertThat(again.packageArn()).isEqualTo(byTool.packageArn());
    assertThat(versions()).hasSize(2);
  }

  @Test
  void run_withABump_writesTheCommitOnABranchChangingOnlyThePackageLine() throws Exception {
    registered(new RegisterRequest(manifest, artifact("earlier"), null));
    TrainResult training = train();

    RegisterResult result = registered(RegisterRequest.of(manifest, training)
        .withBump(new RegisterRequest.Bump(world.repository(), BRANCH, null)));

    assertThat(result.modelPackage()).isEqualTo("churn/2");
    assertThat(result.bumpBranch()).isEqualTo(BRANCH);
    try (GitRepository git = GitRepository.open(world.repository())) {
      ResolvedCommit bump = git.resolve(BRANCH);
      assertThat(bump.id()).isEqualTo(result.bumpCommit());
      assertThat(bump.parentIds()).containsExactly(commit);
      assertThat(bump.shortMessage()).isEqualTo("Bump churn-prod to model package churn/2");
      String bumped = git.readManifests(BRANCH, List.of(ChurnManifest.PATH)).get(0).text();
      assertThat(bumped).isEqualTo(ChurnManifest.text().replace("package: churn/1   #", "package: churn/2   #"));
    }
    assertThat(GitCli.run(world.repository(), "status", "--porcelain")).isEmpty();
    assertThat(GitCli.run(world.repository(), "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
  }

  @Test
  void run_withABumpAgain_keepsTheBumpCommitItWroteBefore() throws Exception {
    TrainResult training = train();
    registered(new RegisterRequest(manifest, artifact("earlier"), null));
    RegisterRequest request = RegisterRequest.of(manifest, training)
        .withBump(new RegisterRequest.Bump(world.repository(), BRANCH, null));
    RegisterResult first = registered(request);
    aws.advance(java.time.Duration.ofMinutes(5));

    RegisterResult second = registered(request);

    assertThat(second.reused()).isTrue();
    assertThat(second.bumpCommit()).isEqualTo(first.bumpCommit());
    try (GitRepository git = GitRepository.open(world.repository())) {
      assertThat(git.resolve(BRANCH).id()).isEqualTo(first.bumpCommit());
    }
  }

  @Test
  void run_withABumpToTheVersionTheManifestNames_writesNoCommit() throws Exception {
    RegisterResult result = registered(new RegisterRequest(manifest, artifact("a"), null)
        .withBump(new RegisterRequest.Bump(world.repository(), BRANCH, null)));

    assertThat(result.modelPackage()).isEqualTo("churn/1");
    assertThat(result.bumpCommit()).isNull();
    assertThat(GitCli.run(world.repository(), "branch", "--list", BRANCH)).isBlank();
  }

  @Test
  void run_whenTheBuildUrlHasCharactersCustomMetadataRefuses_keepsItExactOnlyInMetadataProperties() throws Exception {
    String url = "https://ci.example.com/job/models/job/feature%2Fchurn/42/?tab=log#end";
    OperationContext base = aws.context(clients);
    OperationContext context = new OperationContext(clients, base.clock(), new BuildInfo(url, "jenkins"), base.polling(),
        base.random());

    Step<RegisterState, RegisterResult> step = aws.runner(clients).run(new RegisterOperation(context),
        new RegisterRequest(manifest, artifact("a"), null), new MemoryStateStore(), "register");

    String arn = ((Step.Succeeded<RegisterState, RegisterResult>) step).result().packageArn();
    DescribeModelPackageResponse described = sageMaker().describeModelPackage(r -> r.modelPackageName(arn));
    assertThat(described.metadataProperties().generatedBy()).isEqualTo(url);
    assertThat(described.customerMetadataProperties())
        .containsEntry("build", "https://ci.example.com/job/models/job/feature_2Fchurn/42/_tab=log_end");
  }

  @Test
  void begin_whenTheEvaluationReportIsMissing_failsAtItsFieldBeforeAnyMutatingCall() {
    String missing = "s3://ml-artifacts/churn/eval/missing.json";
    String text = ChurnManifest.text().replace(ChurnManifest.EVALUATION, missing);
    ResolvedManifest pointing = world.resolve(world.commit(ChurnManifest.PATH, text, "Typo"), ChurnManifest.PATH);
    RegisterRequest.Artifact a = artifact("a");
    aws.calls().clear();

    assertThatThrownBy(() -> register(new RegisterRequest(pointing, a, null)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(ChurnManifest.PATH + ":22:14: spec.registry.metrics: the evaluation report " + missing
            + " does not exist (NoSuchKey)");
    assertThat(aws.calls().calls()).allMatch(call -> call.startsWith("S3.Get") || call.startsWith("S3.Head"));
  }

  @Test
  void begin_whenTheEvaluationReportIsNotJson_failsAtItsField() {
    aws.putObject("ml-artifacts", "churn/eval/evaluation.json", "auc,0.91\n", "text/csv");

    assertThatThrownBy(() -> register(new RegisterRequest(manifest, artifact("a"), null)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining("spec.registry.metrics: the evaluation report " + ChurnManifest.EVALUATION + " is not JSON");
    assertThat(aws.calls().calls()).noneMatch(call -> call.startsWith("SageMaker."));
  }

  @Test
  void begin_whenAnExplicitArtifactIsMissing_failsBeforeAnyMutatingCall() {
    assertThatThrownBy(() -> register(new RegisterRequest(manifest,
        RegisterRequest.Artifact.of("s3://ml-artifacts/churn/typo/model.tar.gz"), null)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining("the model artifact s3://ml-artifacts/churn/typo/model.tar.gz does not exist");
    assertThat(aws.calls().calls()).noneMatch(call -> call.startsWith("SageMaker."));
  }

  /** A bucket created in eu-west-1, holding {@code key}; returns its S3 URI. */
  private String inEuropeanBucket(String key, String content) {
    var s3 = clients.s3("eu-west-1");
    s3.createBucket(r -> r.bucket("ml-artifacts-eu"));
    s3.putObject(r -> r.bucket("ml-artifacts-eu").key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(content));
    return "s3://ml-artifacts-eu/" + key;
  }

  @Test
  void begin_whenTheArtifactIsInABucketOfAnotherRegion_failsAtSpecRegistryWithBothRegionsAndWhatToDo() {
    String uri = inEuropeanBucket("churn/model.tar.gz", "model eu");
    aws.calls().clear();

    assertThatThrownBy(() -> register(new RegisterRequest(manifest, RegisterRequest.Artifact.of(uri), null)))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("spec.registry");
            assertThat(problem.line()).isPositive();
            assertThat(problem.message()).isEqualTo("the model artifact " + uri + " is in bucket 'ml-artifacts-eu' in "
                + "eu-west-1, not in us-east-1 where the model is registered (S3 answered 301 PermanentRedirect); "
                + "SageMaker reads artifacts only from a bucket in the model's own region: copy it to a bucket in "
                + "us-east-1, or set spec.region to eu-west-1 if the model belongs there");
          });
        });
    assertThat(aws.calls().calls()).noneMatch(call -> call.startsWith("SageMaker."));
  }

  @Test
  void begin_whenTheEvaluationReportIsInABucketOfAnotherRegion_failsAtItsField() {
    String report = inEuropeanBucket("churn/eval/evaluation.json", "{\"auc\": 0.91}");
    String text = ChurnManifest.text().replace(ChurnManifest.EVALUATION, report);
    ResolvedManifest pointing = world.resolve(world.commit(ChurnManifest.PATH, text, "EU report"), ChurnManifest.PATH);

    assertThatThrownBy(() -> register(new RegisterRequest(pointing, artifact("a"), null)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(ChurnManifest.PATH + ":22:14: spec.registry.metrics: the evaluation report " + report
            + " is in bucket 'ml-artifacts-eu' in eu-west-1, not in us-east-1");
    assertThat(aws.calls().calls()).noneMatch(call -> call.startsWith("SageMaker."));
  }

  @Test
  void begin_whenTheManifestHasNoRegistrySection_failsAtSpec() {
    String text = ChurnManifest.text().replaceAll("(?s)  registry:.*?  model:", "  model:");
    ResolvedManifest without = world.resolve(world.commit(ChurnManifest.PATH, text, "No registry"), ChurnManifest.PATH);

    assertThatThrownBy(() -> operation.begin(new RegisterRequest(without, artifact("a"), null)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(ChurnManifest.PATH + ":7:3: spec: this manifest has no 'registry' section");
  }

  @Test
  void cancel_beforeAVersionIsRegistered_endsCancelledWithoutRegistering() throws InterruptedException {
    RegisterState state = operation.begin(new RegisterRequest(manifest, artifact("a"), null));

    Step<RegisterState, RegisterResult> end = aws.runner(clients).drive(operation, operation.cancel(state),
        new MemoryStateStore(), "register");

    assertThat(end).isInstanceOfSatisfying(Step.Failed.class, failed ->
        assertThat(failed.failure().kind()).isEqualTo(OperationFailure.Kind.CANCELLED));
    assertThat(aws.calls().count("CreateModelPackage")).isZero();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
