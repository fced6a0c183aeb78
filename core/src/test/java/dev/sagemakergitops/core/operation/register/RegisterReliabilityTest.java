package dev.sagemakergitops.core.operation.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.core.operation.support.AttemptCounter;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.support.MemoryStateStore;
import dev.sagemakergitops.core.operation.train.ChurnManifest;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;

/**
 * Issue point 6 for registration: a process that dies after any AWS call, and throttling and 5xx.
 * Its dead runs are real runs (clients that die after call {@code n}), not replays: the bump commit
 * it writes to Git is outside what {@link AbandonEveryCall} replays.
 */
@IntegrationPhase
class RegisterReliabilityTest {
  private static final String ARTIFACT = "s3://ml-artifacts/churn/manual/model.tar.gz";
  private static final String BRANCH = "sagemaker-gitops/churn-prod";

  @TempDir Path directory;

  /**
   * A fresh local AWS whose churn group already holds version 1 (registered by hand, another
   * artifact), the artifact to register in S3, and a request to register it with a bump commit.
   */
  private final class ChurnWorld implements AbandonEveryCall.World<RegisterRequest> {
    private final ManifestWorld world;
    private final String commit;
    private final RegisterRequest request;

    ChurnWorld(int number) {
      world = ManifestWorld.create(directory.resolve("world-" + number));
      LocalAws aws = world.aws();
      ChurnManifest.prepare(aws);
      aws.putObject("ml-artifacts", "churn/manual/model.tar.gz", "model", "application/x-gzip");
      commit = world.commit(ChurnManifest.PATH, ChurnManifest.text(), "Add churn");
      ResolvedManifest manifest = world.resolve(commit, ChurnManifest.PATH);
      var sageMaker = aws.clients().sageMaker();
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(ChurnManifest.GROUP));
      sageMaker.createModelPackage(r -> r.modelPackageGroupName(ChurnManifest.GROUP)
          .modelApprovalStatus("Approved")
          .inferenceSpecification(s -> s.containers(ModelPackageContainerDefinition.builder()
              .image(manifest.image().toString()).modelDataUrl("s3://ml-artifacts/churn/first/model.tar.gz").build())));
      request = new RegisterRequest(manifest, RegisterRequest.Artifact.of(ARTIFACT), null)
          .withBump(new RegisterRequest.Bump(world.repository(), BRANCH, null));
    }

    @Override
    public LocalAws aws() {
      return world.aws();
    }

    @Override
    public RegisterRequest request() {
      return request;
    }

    /** The bump commit goes to the Git repository, which a replay of AWS's inputs does not bring along. */
    @Override
    public boolean changesOnlyAws() {
      return false;
    }

    @Override
    public void close() {
      world.close();
    }

    /** Exactly one version of the artifact, and one bump commit on the start commit naming it. */
    void assertRegisteredOnce(RegisterResult result) {
      List<ModelPackageSummary> versions = aws().clients().sageMaker().listModelPackages(r -> r
          .modelPackageGroupName(ChurnManifest.GROUP).modelPackageType(ModelPackageType.VERSIONED))
          .modelPackageSummaryList();
      assertThat(versions).extracting(ModelPackageSummary::modelPackageVersion).containsExactly(1, 2);
      try (GitRepository git = GitRepository.open(world.repository())) {
        ResolvedCommit tip = git.resolve(BRANCH);
        assertThat(tip.id()).isEqualTo(result.bumpCommit());
        assertThat(tip.parentIds()).containsExactly(commit);
        assertThat(git.readManifests(BRANCH, List.of(ChurnManifest.PATH)).get(0).text())
            .contains("package: churn/2   #");
      }
    }
  }

  @Test
  void run_whenTheProcessDiesAfterAnyAwsCall_resumesOrRestartsToTheSameVersionWithoutATwin()
      throws InterruptedException {
    AbandonEveryCall.Report<RegisterResult> report = AbandonEveryCall.of(ChurnWorld::new, RegisterOperation::new,
        result -> List.of(result.packageArn(), result.modelPackage(), result.approvalStatus(), result.bumpBranch()),
        ChurnWorld::assertRegisteredOnce).run();

    assertThat(report.expected().modelPackage()).isEqualTo("churn/2");
    assertThat(report.calls()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void run_whenAFifthOfCallsAreThrottledOrFail_registersEachArtifactOnce() throws InterruptedException {
    try (ChurnWorld world = new ChurnWorld(0)) {
      List<String> artifacts = List.of("a", "b", "c", "d").stream()
          .map(name -> "s3://ml-artifacts/churn/" + name + "/model.tar.gz").toList();
      artifacts.forEach(uri -> world.aws().putObject("ml-artifacts", uri.substring("s3://ml-artifacts/".length()),
          "model", "application/x-gzip"));
      world.aws().injectFaults(0.2);
      AttemptCounter attempts = new AttemptCounter();
      AwsClients clients = world.aws().clients(List.of(attempts));

      // Each artifact twice: the second run must find the first's version through the faults too.
      for (String uri : List.of(artifacts, artifacts).stream().flatMap(List::stream).toList()) {
        RegisterRequest request = new RegisterRequest(world.request().manifest(), RegisterRequest.Artifact.of(uri), null);
        Step<RegisterState, RegisterResult> step = world.aws().runner(clients)
            .run(new RegisterOperation(world.aws().context(clients)), request, new MemoryStateStore(), "register");
        assertThat(step).as(uri).isInstanceOf(Step.Succeeded.class);
      }

      world.aws().local().faults().clear();
      List<String> registered = world.aws().clients().sageMaker().listModelPackages(r -> r
          .modelPackageGroupName(ChurnManifest.GROUP).modelPackageType(ModelPackageType.VERSIONED))
          .modelPackageSummaryList().stream()
          .map(version -> world.aws().clients().sageMaker().describeModelPackage(r -> r
              .modelPackageName(version.modelPackageArn())).inferenceSpecification().containers().get(0).modelDataUrl())
          .toList();
      assertThat(registered).containsExactly(List.of(List.of("s3://ml-artifacts/churn/first/model.tar.gz"), artifacts)
          .stream().flatMap(List::stream).toArray(String[]::new));
      assertThat(attempts.attempts()).as("HTTP attempts, retries included").isGreaterThan(attempts.calls());
    }
  }
}
