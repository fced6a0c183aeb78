package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** Two deploys of one endpoint at once: the second waits (bounded) or fails clearly; the endpoint stays whole. */
class SafeDeployConcurrencyTest extends DeployWorldTest {
  SafeDeployConcurrencyTest() {
    super(3);
  }

  private SafeDeployOperation operation;
  private Step<DeployState, DeployResult> first;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(world.deploy(DeployWorld.Manifest.v(1))).isInstanceOf(Step.Succeeded.class);
    // The first deploy (v2) is under way: SageMaker is launching its fleet.
    world.commit(DeployWorld.Manifest.v(2), "v2");
    operation = world.operation();
    first = Polls.until(operation, operation.begin(DeployRequest.of(world.head())), world.aws,
        Polls.at(DeployState.Stage.DEPLOYING));
    world.commit(DeployWorld.Manifest.v(3), "v3");
  }

  @Test
  void deploy_whenAnotherDeploymentRunsAndNoWait_failsWithConflictLeavingItAlone() throws Exception {
    Step<DeployState, DeployResult> second = world.deploy(DeployRequest.of(world.head()).withConflictWait(Duration.ZERO));

    assertThat(second).isInstanceOf(Step.Failed.class);
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) second).failure();
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.CONFLICT);
    assertThat(failure.message()).contains("is Updating with endpoint configuration "
        + first.state().plan().config().name(), "another deployment", "deploy again once it is InService");
    assertThat(world.aws.calls().count("UpdateEndpoint")).as("only the first deploy updated").isEqualTo(1);

    Step<DeployState, DeployResult> end = Polls.toEnd(operation, first.state(), world.aws);
    assertThat(end).isInstanceOf(Step.Succeeded.class);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.state().plan().config().name());
  }

  @Test
  void deploy_whenAnotherDeploymentRuns_waitsForItThenDeploys() throws Exception {
    Step<DeployState, DeployResult> second = world.deploy(DeployRequest.of(world.head())
        .withConflictWait(Duration.ofHours(2)));

    assertThat(second).isInstanceOf(Step.Succeeded.class);
    String third = ((Step.Succeeded<DeployState, DeployResult>) second).result().endpointConfigName();
    assertThat(world.aws.events()).anyMatch(e -> e.message().contains("waiting for it to finish"));
    assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(third);

    // The first deploy, polled again, learns its deployment was replaced: neither success nor rollback.
    Step<DeployState, DeployResult> end = Polls.toEnd(operation, first.state(), world.aws);
    assertThat(end).isInstanceOf(Step.Failed.class);
    assertThat(((Step.Failed<DeployState, DeployResult>) end).failure().kind())
        .isEqualTo(OperationFailure.Kind.CONFLICT);
  }

  @Test
  void deploy_whenItWaitedForADeploymentOfANewerCommit_stopsSupersededInsteadOfPuttingItsOlderCommitBack()
      throws Exception {
    String newer = first.state().plan().model().lineage().commit();
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      // A run of the first commit (v1), started while the deployment of v2 (its child) is in flight.
      SafeDeployOperation older = new SafeDeployOperation(world.context(), git::descendsFrom);
      Step<DeployState, DeployResult> second = world.aws.runner(world.clients).run(older,
          DeployRequest.of(world.resolve("HEAD~2")).withConflictWait(Duration.ofHours(2)), StateStore.none(), "older");

      assertThat(second).isInstanceOf(Step.Failed.class);
      OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) second).failure();
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.CONFLICT);
      assertThat(failure.message()).startsWith("superseded by " + newer + ": ");
    }
    assertThat(world.aws.calls().count("UpdateEndpoint")).as("only the newer deploy updated").isEqualTo(1);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.state().plan().config().name());
  }
}
