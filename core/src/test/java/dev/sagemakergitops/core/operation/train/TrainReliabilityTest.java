package dev.sagemakergitops.core.operation.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.core.operation.support.AttemptCounter;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.support.MemoryStateStore;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * Issue point 6 for training: a process that dies after any AWS call, and throttling and 5xx. Each
 * kill point's world is brought to where the dead run left it by a replay of the uninterrupted
 * run's AWS inputs ({@link AbandonEveryCall}).
 */
@IntegrationPhase
class TrainReliabilityTest {

  @TempDir Path directory;

  /** A fresh local AWS with the churn model's image and data, and its manifest committed and resolved. */
  private final class ChurnWorld implements AbandonEveryCall.World<TrainRequest> {
    private final ManifestWorld world;
    private final TrainRequest request;

    ChurnWorld(int number) {
      world = ManifestWorld.create(AbandonEveryCall.freshFolder(directory.resolve(number == 0 ? "world-flaky" : "world")));
      ChurnManifest.prepare(world.aws());
      String commit = world.commit(ChurnManifest.PATH, ChurnManifest.text(), "Add churn");
      request = new TrainRequest(world.resolve(commit, ChurnManifest.PATH));
    }

    @Override
    public LocalAws aws() {
      return world.aws();
    }

    @Override
    public TrainRequest request() {
      return request;
    }

    /** Polls every minute instead of every 8 seconds: the same distinct calls, a fifth as many worlds to build. */
    @Override
    public OperationContext context(AwsClients clients) {
      return world.aws().context(clients).withPolling(new PollingPolicy(Duration.ofMinutes(1), Duration.ofSeconds(1),
          Duration.ofMinutes(5), Duration.ofMinutes(3), 0, Duration.ofMinutes(2)));
    }

    @Override
    public void close() {
      world.close();
    }
  }

  private static List<TrainingJobSummary> trainingJobs(LocalAws aws) {
    return aws.clients().sageMaker().listTrainingJobsPaginator(r -> r.maxResults(100)).trainingJobSummaries()
        .stream().toList();
  }

  @Test
  void run_whenTheProcessDiesAfterAnyAwsCall_resumesOrRestartsToTheSameJobWithoutATwin() throws InterruptedException {
    AbandonEveryCall.Report<TrainResult> report = AbandonEveryCall.of(ChurnWorld::new, TrainOperation::new,
        result -> List.of(result.jobName(), result.jobArn(), result.modelArtifactUri(), result.trainingImage(),
            result.imageDigest(),
            result.finalMetrics()),
        (world, result) -> assertThat(trainingJobs(world.aws())).singleElement().satisfies(job -> {
          assertThat(job.trainingJobName()).isEqualTo(result.jobName());
          assertThat(job.trainingJobStatusAsString()).isEqualTo("Completed");
        })).run();

    assertThat(report.calls()).isGreaterThan(2);
  }

  @Test
  void run_whenAFifthOfCallsAreThrottledOrFail_trainsOnceAndSucceeds() throws InterruptedException {
    try (ChurnWorld world = new ChurnWorld(0)) {
      world.aws().injectFaults(0.2);
      AttemptCounter attempts = new AttemptCounter();
      AwsClients clients = world.aws().clients(List.of(attempts));

      Step<TrainState, TrainResult> step = world.aws().runner(clients)
          .run(new TrainOperation(world.aws().context(clients)), world.request(), new MemoryStateStore(), "train");

      assertThat(step).isInstanceOf(Step.Succeeded.class);
      world.aws().local().faults().clear();
      assertThat(trainingJobs(world.aws())).singleElement()
          .satisfies(job -> assertThat(job.trainingJobStatusAsString()).isEqualTo("Completed"));
      assertThat(attempts.attempts()).as("HTTP attempts, retries included").isGreaterThan(attempts.calls());
    }
  }
}
