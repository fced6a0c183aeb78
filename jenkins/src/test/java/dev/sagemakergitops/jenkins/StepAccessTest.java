package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.HttpProxy;
import dev.sagemakergitops.local.fault.CallFault;
import hudson.AbortException;
import hudson.FilePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * What a step may reach, under what the administrator allows: the build's workspace and nothing
 * above or beside it, AWS through the build's own credentials, endpoints on the allow-list; and
 * what it says when the build's session credentials expire under it. Every refusal comes before any
 * AWS call.
 */
class StepAccessTest {
  /** A controller as installed: nothing beyond the build's means, and the local control plane's host allowed. */
  private static final AdminPolicy DEFAULT = new AdminPolicy(false, false, List.of("127.0.0.1"));

  @TempDir Path directory;

  private LocalSetup setup;
  private Path clone;

  @BeforeEach
  void start() throws GitAPIException {
    setup = new LocalSetup(directory);
    // The workspace as `checkout scm` leaves it: a clone of the repository, at the build's commit.
    clone = setup.workspace;
    try (Git git = Git.cloneRepository().setURI(setup.git.directory().toUri().toString())
        .setDirectory(clone.toFile()).call()) {
      // cloned
    }
  }

  @AfterEach
  void stop() {
    setup.close();
  }

  @Test
  void start_inTheWorkspaceClone_trainsUnderTheDefaultPolicy() {
    StepRun run = start(inWorkspace(), setup.buildEnvironment(), DEFAULT);

    assertThat(run.result()).containsEntry("outcome", "succeeded");
  }

  @Test
  void repository_absolute_isRefusedBeforeAnyAwsCall() {
    SageMakerTrainStep step = inWorkspace();
    step.setRepository(setup.git.directory().toString());

    StepRun run = start(step, setup.buildEnvironment(), DEFAULT);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessage("sagemakerTrain: repository: '" + setup.git.directory() + "' is outside the build's workspace;"
            + " give a folder inside the workspace (relative, without '..'), for example repository: 'manifests'."
            + " Repositories elsewhere on the controller are off unless an administrator allows them in Manage"
            + " Jenkins > System > SageMaker GitOps");
    assertNothingTrained();
  }

  @Test
  void repository_climbingOutOfTheWorkspace_isRefused() {
    SageMakerTrainStep step = inWorkspace();
    step.setRepository("../repository");

    StepRun run = start(step, setup.buildEnvironment(), DEFAULT);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain: repository: '../repository' is outside the build's workspace;");
    assertNothingTrained();
  }

  @Test
  void repository_throughALinkOutOfTheWorkspace_isRefused() throws IOException {
    Files.createSymbolicLink(clone.resolve("elsewhere"), setup.git.directory());
    SageMakerTrainStep step = inWorkspace();
    step.setRepository("elsewhere");

    StepRun run = start(step, setup.buildEnvironment(), DEFAULT);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("is outside the build's workspace;");
    assertNothingTrained();
  }

  @Test
  void workspace_thatIsNoClone_isNotReadFromTheRepositoryAboveIt() throws IOException {
    // A workspace inside another repository's folder: Git would walk up to that repository.
    Path nested = Files.createDirectories(setup.git.directory().resolve("builds/ws"));
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);

    StepRun run = StepRun.start(step, new RecordingStepContext(setup.buildEnvironment(), new FilePath(nested.toFile())),
        setup.ticks, DEFAULT);
    setup.ticks.runAll();

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessage("sagemakerTrain: the workspace " + nested + " is not a Git clone (it has no .git); check out there"
            + " first (checkout scm), or pass repository: 'the clone's folder in the workspace'");
    assertNothingTrained();
  }

  @Test
  void credentials_noneGiven_doNotFallBackToTheControllersIdentity() {
    Map<String, String> environment = new HashMap<>(setup.buildEnvironment());
    environment.remove("AWS_ACCESS_KEY_ID");
    environment.remove("AWS_SECRET_ACCESS_KEY");

    StepRun run = start(inWorkspace(), environment, DEFAULT);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain has no AWS credentials: pass credentialsId: 'id of AWS Credentials in"
            + " Jenkins', or wrap it in withCredentials([aws(...)]) or withAWS.");
    assertNothingTrained();
  }

  @Test
  void endpointUrl_notOnTheAllowList_isRefusedBeforeAnyRequest() {
    StepRun run = start(inWorkspace(), setup.buildEnvironment(), new AdminPolicy(false, false, List.of("localhost")));

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain: the endpoint " + setup.local.endpoint() + " (endpointUrl, or the"
            + " build's AWS_ENDPOINT_URL) is not one an administrator allows;");
    assertNothingTrained();
  }

  @Test
  void sessionCredentialsFromTheEnvironment_thatExpireWhileTraining_failSayingWhyAndWhatToUse() {
    Map<String, String> environment = new HashMap<>(setup.buildEnvironment());
    environment.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLEsessionToken");
    StepRun run = StepRun.start(inWorkspace(), new RecordingStepContext(environment, new FilePath(clone.toFile())),
        setup.ticks, DEFAULT);
    setup.ticks.runNext();
    setup.ticks.runNext();

    // An hour later the session is over: AWS refuses every call signed with it.
    setup.local.faults().add(new CallFault(CallFault.Kind.EXPIRED_TOKEN, "*", "*", 1.0, -1));
    setup.ticks.runAll();

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain: the AWS session credentials from the build's environment"
            + " (AWS_SESSION_TOKEN) have expired.")
        .hasMessageContaining("Pass credentialsId: 'the id of AWS Credentials in Jenkins' instead");
    setup.local.faults().clear();
    assertThat(setup.sageMaker().listTrainingJobs(r -> {}).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobStatusAsString).containsExactly("InProgress");
  }

  @Test
  void jenkinsProxySettings_carryEveryAwsCallOfTheStep() {
    try (ForwardingProxy proxy = new ForwardingProxy()) {
      AdminPolicy withProxy = DEFAULT.withProxy(new HttpProxy(proxy.endpoint(), null, null, Set.of()));

      StepRun run = start(inWorkspace(), setup.buildEnvironment(), withProxy);

      assertThat(run.result()).containsEntry("outcome", "succeeded");
      assertThat(proxy.forwarded()).as("requests through the proxy").isGreaterThan(3);
    }
  }

  /** sagemakerTrain as a Jenkinsfile calls it inside node { } after the checkout: no repository argument. */
  private SageMakerTrainStep inWorkspace() {
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);
    return step;
  }

  private StepRun start(SageMakerTrainStep step, Map<String, String> environment, AdminPolicy policy) {
    StepRun run = StepRun.start(step, new RecordingStepContext(environment, new FilePath(clone.toFile())), setup.ticks,
        policy);
    setup.ticks.runAll();
    return run;
  }

  private void assertNothingTrained() {
    assertThat(setup.sageMaker().listTrainingJobs(r -> {}).trainingJobSummaries()).isEmpty();
  }
}
