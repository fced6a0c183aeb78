package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * The steps in a real Jenkins: sandboxed Pipeline scripts (a {@code WorkflowJob} with a
 * {@code CpsFlowDefinition}) against the local control plane over HTTP, with credentials from the
 * credentials store. Each test has its own control plane and repository, so no test depends on what
 * another created or on the order they run in. Runs with {@code mvn -Pjenkins verify}, where the
 * Jenkins artifact repository is reachable.
 */
@WithJenkins
class PipelineStepsTest {
  @RegisterExtension static final BuildWatcherExtension BUILDS = new BuildWatcherExtension();

  private PluginFixture fixture;
  private JenkinsRule r;

  @BeforeEach
  void startAws(JenkinsRule rule) throws IOException {
    r = rule;
    fixture = new PluginFixture();
    fixture.speedUpSteps();
    PluginFixture.addCredentials();
    PluginFixture.allowLocalAws();
  }

  @AfterEach
  void stopAws() {
    fixture.close();
  }

  @Test
  void validateAndPlan_inTheSandbox_returnMapsScriptsRead() throws Exception {
    // The manifest names package churn/1, which online validation checks exists: register it first.
    WorkflowRun run = build("""
        registerModel(manifest: '%3$s', modelArtifactUri: '%4$s', %1$s)
        def report = sagemakerValidate(%1$s)
        echo "valid=${report.valid} manifests=${report.manifestPaths}"
        def plan = sagemakerPlan(base: '%2$s', %1$s)
        echo "models=${plan.models.size()} first=${plan.models[0].name} problems=${plan.hasProblems}"
        echo plan.markdown
        """.formatted(fixture.commonArguments(), fixture.baseCommit, PluginFixture.MANIFEST, PluginFixture.ARTIFACT));

    r.assertBuildStatusSuccess(run);
    r.assertLogContains("valid=true manifests=[" + PluginFixture.MANIFEST + "]", run);
    r.assertLogContains("models=1 first=churn-prod problems=false", run);
    assertNoSecretIn(run);
  }

  @Test
  void operationSteps_trainRegisterDeployShadowTestAndTransformTheManifest() throws Exception {
    WorkflowRun run = build("""
        def trained = sagemakerTrain(manifest: '%2$s', %1$s)
        echo "trained ${trained.trainingJobName} -> ${trained.modelArtifactUri}"
        def registered = registerModel(manifest: '%2$s', trainingJob: trained.trainingJobName, %1$s)
        echo "registered ${registered.modelPackage} ${registered.modelPackageArn} v${registered.modelPackageVersion}"
        def deployed = safeDeploy(manifest: '%2$s', %1$s)
        echo "deployed ${deployed.endpointName} on ${deployed.endpointConfigName} (${deployed.change}, ${deployed.outcome})"
        echo "record ${deployed.recordPath}"
        def shadow = shadowTest(manifest: '%2$s', %1$s)
        echo "shadow test ${shadow.verdict}"
        def transform = batchTransform(manifest: '%2$s', transform: 'nightly-scoring', runKey: 'test', %1$s)
        echo "transform ${transform.transformJobName} -> ${transform.outputUri}"
        """.formatted(fixture.commonArguments(), PluginFixture.MANIFEST));

    r.assertBuildStatusSuccess(run);
    r.assertLogContains("trained churn-prod-", run);
    r.assertLogContains("registered churn/1 arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1 v1", run);
    r.assertLogContains("deployed churn-prod on churn-prod-", run);
    r.assertLogContains("(CREATED, succeeded)", run);
    // Outside node {} the records go to the build's own folder on the controller.
    Path records = run.getRootDir().toPath().resolve("sagemaker-gitops-records");
    r.assertLogContains("record " + records, run);
    // The endpoint already serves the manifest's model: nothing to shadow-test.
    r.assertLogContains("shadow test ALREADY_SERVING", run);
    r.assertLogContains("transform churn-prod-nightly-scoring-", run);
    try (Stream<Path> files = Files.list(records)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSize(5)
          .anyMatch(name -> name.matches(".*-safeDeploy-churn-prod-[0-9a-f]{8}\\.json"));
    }
    assertNoSecretIn(run);
  }

  @Test
  void operationStep_outsideNode_holdsNoExecutorWhileItWaits_onAControllerWithoutExecutors() throws Exception {
    // As Jenkins' controller-isolation guidance asks: no builds on the built-in node.
    r.jenkins.setNumExecutors(0);
    fixture.hold();
    WorkflowJob job = job("def out = sagemakerTrain(manifest: '" + PluginFixture.MANIFEST + "', "
        + fixture.commonArguments() + ")\necho \"job=${out.trainingJobName}\"");
    WorkflowRun run = job.scheduleBuild2(0).waitForStart();
    r.waitForMessage("created training job", run);

    // AWS is held with the job InProgress: the step is certainly still waiting.
    for (Computer computer : r.jenkins.getComputers()) {
      assertThat(computer.countBusy()).as(computer.getName()).isZero();
    }
    assertThat(run.isBuilding()).isTrue();
    fixture.release();
    r.assertBuildStatusSuccess(r.waitForCompletion(run));
    r.assertLogContains("job=churn-prod-", run);
  }

