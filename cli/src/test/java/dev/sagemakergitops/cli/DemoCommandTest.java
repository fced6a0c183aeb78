package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo, the README's first command, runs its whole story and leaves a real repository behind. */
@IntegrationPhase
class DemoCommandTest {

  /**
   * The operations' whole story, strongly consistent and with every new model, endpoint
   * configuration, model package and scalable target invisible for 30 simulated seconds to the calls
   * that use it (AWS's documented eventual consistency): the operations retry what they created.
   */
  @ParameterizedTest(name = "consistency delay {0}")
  @ValueSource(strings = {"0", "30s"})
  void demo_whenRun_tellsTheWholeStoryAndKeepsTheRepository(String consistencyDelay, @TempDir Path dir)
      throws Exception {
    Path repository = dir.resolve("churn-gitops");

    CommandLineRun run = CommandLineRun.of("demo", "--dir", repository.toString(), "--consistency-delay",
        consistencyDelay);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("registered model package churn/1", "bump commit", "| model package | `churn/1` | `churn/2` |")
        .contains("shadow test PASSED")
        .contains("traffic step 1 of 2", "verified: endpoint churn-prod is InService")
        .contains("ROLLED_BACK: SageMaker rolled the deployment", "alarms in ALARM: churn-prod-5xx")
        .contains("status: churn-prod is ROLLED_BACK")
        .contains("calls made by the rollback: 0 CreateTrainingJob, 0 CreateModelPackage, 0 CreateModel,"
            + " 0 CreateEndpointConfig, 0 CreateEndpoint, 1 UpdateEndpoint")
        .contains("transform job churn-prod-nightly-scoring-", "c-1001,")
        .contains("endpoint churn-prod in us-east-1: InService, made by sagemaker-gitops")
        .contains("== Summary");
    try (GitRepository git = GitRepository.open(repository)) {
      assertThat(git.resolve("main").shortMessage()).startsWith("Revert");
      assertThat(git.resolve("bump/churn-2").shortMessage()).contains("churn/2");
    }
    assertThat(Files.readString(repository.resolve("models/churn/prod.yaml"))).contains("package: churn/1");
  }

  @Test
  void demo_whenTheFolderHoldsARepository_refusesWithExitCode2(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));

    CommandLineRun run = CommandLineRun.of("demo", "--dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("already holds a Git repository");
  }
}
