package dev.sagemakergitops.core.operation.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow test survives a process that dies after any of its AWS calls, and a flaky AWS: it
 * ends as an undisturbed run does, and never creates a second experiment or model.
 *
 * <p>Every kill point gets a fresh world, brought by {@link AbandonEveryCall} to where the dead run
 * left it by replaying the uninterrupted run's recorded AWS inputs up to that call (every answer
 * checked); see its documentation for why that is what a dead run leaves, and what it costs.
 */
@IntegrationPhase
class ShadowTestReliabilityTest {
  private static final int TRAFFIC_PER_MINUTE = 2;

  @TempDir Path dir;

  @Test
  void run_whenTheProcessDiesAfterAnyAwsCall_resumesOrRestartsToTheSameEndWithoutATwin() throws InterruptedException {
    AbandonEveryCall.Report<ShadowTestReport> report = AbandonEveryCall.of(
        n -> new ShadowWorld(AbandonEveryCall.freshFolder(dir.resolve("world")), ChurnManifest.standard(), TRAFFIC_PER_MINUTE),
        // Not created: a run restarted after the first attempt made the model or the experiment finds
        // them by name, and says it reused them.
        ShadowTestOperation::new, result -> Arrays.asList(result.endpointName(), result.experimentName(),
            result.experimentArn(), result.productionVariant(), result.productionModel(), result.shadowVariant(),
            result.shadowModel(), result.verdict(), result.comparison(), result.action()),
        (world, result) -> assertThat(world.resources().toString()).containsOnlyOnce("experiment ")).run();

    assertThat(report.expected().action()).isEqualTo("Promote");
    // Pre-flight reads, model, experiment, polls while it provisions and runs, metrics, stop, settle,
    // and the promotion's safe deploy (65 since it also weighs an in-place change and variant models).
    assertThat(report.calls()).isBetween(20, 75);
    assertThat(report.resources().toString()).contains("serving package version 2");
  }

  @Test
  void run_whenAfifthOfAllCallsAreThrottledOrFail_stillPromotesOnceAndCreatesNothingTwice() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("flaky"), ChurnManifest.standard(), TRAFFIC_PER_MINUTE)) {
      world.aws.injectFaults(0.2);
      OperationContext context = world.aws.context(world.aws.clients());

      Step<ShadowTestState, ShadowTestReport> step = new OperationRunner(context, world.traffic, e -> { })
          .run(new ShadowTestOperation(context), world.request, new FileStateStore(dir.resolve("state")), "shadow");

      assertThat(step).isInstanceOf(Step.Succeeded.class);
      assertThat(((Step.Succeeded<ShadowTestState, ShadowTestReport>) step).result().action()).isEqualTo("Promote");
      world.aws.local().faults().clear();
      assertThat(world.resources().toString()).containsOnlyOnce("experiment ").contains("serving package version 2");
      assertThat(world.fixture.sageMaker().listModels(r -> r.maxResults(100)).models()).hasSize(2);
    }
  }
}