  @Test
  void steps_onAnAgent_readTheWorkspaceThere_andWaitOutsideNode_withNoExecutorOnTheBuiltInNode() throws Exception {
    r.jenkins.setNumExecutors(0);
    r.createOnlineSlave(Label.get("linux"));
    String aws = "region: 'us-east-1', endpointUrl: '" + fixture.local.endpoint() + "', credentialsId: '"
        + PluginFixture.CREDENTIALS_ID + "'";
    WorkflowRun run = build("""
        node('linux') {
          sh 'git clone -q "%1$s" manifests'
          def report = sagemakerValidate(repository: 'manifests', offline: true, %2$s)
          echo "valid=${report.valid} on ${env.NODE_NAME}"
        }
        def trained = sagemakerTrain(manifest: '%3$s', %2$s)
        echo "trained ${trained.trainingJobName}"
        """.formatted(fixture.repository.toUri(), aws, PluginFixture.MANIFEST));

    r.assertBuildStatusSuccess(run);
    r.assertLogContains("valid=true on slave0", run);
    r.assertLogContains("trained churn-prod-", run);
    assertThat(run.getRootDir().toPath().resolve(WorkspaceGit.COPY).resolve(".git")).isDirectory();
  }

  @Test
  void abort_whileTheStepPolls_stopsTheTrainingJob() throws Exception {
    // AWS held: the training job stays InProgress until the abort, however slow this machine is.
    fixture.hold();
    WorkflowJob job = job("sagemakerTrain(manifest: '" + PluginFixture.MANIFEST + "', " + fixture.commonArguments()
        + ")");
    WorkflowRun run = job.scheduleBuild2(0).waitForStart();
    r.waitForMessage("created training job", run);

    run.doStop();
    fixture.release();

    r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
    r.assertLogContains("cancellation requested", run);
    try (SageMakerClient sageMaker = fixture.sageMaker()) {
      assertThat(sageMaker.listTrainingJobs(l -> l.nameContains("churn-prod")).trainingJobSummaries())
          .extracting(TrainingJobSummary::trainingJobStatusAsString).containsAnyOf("Stopping", "Stopped");
    }
  }

  @Test
  void snippetGenerator_roundTripsEveryStep() throws Exception {
    SafeDeployStep deploy = new SafeDeployStep(PluginFixture.MANIFEST);
    deploy.setCleanUp(true);
    deploy.setKeepCommits(5);
    deploy.setCredentialsId(PluginFixture.CREDENTIALS_ID);
    deploy.setRoleArn("arn:aws:iam::123456789012:role/deployer");
    RegisterModelStep register = new RegisterModelStep(PluginFixture.MANIFEST);
    register.setBumpBranch("bump/churn");
    register.setModelArtifactUri(PluginFixture.ARTIFACT);
    ShadowTestStep shadow = new ShadowTestStep(PluginFixture.MANIFEST);
    shadow.setRunKey("2");
    shadow.setExperimentRoleArn("arn:aws:iam::123456789012:role/sm-shadow");
    BatchTransformStep transform = new BatchTransformStep(PluginFixture.MANIFEST);
    transform.setTransform("nightly-scoring");
    transform.setRunKey("2026-11-02");
    PlanStep plan = new PlanStep("origin/main");
    plan.setOffline(true);
    plan.setFailOnProblems(false);
    ValidateStep validate = new ValidateStep();
    validate.setPaths("models/churn");

    for (var step : new org.jenkinsci.plugins.workflow.steps.Step[] {new SageMakerTrainStep(PluginFixture.MANIFEST),
        register, deploy, shadow, transform, plan, validate}) {
      r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }
  }

  private WorkflowRun build(String script) throws Exception {
    return job(script).scheduleBuild2(0).get();
  }

  private WorkflowJob job(String script) throws IOException {
    WorkflowJob job = r.createProject(WorkflowJob.class);
    job.setDefinition(new CpsFlowDefinition(script, true));
    return job;
  }

  /** Neither the log nor anything Jenkins wrote for the build (program.dat, build.xml) holds the keys. */
  private static void assertNoSecretIn(WorkflowRun run) throws IOException {
    assertThat(JenkinsRule.getLog(run)).doesNotContain(PluginFixture.SECRET_KEY).doesNotContain(PluginFixture.ACCESS_KEY);
    try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(content).as(file.toString()).doesNotContain(PluginFixture.SECRET_KEY);
      }
    }
  }
}
