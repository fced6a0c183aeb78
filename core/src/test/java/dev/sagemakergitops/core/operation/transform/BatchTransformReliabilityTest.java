package dev.sagemakergitops.core.operation.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch transform survives a process that dies after any of its AWS calls, and a flaky AWS:
 * it ends as an undisturbed run does, with one job and one output.
 *
 * <p>Every kill point gets a fresh world, brought by {@link AbandonEveryCall} to where the dead run
 * left it by replaying the uninterrupted run's recorded AWS inputs up to that call (every answer
 * checked); see its documentation for why that is what a dead run leaves, and what it costs.
 */
@IntegrationPhase
class BatchTransformReliabilityTest {
  @TempDir Path dir;

  @Test
  void run_whenTheProcessDiesAfterAnyAwsCall_resumesOrRestartsToTheSameEndWithoutATwin() throws InterruptedException {
    AbandonEveryCall.Report<BatchTransformReport> report = AbandonEveryCall.of(
        n -> new TransformWorld(AbandonEveryCall.freshFolder(dir.resolve("world")), ChurnManifest.standard(), true),
        // Not created: a run restarted after the first attempt made the model or the job finds them by
        // name, and says it reused them.
        BatchTransformOperation::new, result -> Arrays.asList(result.transformName(), result.jobName(), result.jobArn(),
            result.modelName(), result.runKey(), result.inputS3Uri(), result.outputS3Uri(), result.creationTime(),
            result.startTime(), result.endTime()),
        (world, result) -> {
          assertThat(world.resources().toString()).containsOnlyOnce("job ");
          assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
        }).run();

    assertThat(report.resources().toString()).contains("output c-1,");
    // Package reads, the model, the job, and its polls until it completes.
    assertThat(report.calls()).isBetween(8, 40);
  }

  @Test
  void run_whenAfifthOfAllCallsAreThrottledOrFail_stillWritesTheOutputOnce() throws Exception {
    try (TransformWorld world = new TransformWorld(dir.resolve("flaky"), ChurnManifest.standard(), true)) {
      world.aws.injectFaults(0.2);
      AwsClients clients = world.aws.clients();

      Step<BatchTransformState, BatchTransformReport> step = world.aws.runner(clients).run(
          new BatchTransformOperation(world.aws.context(clients)), world.request,
          new FileStateStore(dir.resolve("state")), "transform");

      assertThat(step).isInstanceOf(Step.Succeeded.class);
      world.aws.local().faults().clear();
      assertThat(world.resources().toString()).containsOnlyOnce("job ");
      assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
      assertThat(world.fixture.sageMaker().listModels(r -> { }).models()).hasSize(1);
    }
  }
}
