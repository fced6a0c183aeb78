package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import org.kohsuke.stapler.DataBoundConstructor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A controller restart while a step polls: the step's small state is persisted with the Pipeline
 * program, {@code onResume} re-arms polling, credentials are resolved again, and the run finishes
 * with the one training job it started. Runs with {@code mvn -Pjenkins verify}.
 */
class RestartTest {
  @RegisterExtension static final BuildWatcherExtension BUILDS = new BuildWatcherExtension();
  @RegisterExtension final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

  private static PluginFixture fixture;

  @BeforeAll
  static void startAws() throws java.io.IOException {
    fixture = new PluginFixture();
  }

  @AfterAll
  static void stopAws() {
    fixture.local.close();
  }

  @Test
  void restart_whileTheStepPolls_resumesAndFinishesWithOneJob() throws Throwable {
    sessions.then(r -> {
      PluginFixture.addCredentials();
      WorkflowJob job = r.createProject(WorkflowJob.class, "train");
      job.setDefinition(new CpsFlowDefinition("def out = resumableTrain(manifest: '" + PluginFixture.MANIFEST + "', "
          + fixture.commonArguments() + ")\necho \"job=${out.trainingJobName}\"", true));
      WorkflowRun run = job.scheduleBuild2(0).waitForStart();
      r.waitForMessage("created training job", run);
      // The session ends here: Jenkins shuts down with the step between two polls.
    });
    sessions.then(r -> {
      WorkflowRun run = r.jenkins.getItemByFullName("train", WorkflowJob.class).getLastBuild();

      r.assertBuildStatusSuccess(r.waitForCompletion(run));
      r.assertLogContains("resuming after a restart", run);
      r.assertLogContains("job=churn-prod-", run);
      try (SageMakerClient sageMaker = fixture.sageMaker()) {
        assertThat(sageMaker.listTrainingJobs(l -> l.nameContains("churn-prod")).trainingJobSummaries()).hasSize(1);
      }
    });
  }

  /** The adapter's test operation behind a step, so the restart is shown before the five are wired. */
  public static final class ResumableTrainStep extends OperationStep {
    @DataBoundConstructor
    public ResumableTrainStep(String manifest) {
      super(manifest);
    }

    @Override
    protected String functionName() {
      return "resumableTrain";
    }

    @Override
    protected OperationFactory factory() {
      return new ManifestTraining.Factory();
    }

    @TestExtension
    public static final class DescriptorImpl extends AwsStepDescriptor {
      @Override
      public String getFunctionName() {
        return "resumableTrain";
      }
    }
  }
}
