package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A controller restart while {@code safeDeploy} polls a launching endpoint: the step's small state
 * and its record so far are persisted with the Pipeline program, {@code onResume} re-arms polling,
 * credentials are resolved again, and the run finishes with the one endpoint configuration it made.
 * Runs with {@code mvn -Pjenkins verify}.
 */
class RestartTest {
  @RegisterExtension static final BuildWatcherExtension BUILDS = new BuildWatcherExtension();
  @RegisterExtension final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

  private static PluginFixture fixture;

  @BeforeAll
  static void startAws() throws java.io.IOException {
    fixture = new PluginFixture();
    fixture.speedUpSteps();
  }

  @AfterAll
  static void stopAws() {
    fixture.close();
  }

  @Test
  void restart_whileSafeDeployPolls_resumesAndFinishesWithOneEndpointConfig() throws Throwable {
    sessions.then(r -> {
      PluginFixture.addCredentials();
      PluginFixture.allowLocalAws();
      WorkflowJob register = r.createProject(WorkflowJob.class, "register");
      register.setDefinition(new CpsFlowDefinition("registerModel(manifest: '%2$s', modelArtifactUri: '%3$s', %1$s)"
          .formatted(fixture.commonArguments(), PluginFixture.MANIFEST, PluginFixture.ARTIFACT), true));
      r.buildAndAssertSuccess(register);
      // AWS held from here: the endpoint stays Creating until session 2, so the step is certainly mid-wait when
      // Jenkins shuts down, however slow this machine is.
      fixture.hold();
      WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
      job.setDefinition(new CpsFlowDefinition("""
          def out = safeDeploy(manifest: '%2$s', %1$s)
          echo "deployed=${out.endpointConfigName} change=${out.change} record=${out.recordPath}"
          """.formatted(fixture.commonArguments(), PluginFixture.MANIFEST), true));
      WorkflowRun run = job.scheduleBuild2(0).waitForStart();
      r.waitForMessage("creating endpoint churn-prod", run);
      // The session ends here: Jenkins shuts down with the step between two polls of the endpoint.
    });
    sessions.then(r -> {
      WorkflowRun run = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getLastBuild();
      assertThat(run.isBuilding()).as("the build waits across the restart").isTrue();
      fixture.release();

      r.assertBuildStatusSuccess(r.waitForCompletion(run));
      r.assertLogContains("resuming after a restart", run);
      r.assertLogContains("change=CREATED record=" + run.getRootDir().toPath().resolve("sagemaker-gitops-records"), run);
      try (SageMakerClient sageMaker = fixture.sageMaker()) {
        assertThat(sageMaker.listEndpointConfigs(l -> l.nameContains("churn-prod")).endpointConfigs()).hasSize(1);
        assertThat(sageMaker.describeEndpoint(d -> d.endpointName("churn-prod")).endpointStatusAsString())
            .isEqualTo("InService");
      }
    });
  }
}
