package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.IntegrationPhase;
import hudson.FilePath;
import hudson.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment report on the build's page and the last deployments on the job's page, from
 * safeDeploy steps run end to end against the local control plane. Only the actions' Java side is
 * tested here: their Jelly views render in a real Jenkins only.
 */
@IntegrationPhase
class DeploymentReportActionTest {
  private final Path directory;
  @AutoClose private final LocalSetup setup;

  DeploymentReportActionTest(@TempDir Path directory) {
    this.directory = directory;
    setup = new LocalSetup(directory);
  }

  private BuildFolder deploy(String build, BuildFolder previous) {
    BuildFolder run = new BuildFolder(directory.resolve("builds").resolve(build), previous);
    StepRun.start(setup.configure(new SafeDeployStep(LocalSetup.MANIFEST)),
        new RecordingStepContext(setup.buildEnvironment(), new FilePath(setup.workspace.toFile())).withRun(run),
        setup.ticks);
    setup.ticks.runAll();
    return run;
  }

  @Test
  void safeDeploy_whenItEnds_addsTheReportToTheBuildWithTheRecordKeptInTheBuildsFolder() throws Exception {
    register("churn/v1/model.tar.gz");

    BuildFolder build = deploy("1", null);

    DeploymentReportAction action = report(build);
    assertThat(action).isNotNull();
    assertThat(action.getRun()).isSameAs(build);
    assertThat(action.getUrlName()).isEqualTo("sagemaker-gitops-report");
    try (var kept = Files.list(build.getRootDir().toPath().resolve(StepRuntime.RECORDS))) {
      assertThat(kept.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
          .contains("-safeDeploy-churn-prod-");
    }
    assertThat(action.getSummaries()).singleElement().satisfies(summary -> {
      assertThat(summary.subject()).isEqualTo("endpoint churn-prod");
      assertThat(summary.outcomeText()).isEqualTo("succeeded");
      assertThat(summary.commit()).isEqualTo(setup.commit.substring(0, 12));
    });
    assertThat(action.getReportHtml()).startsWith("<style>").contains("<div class=\"sgo-report\">",
        "<h1>safeDeploy of endpoint churn-prod: succeeded</h1>", "<svg class=\"timeline\"", "<svg class=\"lineage\"")
        .doesNotContain("<html", "<body");
  }

  @Test
  void safeDeploy_twiceInOneBuild_addsOneReportShowingBoth() {
    register("churn/v1/model.tar.gz");
    BuildFolder build = deploy("1", null);
    register("churn/v2/model.tar.gz");
    setup.commitManifest("churn/2");
    setup.local.service(HostingService.class).failNextUpdate(LocalSetup.ENDPOINT, "the new fleet failed its health check");

    StepRun.start(setup.configure(new SafeDeployStep(LocalSetup.MANIFEST)),
        new RecordingStepContext(setup.buildEnvironment(), new FilePath(setup.workspace.toFile())).withRun(build),
        setup.ticks);
    setup.ticks.runAll();

    DeploymentReportAction action = report(build);
    assertThat(action.getSummaries()).extracting(DeploymentSummary::outcomeText)
        .containsExactly("rolled back", "succeeded");
    assertThat(action.getReportHtml()).contains("<h1>History of endpoint churn-prod</h1>", "; 1 rollback.");
  }

  @Test
  void lastDeployments_ofAJobsBuilds_isTheNewestDeploymentOfEachEndpoint() {
    register("churn/v1/model.tar.gz");
    BuildFolder first = deploy("1", null);
    register("churn/v2/model.tar.gz");
    setup.commitManifest("churn/2");
    BuildFolder second = deploy("2", first);
    BuildFolder third = new BuildFolder(directory.resolve("builds/3"), second);

    List<LastDeploymentsAction.LastDeployment> last = LastDeploymentsAction.from(third);

    assertThat(last).singleElement().satisfies(deployment -> {
      assertThat(deployment.getBuild()).isSameAs(second);
      assertThat(deployment.getSummary().commit()).isEqualTo(setup.commit.substring(0, 12));
    });
    assertThat(new LastDeploymentsAction(last).getReportHtml()).contains("safeDeploy of endpoint churn-prod: succeeded",
        "churn/2");
    assertThat(LastDeploymentsAction.from(new BuildFolder(directory.resolve("builds/0")))).isEmpty();
  }

  private static DeploymentReportAction report(Run<?, ?> build) {
    return build.getAction(DeploymentReportAction.class);
  }

  /** Registers an artifact of its own as the next version of the manifest's group, with {@code registerModel}. */
  private void register(String artifactKey) {
    RegisterModelStep register = new RegisterModelStep(LocalSetup.MANIFEST);
    register.setModelArtifactUri(setup.putArtifact(artifactKey));
    assertThat(setup.run(register).result()).containsEntry("outcome", "succeeded");
  }
}
