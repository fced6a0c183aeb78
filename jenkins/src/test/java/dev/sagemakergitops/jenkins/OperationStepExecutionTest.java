package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.FilePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * How every operation step runs, shown with {@code sagemakerTrain}: start returns at once, ticks on
 * the scheduler drive the operation, the result is the documented map, the record is written, stop
 * cancels, and no credential is persisted, logged, returned or recorded.
 */
// Alone in its JVM while it runs: it shuts the shared StepScheduler down and opens it again, which a step test beside it would see.
@Isolated
class OperationStepExecutionTest {
  // A fresh local setup per test (JUnit makes an instance per test), closed after it.
  @AutoClose private final LocalSetup setup;

  OperationStepExecutionTest(@TempDir Path directory) {
    setup = new LocalSetup(directory);
  }

  @AfterEach
  void stop() {
    StepScheduler.open();
  }

  @Test
  void start_returnsAtOnce_andTicksTrainToItsDocumentedResultAndRecord() {
    StepRun run = setup.start(new SageMakerTrainStep(LocalSetup.MANIFEST));

    assertThat(setup.ticks.pending()).isEqualTo(1);
    assertThat(run.context.log()).isEmpty();

    setup.ticks.runAll();

    Map<String, Object> result = run.result();
    assertThat(result).isInstanceOf(java.util.LinkedHashMap.class);
    assertThat(result.keySet()).containsExactly("trainingJobName", "trainingJobArn", "modelArtifactUri",
        "trainingImage", "imageDigest", "finalMetrics", "reused", "outcome", "recordPath");
    String job = (String) result.get("trainingJobName");
    assertThat(job).matches("churn-prod-[0-9a-f]{12}");
    assertThat(result).containsEntry("modelArtifactUri", "s3://ml-artifacts/churn/" + job + "/output/model.tar.gz")
        .containsEntry("trainingJobArn", "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + job)
        .containsEntry("reused", false).containsEntry("outcome", "succeeded");
    assertThat((String) result.get("imageDigest")).startsWith("sha256:");
    assertThat(result.get("finalMetrics")).isInstanceOf(Map.class);
    Path record = Path.of((String) result.get("recordPath"));
    assertThat(record.getParent()).isEqualTo(setup.workspace.resolve("sagemaker-gitops-records"));
    assertThat(record.getFileName().toString()).matches("20261102T090000Z-sagemakerTrain-churn-prod-[0-9a-f]{8}\\.json");
    assertThat(run.record()).contains("\"operation\" : \"sagemakerTrain\"", "\"outcome\" : \"succeeded\"",
        "\"trainingJobName\" : \"" + job + "\"", "\"kind\" : \"training-job\"", "\"action\" : \"created\"",
        "\"trainingJob\" : \"" + job + "\"", "\"commit\" : \"" + setup.commit + "\"", "created training job " + job);
    assertThat(run.context.log()).startsWith("sagemakerTrain: AWS credentials from the build's AWS_ACCESS_KEY_ID\n")
        .contains("sagemakerTrain begun (phase Pending)", "created training job " + job,
            "sagemakerTrain: deployment record " + record);
    assertThat(run.context.saves()).isGreaterThan(2);
    assertThat(run.execution.getStatus()).startsWith("sagemakerTrain: Completed").endsWith(", ended");
    assertThat(setup.ticks.pending()).isZero();
  }

  @Test
  void start_again_attachesToTheCompletedJobAndSaysItIsReused() {
    Map<String, Object> first = setup.run(new SageMakerTrainStep(LocalSetup.MANIFEST)).result();

    Map<String, Object> second = setup.run(new SageMakerTrainStep(LocalSetup.MANIFEST)).result();

    assertThat(second).containsEntry("trainingJobName", first.get("trainingJobName")).containsEntry("reused", true);
    assertThat(setup.sageMaker().listTrainingJobs(r -> {}).trainingJobSummaries()).hasSize(1);
  }

  @Test
  void stop_whilePolling_stopsTheTrainingJobFailsWithTheCauseAndRecordsTheStop() {
    StepRun run = setup.start(new SageMakerTrainStep(LocalSetup.MANIFEST));
    setup.ticks.runNext();
    setup.ticks.runNext();
    InterruptedException abort = new InterruptedException("Aborted by alice");

    run.execution.stop(abort);
    setup.ticks.runAll();

    assertThat(run.context.failure()).isSameAs(abort);
    assertThat(run.context.completions()).isEqualTo(1);
    assertThat(run.context.log()).contains("sagemakerTrain stopped (Aborted by alice): cancellation requested");
    assertThat(run.execution.savedState()).contains("\"cancelRequested\" : true");
    assertThat(setup.sageMaker().listTrainingJobs(r -> {}).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobStatusAsString).containsAnyOf("Stopping", "Stopped");
    assertThat(onlyRecord()).contains("\"outcome\" : \"cancelled\"",
        "sagemakerTrain was stopped by Jenkins (Aborted by alice)");
  }

  @Test
  void persistedExecutionLogResultAndRecord_neverHoldTheCredentials() throws IOException {
    StepRun run = setup.start(new SageMakerTrainStep(LocalSetup.MANIFEST));
    setup.ticks.runNext();
    setup.ticks.runNext();

    String persisted = new String(run.persisted(), StandardCharsets.ISO_8859_1);
    setup.ticks.runAll();

    assertThat(run.execution.savedState()).contains("churn-prod-");
    assertThat(persisted).contains("sagemakerTrain", "created training job churn-prod-")
        .doesNotContain(LocalSetup.SECRET_KEY).doesNotContain(LocalSetup.ACCESS_KEY);
    assertThat(run.context.log() + run.result() + run.execution.getStatus() + run.execution.savedState()
        + run.record()).doesNotContain(LocalSetup.SECRET_KEY).doesNotContain(LocalSetup.ACCESS_KEY);
  }

  @Test
  void start_withAManifestWithoutTraining_failsNamingTheFileRecordsTheRefusalAndChangesNothing() {
    setup.git.file("models/churn/serving.yaml", LocalSetup.FULL_MANIFEST.formatted("churn/1")
        .replaceAll("(?s)  training:.*?(  registry:)", "$1")).commit("Serving only");
    setup.commit = "HEAD";

    StepRun run = setup.run(new SageMakerTrainStep("models/churn/serving.yaml"));

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain cannot run:\nmodels/churn/serving.yaml:")
        .hasMessageContaining("spec: this manifest has no 'training' section");
    assertThat(setup.sageMaker().listTrainingJobs(r -> {}).trainingJobSummaries()).isEmpty();
    assertThat(onlyRecord()).contains("\"outcome\" : \"refused\"", "\"kind\" : \"INVALID_INPUT\"",
        "models/churn/serving.yaml:");
  }

  @Test
  void start_withoutRepositoryOutsideNode_failsSayingWhatToPass() {
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);

    StepRun run = StepRun.start(step, new RecordingStepContext(setup.buildEnvironment(), null), setup.ticks);
    setup.ticks.runAll();

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("sagemakerTrain needs the Git repository that holds the manifests: call it inside node { }");
  }

