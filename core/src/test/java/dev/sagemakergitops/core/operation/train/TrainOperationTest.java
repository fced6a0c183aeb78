package dev.sagemakergitops.core.operation.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.support.MemoryStateStore;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class TrainOperationTest {

  @TempDir Path directory;

  private ManifestWorld world;
  private LocalAws aws;
  private AwsClients clients;
  private TrainOperation operation;

  @BeforeEach
  void setUp() {
    world = ManifestWorld.create(directory.resolve("repo"));
    aws = world.aws();
    ChurnManifest.prepare(aws);
    clients = aws.clients();
    operation = new TrainOperation(aws.context(clients));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private ResolvedManifest commit(String text) {
    String commit = world.commit(ChurnManifest.PATH, text, "Change churn");
    return world.resolve(commit, ChurnManifest.PATH);
  }

  private Step<TrainState, TrainResult> run(ResolvedManifest manifest) throws InterruptedException {
    return aws.runner(clients).run(operation, new TrainRequest(manifest), new MemoryStateStore(), "train");
  }

  private SageMakerClient sageMaker() {
    return clients.sageMaker();
  }

  @Test
  void run_whenNoJobExists_trainsUnderTheDerivedNameAndReturnsTheArtifact() throws InterruptedException {
    ResolvedManifest manifest = commit(ChurnManifest.text());
    String expectedName = TrainingJobDefinition.of(manifest, aws.context(clients).build()).jobName();

    Step<TrainState, TrainResult> step = run(manifest);

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    TrainResult result = ((Step.Succeeded<TrainState, TrainResult>) step).result();
    assertThat(result.jobName()).isEqualTo(expectedName).matches("churn-prod-[0-9a-f]{12}");
    assertThat(result.jobArn()).isEqualTo("arn:aws:sagemaker:us-east-1:" + LocalAws.ACCOUNT + ":training-job/" + expectedName);
    assertThat(result.modelArtifactUri()).isEqualTo("s3://ml-artifacts/churn/" + expectedName + "/output/model.tar.gz");
    assertThat(result.imageDigest()).isEqualTo(manifest.image().digest());
    assertThat(result.trainingImage()).isEqualTo(manifest.image().toString()).contains("@sha256:");
    assertThat(result.finalMetrics()).containsOnlyKeys("validation:auc");
    assertThat(result.reused()).isFalse();
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);

    DescribeTrainingJobResponse job = sageMaker().describeTrainingJob(r -> r.trainingJobName(expectedName));
    assertThat(job.algorithmSpecification().trainingImage()).isEqualTo(manifest.image().toString());
    assertThat(job.hyperParameters()).containsEntry("eta", "0.2").containsEntry("max_depth", "6");
    assertThat(job.inputDataConfig()).extracting(c -> c.channelName()).containsExactly("train", "validation");
    assertThat(job.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(7200);
  }

  @Test
  void run_whenTheManifestNamesANetwork_createsTheJobInItAndNamesItAfterIt() throws InterruptedException {
    String network = "network: {subnets: [subnet-0a1b2c], securityGroups: [sg-0d4e5f], "
        + "encryptInterContainerTraffic: true}\n    hyperparameters:";
    ResolvedManifest inVpc = commit(ChurnManifest.text().replace("hyperparameters:", network));
    String otherGroup = TrainingJobDefinition.of(commit(ChurnManifest.text().replace("hyperparameters:",
        network.replace("sg-0d4e5f", "sg-0aaaaa"))), aws.context(clients).build()).jobName();

    TrainResult result = ((Step.Succeeded<TrainState, TrainResult>) run(inVpc)).result();

    DescribeTrainingJobResponse job = sageMaker().describeTrainingJob(r -> r.trainingJobName(result.jobName()));
    assertThat(job.vpcConfig().subnets()).containsExactly("subnet-0a1b2c");
    assertThat(job.vpcConfig().securityGroupIds()).containsExactly("sg-0d4e5f");
    assertThat(job.enableInterContainerTrafficEncryption()).isTrue();
    assertThat(otherGroup).isNotEqualTo(result.jobName());
    assertThat(TrainingJobDefinition.of(inVpc, aws.context(clients).build()).contentHash().canonicalText())
        .contains("network=", "sg-0d4e5f", "encryptInterContainerTraffic");
  }

  @Test
  void run_whenJobTrains_reportsEveryStatusAndSecondaryStatusInOrder() throws InterruptedException {
    Step<TrainState, TrainResult> step = run(commit(ChurnManifest.text()));

    String job = ((Step.Succeeded<TrainState, TrainResult>) step).result().jobName();
    List<String> messages = aws.events().stream().map(OperationEvent::message).toList();
    assertThat(messages).containsExactly(
        "created training job " + job + " (1 x ml.m5.xlarge, image " + step.state().definition().trainingImage() + ")",
        "training job " + job + " is InProgress",
        "Starting: Launching requested ML instances.",
        "Downloading: Starting the training job. Downloading input data.",
        "Training: Training image download completed. Training in progress.",
        "Uploading: Uploading generated training model.",
        "Completed: Training job completed.",
        "training job " + job + " is Completed");
    List<OperationEvent> secondary = aws.events().subList(2, 7);
    assertThat(secondary).extracting(OperationEvent::at).isSorted();
    assertThat(secondary.get(0).at()).isEqualTo(LocalAws.START);
  }

  @Test
  void run_whenJobIsCreated_tagsItWithItsLineage() throws InterruptedException {
    ResolvedManifest manifest = commit(ChurnManifest.text());

    TrainResult result = ((Step.Succeeded<TrainState, TrainResult>) run(manifest)).result();

    Map<String, String> tags = sageMaker().listTags(r -> r.resourceArn(result.jobArn())).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
    Lineage lineage = Lineage.fromTags(tags);
    assertThat(lineage.commit()).isEqualTo(manifest.origin().commitId());
    assertThat(lineage.repository()).isEqualTo(manifest.origin().repository());
    assertThat(lineage.manifestPath()).isEqualTo(ChurnManifest.PATH);
    assertThat(lineage.manifestBlob()).isEqualTo(manifest.origin().manifestBlobId());
    assertThat(lineage.manifestName()).isEqualTo(ChurnManifest.NAME);
    assertThat(lineage.image()).isEqualTo(LocalAws.REGISTRY + "/churn-xgb:1.4.2");
    assertThat(lineage.imageDigest()).isEqualTo(manifest.image().digest());
    assertThat(lineage.build()).isEqualTo("https://ci.example.com/job/models/42/");
  }

  @Test
  void poll_afterCreatingTheJob_waitsTheProvisioningEstimateThenTheInterval() {
    TrainState state = operation.begin(new TrainRequest(commit(ChurnManifest.text())));

    Step<TrainState, TrainResult> created = operation.poll(state);
    aws.advance(((Step.Running<TrainState, TrainResult>) created).pollAfter());
    Step<TrainState, TrainResult> followed = operation.poll(created.state());

    assertThat(((Step.Running<TrainState, TrainResult>) created).pollAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(((Step.Running<TrainState, TrainResult>) followed).pollAfter()).isEqualTo(Duration.ofSeconds(8));
    assertThat(followed.state().phase()).isEqualTo("InProgress");
    assertThat(followed.state().secondaryStatus()).isEqualTo("Training");
    assertThat(followed.state().reportedTransitions()).isEqualTo(3);
  }

  @Test
  void run_whenTheSameSpecRunsAgainAtALaterCommit_reusesTheCompletedJob() throws InterruptedException {
    TrainResult first = ((Step.Succeeded<TrainState, TrainResult>) run(commit(ChurnManifest.text()))).result();
    ResolvedManifest later = commit(ChurnManifest.text("0.2", "Reviewed by the platform team."));
    aws.calls().clear();

    Step<TrainState, TrainResult> again = run(later);

    TrainResult second = ((Step.Succeeded<TrainState, TrainResult>) again).result();
    assertThat(second.jobName()).isEqualTo(first.jobName());
    assertThat(second.modelArtifactUri()).isEqualTo(first.modelArtifactUri());
    assertThat(second.reused()).isTrue();
    assertThat(aws.calls().count("CreateTrainingJob")).isZero();
    assertThat(aws.calls().calls()).containsExactly("SageMaker.DescribeTrainingJob");
    assertThat(again.events()).singleElement().extracting(OperationEvent::message).asString()
        .contains("already completed", "reusing its model artifact " + first.modelArtifactUri());
  }

  @Test
  void begin_whenAHyperparameterChanges_derivesAnotherJobName() {
    TrainState base = operation.begin(new TrainRequest(commit(ChurnManifest.text("0.2", "a"))));
    TrainState commentOnly = operation.begin(new TrainRequest(commit(ChurnManifest.text("0.2", "b"))));
    TrainState changed = operation.begin(new TrainRequest(commit(ChurnManifest.text("0.3", "a"))));

    assertThat(commentOnly.jobName()).isEqualTo(base.jobName());
    assertThat(changed.jobName()).isNotEqualTo(base.jobName()).startsWith("churn-prod-");
    assertThat(aws.calls().calls()).doesNotContain("SageMaker.CreateTrainingJob", "SageMaker.DescribeTrainingJob");
  }

  @Test
  void begin_whenTheImageDigestChanges_derivesAnotherJobName() {
    aws.publishImage("churn-xgb", "1.5.0");
    TrainState before = operation.begin(new TrainRequest(commit(ChurnManifest.text())));

    TrainState after = operation.begin(new TrainRequest(commit(ChurnManifest.text().replace(":1.4.2", ":1.5.0"))));

    assertThat(after.definition().trainingImageDigest()).isNotEqualTo(before.definition().trainingImageDigest());
    assertThat(after.jobName()).isNotEqualTo(before.jobName());
  }

  @Test
  void begin_whenTheManifestHasNoTrainingSection_failsAtSpecWithoutCallingSageMaker() {
    String withoutTraining = ChurnManifest.text().replaceAll("(?s)  training:.*?  registry:", "  registry:");
    ResolvedManifest manifest = commit(withoutTraining);
    aws.calls().clear();

    assertThatThrownBy(() -> operation.begin(new TrainRequest(manifest)))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(ChurnManifest.PATH + ":7:3: spec:")
        .hasMessageContaining("no 'training' section");
    assertThat(aws.calls().calls()).isEmpty();
  }

  @Test
  void run_whenTheTrainingJobFails_failsWithItsFailureReasonAndSoDoesARerun() throws InterruptedException {
    aws.local().service(TrainingJobs.class).failJob(ChurnManifest.NAME, "loss diverged at epoch 3");

    Step<TrainState, TrainResult> step = run(commit(ChurnManifest.text()));
    aws.calls().clear();
    Step<TrainState, TrainResult> rerun = run(world.resolve("HEAD", ChurnManifest.PATH));

    assertThat(step).isInstanceOfSatisfying(Step.Failed.class, failed -> {
      OperationFailure failure = failed.failure();
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
      assertThat(failure.failureReason()).isEqualTo("AlgorithmError: loss diverged at epoch 3");
      assertThat(failure.message()).contains("AlgorithmError: loss diverged at epoch 3", "change the spec");
    });
    assertThat(step.events()).extracting(OperationEvent::message).last().asString()
        .endsWith("is Failed: AlgorithmError: loss diverged at epoch 3");
    assertThat(rerun).isInstanceOfSatisfying(Step.Failed.class, failed ->
        assertThat(failed.failure().failureReason()).isEqualTo("AlgorithmError: loss diverged at epoch 3"));
    assertThat(aws.calls().count("CreateTrainingJob")).isZero();
  }

  @Test
  void cancel_whenTheJobIsTraining_stopsItAndTheRunEndsCancelled() throws InterruptedException {
    TrainState state = operation.begin(new TrainRequest(commit(ChurnManifest.text())));
    Step<TrainState, TrainResult> created = operation.poll(state);
    aws.advance(Duration.ofMinutes(3));

    TrainState cancelling = operation.cancel(operation.poll(created.state()).state());
    StateStore store = new MemoryStateStore();
    Step<TrainState, TrainResult> end = aws.runner(clients).drive(operation, cancelling, store, "train");

    assertThat(aws.calls().count("StopTrainingJob")).isEqualTo(1);
    assertThat(end).isInstanceOfSatisfying(Step.Failed.class, failed ->
        assertThat(failed.failure().kind()).isEqualTo(OperationFailure.Kind.CANCELLED));
    assertThat(sageMaker().describeTrainingJob(r -> r.trainingJobName(state.jobName())).trainingJobStatusAsString())
        .isEqualTo("Stopped");
    assertThat(operation.cancel(end.state())).isEqualTo(end.state());
  }

  @Test
  void cancel_beforeTheJobExists_endsCancelledWithoutCreatingIt() throws InterruptedException {
    TrainState state = operation.begin(new TrainRequest(commit(ChurnManifest.text())));

    TrainState cancelled = operation.cancel(state);
    Step<TrainState, TrainResult> end = aws.runner(clients).drive(operation, cancelled, new MemoryStateStore(), "t");

    assertThat(end).isInstanceOfSatisfying(Step.Failed.class, failed ->
        assertThat(failed.failure().kind()).isEqualTo(OperationFailure.Kind.CANCELLED));
    assertThat(aws.calls().count("CreateTrainingJob")).isZero();
  }
}
