package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import hudson.AbortException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationPhase
class ReportStepExecutionTest {
  @TempDir Path repository;

  private LocalSetup setup;
  private ManualTicks ticks;

  @BeforeEach
  void start() {
    setup = new LocalSetup(repository);
    setup.commitTrainingManifest();
    ticks = new ManualTicks(setup.local);
  }

  @AfterEach
  void stop() {
    setup.close();
  }

  @Test
  void validate_online_pinsTheImageInEcrAndReturnsPlainValues() throws Exception {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);

    run(setup.configure(new ValidateStep()), context);

    assertThat(context.failure()).isNull();
    Map<String, Object> result = result(context);
    assertThat(result).containsEntry("valid", true).containsEntry("offline", false)
        .containsEntry("manifestPaths", List.of(LocalSetup.MANIFEST));
    assertThat(result.get("commit")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("id", setup.commit);
    assertThat(result.get("digests")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2");
    assertThat(context.log()).contains("Valid: 1 manifest(s) at " + setup.commit.substring(0, 7));
  }

  @Test
  void validate_whenAManifestIsWrong_listsTheProblemAndFailsTheStep() throws Exception {
    String broken = setup.git.file(LocalSetup.MANIFEST, LocalSetup.TRAINING_MANIFEST.replace("instanceCount: 1",
        "instanceCount: 0")).commit("Break churn");
    RecordingStepContext context = new RecordingStepContext(Map.of("GIT_COMMIT", broken), null);
    ValidateStep step = setup.configure(new ValidateStep());
    step.setOffline(true);

    run(step, context);

    assertThat(context.failure()).isInstanceOf(AbortException.class)
        .hasMessage("Invalid: 1 problem(s) in 1 manifest(s) at " + broken.substring(0, 7) + " (offline: files only)");
    assertThat(context.log()).startsWith(LocalSetup.MANIFEST + ":").contains("spec.training.instanceCount");
  }

  @Test
  void validate_whenProblemsDoNotFail_returnsThemAsPlainValues() throws Exception {
    setup.git.file(LocalSetup.MANIFEST, LocalSetup.TRAINING_MANIFEST.replace("instanceCount: 1", "instanceCount: 0"))
        .commit("Break churn");
    RecordingStepContext context = new RecordingStepContext(Map.of(), null);
    ValidateStep step = setup.configure(new ValidateStep());
    step.setOffline(true);
    step.setFailOnProblems(false);

    run(step, context);

    assertThat(result(context)).containsEntry("valid", false);
    assertThat(result(context).get("problems")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("file", LocalSetup.MANIFEST).containsEntry("field", "spec.training.instanceCount");
  }

  @Test
  void plan_offline_returnsTheChangedModelsTextAndMarkdown() throws Exception {
    String head = setup.git.file(LocalSetup.MANIFEST, LocalSetup.TRAINING_MANIFEST.replace("ml.m5.xlarge", "ml.m5.2xlarge"))
        .commit("Train churn on bigger instances");
    RecordingStepContext context = new RecordingStepContext(Map.of("GIT_COMMIT", head), null);
    PlanStep step = setup.configure(new PlanStep(setup.commit));
    step.setOffline(true);

    run(step, context);

    assertThat(context.failure()).isNull();
    Map<String, Object> result = result(context);
    assertThat(result).containsEntry("hasProblems", false).containsKeys("text", "markdown", "json", "base", "head");
    assertThat(result.get("models")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("path", LocalSetup.MANIFEST).containsEntry("name", "churn-prod").containsEntry("kind", "CHANGED");
    assertThat((String) result.get("markdown")).contains("churn-prod");
    assertThat(context.log()).isEqualTo(result.get("text"));
  }

  @Test
  void onResume_rerunsTheReadOnlyWork() {
    RecordingStepContext context = new RecordingStepContext(Map.of(), null);
    ValidateStep step = setup.configure(new ValidateStep());
    step.setOffline(true);
    ReportStepExecution execution = (ReportStepExecution) step.start(context);
    execution.runOn(ticks);
    execution.runUnder(LocalSetup.POLICY);
    execution.start();
    // The controller stopped before the work ran; the resumed execution schedules it again.
    ManualTicks restarted = new ManualTicks(setup.local);
    execution.runOn(restarted);

    execution.onResume();
    restarted.runAll();

    assertThat(result(context)).containsEntry("valid", true);
    assertThat(execution.getStatus()).isEqualTo("sagemakerValidate: reading the build's commit");
  }

  private void run(ReadOnlyStep step, RecordingStepContext context) throws Exception {
    StepExecution execution = step.start(context);
    ((ReportStepExecution) execution).runOn(ticks);
    ((ReportStepExecution) execution).runUnder(LocalSetup.POLICY);
    assertThat(execution.start()).isFalse();
    ticks.runAll();
    assertThat(context.completions()).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(RecordingStepContext context) {
    return (Map<String, Object>) context.result();
  }
}
