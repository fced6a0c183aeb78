package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sagemakerPlan(comment: 'github')} through the step's real execution against the GitHub
 * stand-in, which checks every request against GitHub's OpenAPI description. The token comes from
 * the build's environment, as {@code withCredentials([string(credentialsId: .., variable:
 * 'GITHUB_TOKEN')])} binds it; the lookup of {@code commentCredentialsId} needs a running Jenkins.
 */
@IntegrationPhase
class PlanCommentStepTest {
  private static final String TOKEN = "ghp_jenkinsPlanCommentToken";

  @TempDir Path repository;
  private LocalSetup setup;
  private ManualTicks ticks;
  private GitHubApiStandIn github;

  @BeforeEach
  void start() {
    setup = new LocalSetup(repository);
    setup.commitTrainingManifest();
    ticks = new ManualTicks(setup.local);
    github = GitHubApiStandIn.start("acme", "models").acceptToken(TOKEN, "jenkins-bot").pullRequest(12, "PR-12",
        "main");
  }

  @AfterEach
  void stop() {
    github.close();
    setup.close();
  }

  @Test
  void plan_withCommentGithub_onAMultibranchPullRequestBuild_postsThenEditsOneComment() throws Exception {
    String head = setup.git.file(LocalSetup.MANIFEST, LocalSetup.TRAINING_MANIFEST.replace("ml.m5.xlarge",
        "ml.m5.2xlarge")).commit("Train churn on bigger instances");
    Map<String, String> build = Map.of("GIT_COMMIT", head, "CHANGE_ID", "12",
        "CHANGE_URL", "https://github.com/acme/models/pull/12", "GITHUB_API_URL", github.apiUrl().toString(),
        "GITHUB_TOKEN", TOKEN);

    RecordingStepContext first = run(build);
    RecordingStepContext second = run(build);

    assertThat(github.violations()).isEmpty();
    assertThat(first.failure()).isNull();
    assertThat(result(first)).containsEntry("commentAction", "CREATED")
        .containsEntry("commentUrl", github.comments(12).get(0).id() > 0
            ? "https://github.com/acme/models/pull/12#issuecomment-" + github.comments(12).get(0).id() : null);
    assertThat(result(second)).containsEntry("commentAction", "UPDATED");
    assertThat(second.log()).contains("Edited the plan on github pull request 12: https://github.com/acme/models/pull/12");
    assertThat(github.comments(12)).singleElement().satisfies(c -> {
      assertThat(c.author()).isEqualTo("jenkins-bot");
      assertThat(c.body()).startsWith("<!-- sagemaker-gitops:plan -->\n").contains("churn-prod");
    });
  }

  @Test
  void plan_withCommentGithub_whenTheTokenIsRefused_warnsAndStillSucceeds() throws Exception {
    Map<String, String> build = Map.of("CHANGE_ID", "12", "GIT_URL", "https://github.com/acme/models.git",
        "GITHUB_API_URL", github.apiUrl().toString(), "GITHUB_TOKEN", "ghp_revoked");

    RecordingStepContext context = run(build);

    assertThat(context.failure()).isNull();
    assertThat(result(context)).doesNotContainKey("commentAction").containsKey("markdown");
    assertThat((String) result(context).get("commentWarning")).startsWith("cannot comment the plan on github pull"
        + " request 12: GitHub answered GET /repos/acme/models/issues/12/comments with HTTP 401")
        .doesNotContain("ghp_revoked");
    assertThat(context.log()).contains("warning: cannot comment the plan").doesNotContain("ghp_revoked");
  }

  @Test
  void setComment_whenNotAHost_isRefusedAtBinding() {
    PlanStep step = new PlanStep("origin/main");

    assertThatThrownBy(() -> step.setComment("bitbucket")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected github, gitlab or codecommit, got 'bitbucket'");
  }

  private RecordingStepContext run(Map<String, String> environment) throws Exception {
    RecordingStepContext context = new RecordingStepContext(environment, null);
    PlanStep step = setup.configure(new PlanStep(setup.commit));
    step.setOffline(true);
    step.setComment("github");
    StepExecution execution = step.start(context);
    ((ReportStepExecution) execution).runOn(ticks);
    ((ReportStepExecution) execution).runUnder(LocalSetup.POLICY);
    assertThat(execution.start()).isFalse();
    ticks.runAll();
    assertThat(context.completions()).isEqualTo(1);
    return context;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(RecordingStepContext context) {
    return (Map<String, Object>) context.result();
  }
}
