package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * A deploy survives the death of its process after any single AWS call (resumed from its saved
 * state, or run again from scratch), and 20 % of calls failing with throttling or a 5xx: the same
 * final state each time, no model or configuration twice, the endpoint whole.
 *
 * <p>Every kill point gets a fresh world, brought by {@link AbandonEveryCall} to where the dead run
 * left it by replaying the uninterrupted run's recorded AWS inputs up to that call (every answer
 * checked); see its documentation for why that is what a dead run leaves, and what it costs.
 */
@IntegrationPhase
class SafeDeployReliabilityTest {
  private static final DeployWorld.Manifest V2 = DeployWorld.Manifest.v(2).withDeployment(
      "      strategy: canary\n      canarySize: 1\n      bake: 2m\n      rollbackAlarms: [" + DeployWorld.ALARM + "]\n")
      .withEndpointExtra("    autoscaling: {minCapacity: 2, maxCapacity: 6, maxRps: 10}\n");

  @TempDir Path dir;

  /** v1 deployed, v2 committed; the operation deploys v2 (an update, with autoscaling). */
  private Prepared updateWorld(int number) {
    DeployWorld world = new DeployWorld(AbandonEveryCall.freshFolder(dir.resolve(number == 0 ? "repo-flaky" : "repo")));
    world.register(2);
    try {
      DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    world.commit(V2, "v2");
    return new Prepared(world, world.head());
  }

  private record Prepared(DeployWorld world, ResolvedManifest v2) implements AbandonEveryCall.World<DeployRequest> {
    @Override
    public LocalAws aws() {
      return world.aws;
    }

    @Override
    public DeployRequest request() {
      return DeployRequest.of(v2);
    }

    @Override
    public void close() {
      world.close();
    }
  }

  private static void assertWhole(DeployWorld world, DeployResult result) {
    assertThat(world.endpoint().endpointStatus()).as("endpoint status").isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(world.endpoint().endpointConfigName()).as("endpoint configuration")
        .isEqualTo(result.endpointConfigName());
    assertThat(world.modelNames()).as("models").hasSize(2).contains(result.modelName());
    assertThat(world.configNames()).as("configurations").hasSize(2)
        .contains(result.endpointConfigName());
    assertThat(dev.sagemakergitops.core.health.IntentTag.parse(world.endpointTags().get(SafeDeployOperation.CONFIG_TAG)))
        .map(dev.sagemakergitops.core.health.IntentTag::config).contains(result.endpointConfigName());
    assertThat(world.endpointTags()).as("tags")
        .containsKey(SafeDeployOperation.CONFIG_TAG)
        .containsEntry("sagemaker-gitops:manifest-blob", world.head().origin().manifestBlobId());
    assertThat(world.clients.applicationAutoScaling(LocalAws.REGION)
        .describeScalableTargets(r -> r.serviceNamespace("sagemaker")).scalableTargets())
        .as("autoscaling").hasSize(1);
  }

  @Test
  void deploy_whenTheProcessDiesAfterAnyAwsCall_resumesOrRestartsToTheSameEndWithoutATwin() throws Exception {
    AbandonEveryCall.Report<DeployResult> report = AbandonEveryCall.of(this::updateWorld, SafeDeployOperation::new,
        // Not change: a restart after the update took finds the endpoint as wanted, "UNCHANGED". Not
        // previousEndpointConfigName: a run that attaches to an update under way does not record it.
        result -> List.of(result.endpointArn(), result.endpointConfigName(), result.modelName(), result.imageDigest(),
            result.alarmsSeen()),
        (prepared, result) -> assertWhole(prepared.world(), result)).run();

    assertThat(report.calls()).isGreaterThan(15);
  }

  @Test
  void deploy_whenAFifthOfCallsAreThrottledOrFail_succeedsWithNothingDuplicated() throws Exception {
    try (Prepared prepared = updateWorld(0)) {
      DeployWorld world = prepared.world();
      world.aws.injectFaults(0.2);

      Step<DeployState, DeployResult> end = world.deploy(DeployRequest.of(prepared.v2()));

      world.aws.local().faults().clear();
      assertWhole(world, DeployWorld.succeeded(end));
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
      DeployWorld.succeeded(end);
      assertThat(world.modelNames()).hasSize(1);
      assertThat(world.configNames()).hasSize(1);
      assertThat(world.aws.calls().count("CreateEndpoint")).isGreaterThanOrEqualTo(1);
      assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }
  }
}
