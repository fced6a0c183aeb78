package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A deploy while an inference experiment (a shadow test) runs on the endpoint: it waits for it, or refuses naming it. */
@IntegrationPhase
class SafeDeployExperimentTest extends DeployWorldTest {
  private static final String EXPERIMENT = "churn-shadow-by-hand";

  SafeDeployExperimentTest() {
    super(2);
  }

  @BeforeEach
  void setUp() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.startExperiment(EXPERIMENT);
    world.aws.advance(Duration.ofMinutes(10));
    world.commit(DeployWorld.Manifest.v(2), "bump to v2");
    world.aws.calls().clear();
  }

  @Test
  void deploy_whileAShadowTestRunsAndNoWait_refusesNamingTheExperimentAndLeavesTheEndpointAlone() throws Exception {
    Step<DeployState, DeployResult> step = world.deploy(DeployRequest.of(world.head()).withConflictWait(Duration.ZERO));

    assertThat(step).isInstanceOf(Step.Failed.class);
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) step).failure();
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.CONFLICT);
    assertThat(failure.message()).contains("inference experiment " + EXPERIMENT, "stop-inference-experiment");
    assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
  }

  @Test
  void deploy_whileAShadowTestRuns_waitsForItToEndWithProgressThenDeploys() throws Exception {
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())
        .withConflictWait(Duration.ofHours(3))));

    assertThat(result.change()).isEqualTo("UPDATED");
    assertThat(world.aws.events()).anyMatch(e -> e.message().contains("inference experiment " + EXPERIMENT)
        && e.message().contains("waiting for it to finish"));
    assertThat(world.sageMaker().describeInferenceExperiment(r -> r.name(EXPERIMENT)).statusAsString())
        .isIn("Completed", "Cancelled");
  }
}