  @Test
  void blocksRestart_whileATickRuns_andNotBetweenTicks() {
    List<Boolean> duringTicks = new ArrayList<>();
    OperationStepExecution[] execution = new OperationStepExecution[1];
    TickScheduler watching = new TickScheduler() {
      @Override
      public Future<?> schedule(Runnable task, Duration delay) {
        // A tick asks for the next one while it still runs: the moment to look.
        if (execution[0] != null) {
          duringTicks.add(execution[0].blocksRestart());
        }
        return setup.ticks.schedule(task, delay);
      }

      @Override
      public Clock clock() {
        return setup.ticks.clock();
      }
    };
    StepRun run = StepRun.start(setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST)),
        new RecordingStepContext(setup.buildEnvironment(), new FilePath(setup.workspace.toFile())), watching);
    execution[0] = run.execution;

    assertThat(run.execution.blocksRestart()).as("before the first tick").isFalse();
    setup.ticks.runAll();

    assertThat(run.result()).containsEntry("outcome", "succeeded");
    assertThat(duringTicks).isNotEmpty().containsOnly(true);
    assertThat(run.execution.blocksRestart()).as("after the last tick").isFalse();
  }

  @Test
  void tick_whileJenkinsShutsDown_endsNothing_andTheStepFinishesAfterTheRestart() {
    StepRun run = setup.start(new SageMakerTrainStep(LocalSetup.MANIFEST));
    setup.ticks.runNext();
    setup.ticks.runNext();

    new StepScheduler.ShutdownListener().onBeforeShutdown();
    setup.ticks.runAll();

    assertThat(run.context.completions()).isZero();
    assertThat(setup.ticks.pending()).as("ticks asked for during the shutdown").isZero();
    StepScheduler.open();
    StepRun resumed = run.restarted(setup.ticks);
    resumed.execution.onResume();
    setup.ticks.runAll();
    assertThat(resumed.result()).containsEntry("outcome", "succeeded").containsEntry("reused", false);
    assertThat(run.context.log()).contains("resuming after a restart");
  }

  @Test
  void save_onlyWhenTheStateOrTheRecordChanged() {
    StepRun run = setup.start(new SageMakerTrainStep(LocalSetup.MANIFEST));

    int ticks = setup.ticks.runAll();

    assertThat(run.result()).containsEntry("outcome", "succeeded");
    // One save when it began, then one per poll that moved the job or reported something.
    assertThat(run.context.saves()).isGreaterThanOrEqualTo(2).isLessThan(ticks / 2);
  }

  @Test
  void save_thatFails_isLoggedAndTheStepCarriesOn() {
    RecordingStepContext context = new RecordingStepContext(setup.buildEnvironment(),
        new FilePath(setup.workspace.toFile()));
    context.failSaves(new IOException("No space left on device"));

    StepRun run = StepRun.start(setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST)), context, setup.ticks);
    setup.ticks.runAll();

    assertThat(run.result()).containsEntry("outcome", "succeeded");
    assertThat(context.log()).contains("sagemakerTrain: could not save its state (java.io.IOException: No space left on"
        + " device); a restart now would repeat the last poll");
  }

  /** The one deployment record in the workspace. */
  private String onlyRecord() {
    try (Stream<Path> files = Files.list(setup.workspace.resolve(StepRuntime.RECORDS))) {
      List<Path> records = files.toList();
      assertThat(records).hasSize(1);
      return StepRun.read(records.get(0));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
