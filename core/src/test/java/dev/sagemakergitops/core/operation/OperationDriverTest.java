package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsAccess;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationDriverTest {
  private static final String IMAGE = LocalAws.REGISTRY + "/train@sha256:" + "ab".repeat(32);
  private static final String OUTPUT = "s3://models/churn";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

  private final LocalAws aws = LocalAws.start();
  private final RecordingHost host = new RecordingHost();

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void tick_whenTheJobCompletes_endsWithTheResultAsPlainValues() {
    OperationDriver<TrainingJobWait.Request, TrainingJobWait.State, TrainingJobWait.Result> driver =
        driver(aws.clients(), request("churn-train-1"), null);

    int ticks = runToTheEnd(() -> driver);

    assertThat(host.failure).isNull();
    assertThat(host.result).containsEntry("trainingJobName", "churn-train-1")
        .containsEntry("modelArtifactUri", OUTPUT + "/churn-train-1/output/model.tar.gz")
        .containsEntry("reused", false)
        .containsKeys("endedAt", "secondaryStatuses");
    assertThat(host.result.get("endedAt")).isInstanceOf(String.class).asString().endsWith("Z");
    assertThat(host.result.get("secondaryStatuses")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class)).contains("Starting", "Training", "Completed");
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);
    assertThat(aws.calls().count("DescribeTrainingJob")).isEqualTo(ticks - 1);
    assertThat(host.log).first().asString().isEqualTo("exampleTrain begun (phase Pending)");
    assertThat(host.log).contains("exampleTrain [Launched] created training job churn-train-1",
        "exampleTrain [Training] InProgress - Training");
    assertThat(host.saved).hasSize(ticks);
    assertThat(driver.isOver()).isTrue();
    assertThat(driver.status()).startsWith("exampleTrain: Completed").endsWith(", ended");
  }

  @Test
  void tick_whenRebuiltFromTheSavedStateAfterEveryTick_finishesWithOneJob() {
    // Each tick runs in a "new process": new clients, a new driver, only the saved JSON carried over.
    Supplier<OperationDriver<?, ?, ?>> restarted = () -> driver(aws.clients(), () -> {
      throw new AssertionError("a resumed run must not resolve its request again");
    }, host.lastSaved());
    OperationDriver<?, ?, ?> first = driver(aws.clients(), request("churn-train-2"), null);
    first.tick();

    runToTheEnd(restarted);

    assertThat(host.result).containsEntry("trainingJobName", "churn-train-2").containsEntry("reused", false);
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);
    assertThat(host.log).contains("exampleTrain resumed from its saved state (phase Pending)",
        "exampleTrain resumed from its saved state (phase Training)");
  }

  @Test
  void tick_whenAPollFailsTransiently_backsOffKeepsTheStateAndSucceeds() {
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), request("churn-train-3"), null);
    driver.tick();
    String begun = host.lastSaved();
    // Three 500s in a row outlast the SDK's three attempts: the poll itself fails.
    aws.local().faults().add(new CallFault(CallFault.Kind.INTERNAL_ERROR, "sagemaker", "DescribeTrainingJob", 1, 3));
    host.takePending();

    driver.tick();

    Duration backOff = host.takePending().orElseThrow();
    PollingPolicy policy = PollingPolicy.defaults();
    assertThat(backOff).isBetween(policy.interval().dividedBy(2), policy.interval());
    assertThat(host.lastSaved()).isEqualTo(begun);
    assertThat(host.log).last().asString().startsWith("an AWS call failed (").endsWith("; trying again in " + backOff.toSeconds() + " s");
    assertThat(host.failure).isNull();

    aws.advance(backOff);
    driver.tick();
    runToTheEnd(() -> driver);

    assertThat(host.result).containsEntry("trainingJobName", "churn-train-3");
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);
  }

  @Test
  void stop_whileTheJobRuns_stopsItSavesThatAndRunsNoMoreTicks() {
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), request("churn-train-4"), null);
    driver.tick();
    aws.advance(host.takePending().orElseThrow());
    driver.tick();
    aws.advance(host.takePending().orElseThrow());
    int savedBefore = host.saved.size();

    driver.stop("aborted by alice");
    driver.tick();

    assertThat(host.saved).hasSize(savedBefore + 1);
    assertThat(host.lastSaved()).contains("\"phase\" : \"Stopping\"");
    assertThat(host.takePending()).isEmpty();
    assertThat(host.result).isNull();
    assertThat(host.failure).isNull();
    assertThat(host.log).last().asString()
        .isEqualTo("exampleTrain stopped (aborted by alice): cancellation requested, phase Stopping");
    assertThat(aws.calls().count("StopTrainingJob")).isEqualTo(1);
    String status = aws.clients().sageMaker().describeTrainingJob(r -> r.trainingJobName("churn-train-4"))
        .trainingJobStatusAsString();
    assertThat(status).isIn("Stopping", "Stopped");
    assertThat(driver.isOver()).isTrue();
  }

  @Test
  void stop_beforeTheRunBegan_cancelsNothing() {
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), request("churn-train-5"), null);

    driver.stop("aborted");

    assertThat(host.saved).isEmpty();
    assertThat(aws.calls().calls()).isEmpty();
    assertThat(host.log).containsExactly("exampleTrain stopped (aborted) before it began: nothing to cancel");
  }

  @Test
  void tick_whenTheRequestIsInvalid_failsWithTheLocatedProblemAndCallsNothing() {
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), request("churn_train!"), null);

    driver.tick();

    assertThat(host.failure).startsWith("exampleTrain cannot run:\nmodels/example.yaml:3:9: metadata.name: ");
    assertThat(host.unexpected).isNull();
    assertThat(host.saved).isEmpty();
    assertThat(aws.calls().calls()).isEmpty();
    assertThat(host.takePending()).isEmpty();
  }

  @Test
  void tick_whenTheJobFails_failsWithSageMakersReason() {
    aws.local().service(TrainingJobs.class).failJob("churn-train-6", "out of memory");
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), request("churn-train-6"), null);

    runToTheEnd(() -> driver);

    assertThat(host.result).isNull();
    assertThat(host.failure).isEqualTo("exampleTrain failed: training job churn-train-6 failed; see its logs\n"
        + "SageMaker says: AlgorithmError: out of memory");
    assertThat(host.unexpected).isNull();
  }

  @Test
  void tick_whenSomethingUnexpectedBreaks_failsWithTheException() {
    IllegalStateException defect = new IllegalStateException("the repository is gone");
    OperationDriver<?, ?, ?> driver = driver(aws.clients(), () -> {
      throw defect;
    }, null);

    driver.tick();

    assertThat(host.failure).isEqualTo("exampleTrain failed: the repository is gone");
    assertThat(host.unexpected).isSameAs(defect);
    assertThat(host.takePending()).isEmpty();
  }

  @Test
  void tick_withKeysFromTheBuildEnvironment_neverSavesLogsOrReturnsThem() {
    AwsAccess access = AwsAccess.fromEnvironment(new AwsSettings(null, null, aws.endpoint(), null, null, null),
        Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", SECRET + "TOKEN",
            "AWS_REGION", LocalAws.REGION));
    try (AwsClients clients = access.clients(List.of(aws.calls()))) {
      OperationDriver<?, ?, ?> driver = driver(clients, request("churn-train-7"), null);

      runToTheEnd(() -> driver);

      assertThat(host.result).containsEntry("trainingJobName", "churn-train-7");
      assertThat(host.everything() + driver.status() + access).doesNotContain(SECRET).doesNotContain(ACCESS_KEY);
    }
  }

  @Test
  void of_whenTheSavedStateIsAnotherOperations_refusesIt() {
    String foreign = new StateCodec().write("safeDeploy", new TrainingJobWait.State("Baking", "x", IMAGE, OUTPUT, null));

    assertThatThrownBy(() -> driver(aws.clients(), request("x"), foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the saved state is of operation 'safeDeploy', not 'exampleTrain'");
  }

  private OperationDriver<TrainingJobWait.Request, TrainingJobWait.State, TrainingJobWait.Result> driver(
      AwsClients clients, Supplier<TrainingJobWait.Request> request, String saved) {
    return OperationDriver.of(new TrainingJobWait(aws.context(clients)), aws.context(clients), host, request, saved);
  }

  private static Supplier<TrainingJobWait.Request> request(String name) {
    return () -> new TrainingJobWait.Request(name, IMAGE, OUTPUT);
  }

  /** Plays the host's scheduler on virtual time until the run ends; returns the ticks run. */
  private int runToTheEnd(Supplier<? extends OperationDriver<?, ?, ?>> driver) {
    int ticks = 0;
    if (host.saved.isEmpty()) {
      driver.get().tick();
      ticks++;
    }
    Optional<Duration> next;
    while ((next = host.takePending()).isPresent()) {
      if (ticks > 100) {
        throw new AssertionError("no end after 100 ticks: " + host.log);
      }
      aws.advance(next.get());
      driver.get().tick();
      ticks++;
    }
    return ticks;
  }
}
