package dev.sagemakergitops.core.operation.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.CallCounter;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.aws.MotoAws;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * The batch transform end to end against moto_server, an independent emulator: the model package,
 * the model and the transform job really exist there, and a re-run attaches instead of creating a
 * second job (moto would silently replace a job of the same name, so attaching must not rely on
 * CreateTransformJob refusing a duplicate).
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class BatchTransformMotoTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  @TempDir Path dir;
  private final CallCounter calls = new CallCounter();
  private AwsClients clients;
  private SageMakerClient sageMaker;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), calls);
    sageMaker = clients.sageMaker();
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private ResolvedManifest registeredManifest() {
    String repository = MotoAws.unique("churn-xgb");
    String group = MotoAws.unique("churn");
    EcrImages images = new EcrImages(clients.ecr("us-east-1"));
    images.createRepository(repository);
    String digest = images.push(repository, "1.5.0", repository);
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    sageMaker.createModelPackage(r -> r.modelPackageGroupName(group)
        .modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .inferenceSpecification(spec -> spec
            .containers(ModelPackageContainerDefinition.builder()
                .image(MotoAws.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository + "@" + digest)
                .modelDataUrl("s3://ml-artifacts/" + group + "/1/model.tar.gz").build())
            .supportedContentTypes("text/csv")
            .supportedResponseMIMETypes("text/csv")));
    ChurnManifest manifest = ChurnManifest.standard().with(ChurnManifest.IMAGE_REPOSITORY, repository).with(ChurnManifest.PACKAGE, group + "/1");
    String commit;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir.resolve("repo"))) {
      repo.file("models/churn.yaml", manifest.text());
      commit = repo.commit("Churn on " + group);
    }
    try (GitRepository repository1 = GitRepository.open(dir.resolve("repo"))) {
      return new ManifestResolver(ImagePinner.using(clients)).resolveOne(repository1, commit, "models/churn.yaml");
    }
  }

  private Step<BatchTransformState, BatchTransformReport> run(BatchTransformRequest request, String stateDir)
      throws InterruptedException {
    OperationContext context = new OperationContext(clients, Clock.systemUTC(), BuildInfo.terminal(),
        PollingPolicy.defaults(), new Random(1));
    // moto completes jobs at once, so no poll ever waits.
    return new OperationRunner(context, duration -> { }, event -> { })
        .run(new BatchTransformOperation(context), request, new FileStateStore(dir.resolve(stateDir)), "transform");
  }

  @Test
  void run_againstMoto_createsTheModelAndTheJobWithTheManifestsSettingsAndReportsTheOutput() throws Exception {
    ResolvedManifest manifest = registeredManifest();

    Step<BatchTransformState, BatchTransformReport> step = run(BatchTransformRequest.of(manifest, "nightly"), "first");

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    BatchTransformReport report = ((Step.Succeeded<BatchTransformState, BatchTransformReport>) step).result();
    assertThat(report.outputS3Uri()).isEqualTo(ChurnManifest.PREDICTIONS);
    assertThat(report.jobName()).matches("churn-prod-nightly-[0-9a-f]{12}");
    DescribeTransformJobResponse job = sageMaker.describeTransformJob(r -> r.transformJobName(report.jobName()));
    assertThat(job.modelName()).isEqualTo(report.modelName());
    assertThat(job.transformInput().dataSource().s3DataSource().s3Uri()).isEqualTo(ChurnManifest.SCORE_INPUT);
    assertThat(job.dataProcessing().inputFilter()).isEqualTo("$[1:]");
    assertThat(job.dataProcessing().outputFilter()).isEqualTo("$[0,-1]");
    assertThat(sageMaker.describeModel(r -> r.modelName(report.modelName())).primaryContainer().modelDataUrl())
        .endsWith("/1/model.tar.gz");
  }

  @Test
  void run_againstMoto_whenRunAgainForTheSameCommit_attachesWithoutASecondCreate() throws Exception {
    ResolvedManifest manifest = registeredManifest();
    BatchTransformReport first = ((Step.Succeeded<BatchTransformState, BatchTransformReport>) run(
        BatchTransformRequest.of(manifest, "nightly"), "first")).result();
    calls.clear();

    Step<BatchTransformState, BatchTransformReport> again = run(BatchTransformRequest.of(manifest, "nightly"), "again");

    assertThat(again).isInstanceOf(Step.Succeeded.class);
    assertThat(((Step.Succeeded<BatchTransformState, BatchTransformReport>) again).result())
        .usingRecursiveComparison().ignoringFields("created").isEqualTo(first);
    assertThat(calls.count("CreateTransformJob")).isZero();
    assertThat(calls.count("CreateModel")).isZero();
  }
}
