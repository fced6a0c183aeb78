package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

class OperationStepExecutionTest {
  @TempDir Path repository;

  private LocalSetup setup;
  private ManualTicks ticks;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    setup = new LocalSetup(repository);
    ticks = new ManualTicks(setup.local);
    sageMaker = setup.sageMaker();
  }

  @AfterEach
  void stop() {
    sageMaker.close();
    setup.close();
  }

  @Test
  void start_returnsAtOnce_andTicksRunTheOperationToAPlainResult() {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    OperationStepExecution execution = execution(context, LocalSetup.MANIFEST);

    boolean done = execution.start();

    assertThat(done).isFalse();
    assertThat(ticks.pending()).isEqualTo(1);
    assertThat(context.log()).isEmpty();

    ticks.runAll();

    assertThat(context.failure()).isNull();
    assertThat(context.completions()).isEqualTo(1);
    assertThat(context.result()).isInstanceOf(java.util.LinkedHashMap.class);
    String job = "churn-prod-" + setup.commit.substring(0, 8);
    assertThat(result(context)).containsExactly(
        Map.entry("trainingJobName", job),
        Map.entry("modelArtifactUri", "s3://ml-artifacts/churn/" + job + "/output/model.tar.gz"),
        Map.entry("commit", setup.commit));
    assertThat(context.log()).startsWith("sagemakerTrain: AWS credentials from the build's AWS_ACCESS_KEY_ID\n")
        .contains("sagemakerTrain begun (phase Pending)", "created training job " + job, "Completed - Completed");
    assertThat(context.saves()).isGreaterThan(2);
    assertThat(execution.getStatus()).startsWith("sagemakerTrain: Completed").endsWith(", ended");
    assertThat(ticks.pending()).isZero();
  }

  @Test
  void onResume_afterARestartMidPoll_rearmsPollingFromThePersistedStateWithoutASecondJob() throws Exception {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    OperationStepExecution before = execution(context, LocalSetup.MANIFEST);
    before.start();
    ticks.runNext();
    ticks.runNext();
    ticks.runNext();
    assertThat(sageMaker.listTrainingJobs(r -> {}).trainingJobSummaries()).hasSize(1);

    // The controller stops: what survives is the serialized execution; its scheduled tick is gone.
    byte[] persisted = serialize(before);
    OperationStepExecution after = (OperationStepExecution) deserialize(persisted);
    ManualTicks restarted = new ManualTicks(setup.local);
    after.runOn(restarted);

    assertThat(after.getStatus()).isEqualTo("sagemakerTrain: resuming from its saved state");
    after.onResume();
    assertThat(restarted.pending()).isEqualTo(1);
    restarted.runAll();

    assertThat(context.failure()).isNull();
    assertThat(context.completions()).isEqualTo(1);
    assertThat(result(context)).containsEntry("trainingJobName", "churn-prod-" + setup.commit.substring(0, 8));
    assertThat(sageMaker.listTrainingJobs(r -> {}).trainingJobSummaries()).extracting(TrainingJobSummary::trainingJobStatusAsString)
        .containsExactly("Completed");
    assertThat(context.log()).contains("; resuming after a restart", "sagemakerTrain resumed from its saved state (phase ");
  }

  @Test
  void persistedExecutionAndLog_neverHoldTheCredentials() throws Exception {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    OperationStepExecution execution = execution(context, LocalSetup.MANIFEST);
    execution.start();
    ticks.runNext();
    ticks.runNext();

    String persisted = new String(serialize(execution), StandardCharsets.ISO_8859_1);
    ticks.runAll();

    assertThat(execution.savedState()).contains("churn-prod-");
    assertThat(persisted).contains(execution.savedState().substring(0, 40)).contains("sagemakerTrain")
        .doesNotContain(LocalSetup.SECRET_KEY).doesNotContain(LocalSetup.ACCESS_KEY);
    assertThat(context.log() + context.result() + execution.getStatus() + execution.savedState())
        .doesNotContain(LocalSetup.SECRET_KEY).doesNotContain(LocalSetup.ACCESS_KEY);
  }

  @Test
  void stop_whilePolling_stopsTheTrainingJobAndFailsWithTheCause() {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    OperationStepExecution execution = execution(context, LocalSetup.MANIFEST);
    execution.start();
    ticks.runNext();
    ticks.runNext();
    InterruptedException abort = new InterruptedException("Aborted by alice");

    execution.stop(abort);
    ticks.runAll();

    assertThat(context.failure()).isSameAs(abort);
    assertThat(context.completions()).isEqualTo(1);
    assertThat(context.log()).contains("sagemakerTrain stopped (Aborted by alice): cancellation requested, phase Stopping");
    assertThat(execution.savedState()).contains("\"phase\" : \"Stopping\"");
    assertThat(sageMaker.listTrainingJobs(r -> {}).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobStatusAsString).containsAnyOf("Stopping", "Stopped");
  }

  @Test
  void start_withAManifestWithoutTraining_failsNamingTheFileAndChangesNothing() {
    setup.git.file("models/churn/serving.yaml", LocalSetup.TRAINING_MANIFEST.replaceAll("(?s)  training:.*", ""))
        .commit("Serving only");
    RecordingStepContext context = new RecordingStepContext(Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"),
        null);
    OperationStepExecution execution = execution(context, "models/churn/serving.yaml");

    execution.start();
    ticks.runAll();

    assertThat(context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain cannot run:\nmodels/churn/serving.yaml:")
        .hasMessageContaining("spec.training: sagemakerTrain needs a training section");
    assertThat(sageMaker.listTrainingJobs(r -> {}).trainingJobSummaries()).isEmpty();
  }

  @Test
  void start_withoutRepositoryOutsideNode_failsSayingWhatToPass() {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);
    OperationStepExecution execution = execution(context, step);

    execution.start();
    ticks.runAll();

    assertThat(context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain needs the Git repository that holds the manifests: pass repository:");
  }

  @Test
  void start_ofAStepWhoseOperationIsNotWired_failsAtOnceWithAClearMessage() throws Exception {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(), null);
    OperationStepExecution execution = (OperationStepExecution) setup.configure(new SafeDeployStep(LocalSetup.MANIFEST))
        .start(context);
    execution.runOn(ticks);

    execution.start();
    ticks.runAll();

    assertThat(context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("safeDeploy: safeDeploy is not available in this build of sagemaker-gitops");
  }

  private OperationStepExecution execution(RecordingStepContext context, String manifest) {
    return execution(context, setup.configure(new SageMakerTrainStep(manifest)));
  }

  private OperationStepExecution execution(RecordingStepContext context, SageMakerTrainStep step) {
    OperationStepExecution execution = new OperationStepExecution(context, new ManifestTraining.Factory(),
        new StepSettings(SageMakerTrainStep.FUNCTION, step.getManifest(), step.getRef(), step, Map.of()));
    execution.runOn(ticks);
    return execution;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(RecordingStepContext context) {
    return (Map<String, Object>) context.result();
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
