package dev.sagemakergitops.core.operation.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.CallCounter;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.aws.MotoAws;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.MemoryStateStore;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.train.TrainState;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Training and registration end to end against moto_server, an emulator written independently of
 * the local control plane, through the real SDK over HTTP. Moto completes a training job the moment
 * it is created (no secondary statuses beyond one "Starting" entry, no artifact written) and ignores
 * {@code ClientToken}; the operations must work with that as they would with SageMaker.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class TrainAndRegisterMotoTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();
  private static final String HOST = MotoAws.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com";
  private static final String PATH = "models/churn.yaml";

  @TempDir Path dir;
  private final CallCounter calls = new CallCounter();
  private final List<OperationEvent> events = new ArrayList<>();
  private AwsClients clients;
  private OperationContext context;
  private OperationRunner runner;
  private String name;
  private String bucket;
  private String commit;
  private ResolvedManifest manifest;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), calls);
    context = OperationContext.of(clients, Clock.systemUTC(), new BuildInfo("https://ci.example.com/job/7/", "jenkins"));
    // Moto's jobs are finished when created: nothing is worth waiting for.
    runner = new OperationRunner(context, wait -> { }, events::add);
    name = MotoAws.unique("churn");
    bucket = MotoAws.unique("ml");
    String repository = MotoAws.unique("churn-xgb");
    EcrImages images = new EcrImages(clients.ecr("us-east-1"));
    images.createRepository(repository);
    images.push(repository, "1.4.2", name);
    var s3 = clients.s3("us-east-1");
    s3.createBucket(r -> r.bucket(bucket));
    s3.putObject(r -> r.bucket(bucket).key("churn/train/part-0.csv"), RequestBody.fromString("1,0.4\n"));
    s3.putObject(r -> r.bucket(bucket).key("eval/evaluation.json"), RequestBody.fromString("{\"auc\": 0.9}"));
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      commit = repo.file(PATH, """
          apiVersion: sagemaker-gitops/v1
          kind: ModelDeployment
          metadata:
            name: %1$s
          spec:
            region: us-east-1
            image: %2$s/%3$s:1.4.2
            training:
              roleArn: arn:aws:iam::123456789012:role/sm-training
              instanceType: ml.m5.xlarge
              inputs: {train: s3://%4$s/churn/train/}
              outputS3Uri: s3://%4$s/churn/output/
              hyperparameters: {max_depth: 6}
            registry: {group: %1$s, approval: Approved, metrics: s3://%4$s/eval/evaluation.json}
            model:
              package: %1$s/1   # bumped by CI
              executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          """.formatted(name, HOST, repository, bucket)).commit("Add churn");
    }
    try (GitRepository git = GitRepository.open(dir)) {
      manifest = new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, commit, PATH);
    }
    calls.clear();
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private TrainResult train() throws InterruptedException {
    Step<TrainState, TrainResult> step = runner.run(new TrainOperation(context), new TrainRequest(manifest),
        new MemoryStateStore(), "train");
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<TrainState, TrainResult>) step).result();
  }

  private RegisterResult register(RegisterRequest request) throws InterruptedException {
    Step<RegisterState, RegisterResult> step = runner.run(new RegisterOperation(context), request,
        new MemoryStateStore(), "register");
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<RegisterState, RegisterResult>) step).result();
  }

  @Test
  void train_againstMoto_createsTheJobWithLineageTagsAndReusesItOnARerun() throws InterruptedException {
    TrainResult first = train();
    TrainResult second = train();

    assertThat(first.jobName()).startsWith(name + "-");
    assertThat(first.modelArtifactUri()).isEqualTo("s3://" + bucket + "/churn/output/" + first.jobName()
        + "/output/model.tar.gz");
    assertThat(first.reused()).isFalse();
    assertThat(second.reused()).isTrue();
    assertThat(second.modelArtifactUri()).isEqualTo(first.modelArtifactUri());
    assertThat(calls.count("CreateTrainingJob")).isEqualTo(1);
    assertThat(events).extracting(OperationEvent::message)
        .contains("training job " + first.jobName() + " is Completed");
    Map<String, String> tags = clients.sageMaker().listTags(r -> r.resourceArn(first.jobArn())).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
    assertThat(Lineage.fromTags(tags).commit()).isEqualTo(commit);
    assertThat(Lineage.fromTags(tags).imageDigest()).isEqualTo(manifest.image().digest());
  }

  @Test
  void register_againstMoto_registersOnceWithLineageAndBumpsTheManifest() throws InterruptedException {
    TrainResult training = train();
    RegisterRequest request = RegisterRequest.of(manifest, training)
        .withBump(new RegisterRequest.Bump(dir, "sagemaker-gitops/" + name, null));

    RegisterResult first = register(RegisterRequest.of(manifest, training));
    RegisterResult second = register(request);

    assertThat(first.modelPackage()).isEqualTo(name + "/1");
    assertThat(first.reused()).isFalse();
    assertThat(second.packageArn()).isEqualTo(first.packageArn());
    assertThat(second.reused()).isTrue();
    assertThat(calls.count("CreateModelPackage")).isEqualTo(1);
    // The manifest already names version 1: nothing to propose.
    assertThat(second.bumpCommit()).isNull();
    DescribeModelPackageResponse described = clients.sageMaker()
        .describeModelPackage(r -> r.modelPackageName(first.packageArn()));
    assertThat(described.inferenceSpecification().containers().get(0).modelDataUrl())
        .isEqualTo(training.modelArtifactUri());
    assertThat(described.inferenceSpecification().containers().get(0).imageDigest())
        .isEqualTo(manifest.image().digest());
    assertThat(described.metadataProperties().commitId()).isEqualTo(commit);
    assertThat(described.metadataProperties().generatedBy()).isEqualTo("https://ci.example.com/job/7/");
    assertThat(described.customerMetadataProperties()).containsEntry("training-job", training.jobName())
        .containsEntry("manifest-path", PATH);
    assertThat(described.modelMetrics().modelQuality().statistics().contentDigest()).startsWith("sha256:");
    assertThat(described.modelApprovalStatusAsString()).isEqualTo("Approved");
  }

  @Test
  void register_againstMotoWithAnotherArtifact_registersTheNextVersionAndWritesTheBump() throws InterruptedException {
    TrainResult training = train();
    register(RegisterRequest.of(manifest, training));
    var s3 = clients.s3("us-east-1");
    s3.putObject(r -> r.bucket(bucket).key("manual/model.tar.gz"), RequestBody.fromString("model"));

    RegisterResult next = register(new RegisterRequest(manifest,
        RegisterRequest.Artifact.of("s3://" + bucket + "/manual/model.tar.gz"), null)
        .withBump(new RegisterRequest.Bump(dir, "sagemaker-gitops/" + name, null)));

    assertThat(next.modelPackage()).isEqualTo(name + "/2");
    assertThat(next.bumpCommit()).isNotNull();
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests(next.bumpCommit(), List.of(PATH)).get(0).text())
          .contains("package: " + name + "/2   # bumped by CI");
    }
  }
}
