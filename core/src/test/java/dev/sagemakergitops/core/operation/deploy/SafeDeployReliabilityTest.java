package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * A deploy survives the death of its process after any single AWS call (resumed from its saved
 * state, or run again from scratch), and 20 % of calls failing with throttling or a 5xx: the same
 * final state each time, no model or configuration twice, the endpoint whole.
 */
class SafeDeployReliabilityTest {
  private static final DeployWorld.Manifest V2 = DeployWorld.Manifest.v(2).withDeployment(
      "      strategy: canary\n      canarySize: 1\n      bake: 2m\n      rollbackAlarms: [" + DeployWorld.ALARM + "]\n")
      .withEndpointExtra("    autoscaling: {minCapacity: 2, maxCapacity: 6, maxRps: 10}\n");

  @TempDir Path dir;

  /** v1 deployed, v2 committed; the operation deploys v2 (an update, with autoscaling). */
  private final class UpdateScenario implements AbandonEachCall.Scenario<Prepared, DeployRequest, DeployState,
      DeployResult> {
    private int worlds;

    @Override
    public Prepared world() {
      DeployWorld world = new DeployWorld(dir.resolve("repo-" + worlds++));
      world.register(2);
      try {
        assertThat(world.deploy(DeployWorld.Manifest.v(1))).isInstanceOf(Step.Succeeded.class);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      world.commit(V2, "v2");
      return new Prepared(world, world.head());
    }

    @Override
    public LocalAws aws(Prepared world) {
      return world.world().aws;
    }

    @Override
    public Operation<DeployRequest, DeployState, DeployResult> operation(OperationContext context) {
      return new SafeDeployOperation(context);
    }

    @Override
    public DeployRequest request(Prepared world) {
      return DeployRequest.of(world.v2());
    }

    @Override
    public void check(Prepared prepared, Step<DeployState, DeployResult> end, int call) {
      DeployWorld world = prepared.world();
      assertThat(end).as("after call %d: %s", call, end instanceof Step.Failed<?, ?> f ? f.failure() : end)
          .isInstanceOf(Step.Succeeded.class);
      DeployResult result = ((Step.Succeeded<DeployState, DeployResult>) end).result();
      assertWhole(world, result, call);
    }
  }

  private record Prepared(DeployWorld world, ResolvedManifest v2) implements AutoCloseable {
    @Override
    public void close() {
      world.close();
    }
  }

  private static void assertWhole(DeployWorld world, DeployResult result, int call) {
    assertThat(world.endpoint().endpointStatus()).as("after call %d", call).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(world.endpoint().endpointConfigName()).as("after call %d", call).isEqualTo(result.endpointConfigName());
    assertThat(world.modelNames()).as("models after call %d", call).hasSize(2).contains(result.modelName());
    assertThat(world.configNames()).as("configurations after call %d", call).hasSize(2)
        .contains(result.endpointConfigName());
    assertThat(world.endpointTags()).as("tags after call %d", call)
        .containsEntry(SafeDeployOperation.CONFIG_TAG, result.endpointConfigName())
        .containsEntry("sagemaker-gitops:manifest-blob", world.head().origin().manifestBlobId());
    assertThat(world.clients.applicationAutoScaling(LocalAws.REGION)
        .describeScalableTargets(r -> r.serviceNamespace("sagemaker")).scalableTargets())
        .as("autoscaling after call %d", call).hasSize(1);
  }

  @Test
  void deploy_whenAbandonedAfterAnyCall_resumesFromSavedStateToTheSameEnd() throws Exception {
    int calls = AbandonEachCall.run(new UpdateScenario(), AbandonEachCall.Recovery.RESUME_SAVED_STATE,
        dir.resolve("state"), 200);

    assertThat(calls).isGreaterThan(15);
  }

  @Test
  void deploy_whenAbandonedAfterAnyCall_rerunFromScratchReachesTheSameEnd() throws Exception {
    int calls = AbandonEachCall.run(new UpdateScenario(), AbandonEachCall.Recovery.RERUN_FROM_SCRATCH,
        dir.resolve("state"), 200);

    assertThat(calls).isGreaterThan(15);
  }

  @Test
  void deploy_whenAFifthOfCallsAreThrottledOrFail_succeedsWithNothingDuplicated() throws Exception {
    try (Prepared prepared = new UpdateScenario().world()) {
      DeployWorld world = prepared.world();
      world.aws.injectFaults(0.2);

      Step<DeployState, DeployResult> end = world.deploy(DeployRequest.of(prepared.v2()));

      world.aws.local().faults().clear();
      assertThat(end).as("%s", end instanceof Step.Failed<?, ?> f ? f.failure() : end).isInstanceOf(Step.Succeeded.class);
      assertWhole(world, ((Step.Succeeded<DeployState, DeployResult>) end).result(), 0);
    }
  }

  @Test
  void deploy_whenAFifthOfCallsFailDuringCreation_succeedsWithNothingDuplicated() throws Exception {
    try (DeployWorld world = new DeployWorld(dir.resolve("create"))) {
      world.register(1);
      world.commit(DeployWorld.Manifest.v(1), "v1");
      ResolvedManifest v1 = world.head();
      world.aws.injectFaults(0.2);

      Step<DeployState, DeployResult> end = world.deploy(DeployRequest.of(v1));

      world.aws.local().faults().clear();
      assertThat(end).as("%s", end instanceof Step.Failed<?, ?> f ? f.failure() : end).isInstanceOf(Step.Succeeded.class);
      assertThat(world.modelNames()).hasSize(1);
      assertThat(world.configNames()).hasSize(1);
      assertThat(world.aws.calls().count("CreateEndpoint")).isGreaterThanOrEqualTo(1);
      assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }
  }
}
