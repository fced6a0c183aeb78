package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/** Weights and instance counts changed in place (UpdateEndpointWeightsAndCapacities), and what follows them. */
class SafeDeployInPlaceTest extends DeployWorldTest {
  private static final String AUTOSCALING =
      "    autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5, scaleInCooldown: 10m}\n";

  SafeDeployInPlaceTest() {
    super(2);
  }

  private static DeployWorld.Manifest split(int version, int a, int b) {
    return DeployWorld.Manifest.v(version).withVariants(
        "      - {name: A, instanceType: ml.m5.large, instanceCount: 2, weight: " + a + "}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 2, weight: " + b + "}\n");
  }

  private Map<String, Float> weights() {
    Map<String, Float> out = new HashMap<>();
    for (ProductionVariantSummary v : world.endpoint().productionVariants()) {
      out.put(v.variantName(), v.currentWeight());
    }
    return out;
  }

  private EndpointSyncStatus status() {
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      List<EndpointSyncStatus> all = new EndpointStatusCheck(world.context()).check(git, "HEAD", List.of(),
          new ManifestResolver(world.aws.pinner(world.clients)));
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private static OperationFailure failure(Step<DeployState, DeployResult> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<DeployState, DeployResult>) step).failure();
  }

  @Test
  void deploy_whenOnlyWeightsChange_changesThemInPlaceWithNoNewModelOrConfiguration() throws Exception {
    DeployResult first = DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    List<String> configs = world.configNames();
    world.aws.calls().clear();

    DeployResult second = DeployWorld.succeeded(world.deploy(split(1, 50, 50)));

    assertThat(world.mutatingCalls()).containsExactly("SageMaker.UpdateEndpointWeightsAndCapacities",
        "SageMaker.AddTags");
    assertThat(second.change()).isEqualTo("IN_PLACE");
    assertThat(second.endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(world.configNames()).isEqualTo(configs);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(weights()).containsEntry("A", 50f).containsEntry("B", 50f);
    IntentTag intent = IntentTag.parse(world.endpointTags().get(IntentTag.KEY)).orElseThrow();
    assertThat(intent.inPlaceOn()).isEqualTo(first.endpointConfigName());
    assertThat(intent.config()).isNotEqualTo(first.endpointConfigName());
    assertThat(status().state()).isEqualTo(SyncState.IN_SYNC);

    world.aws.calls().clear();
    DeployResult again = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));
    assertThat(world.mutatingCalls()).as("the same manifest deployed again").isEmpty();
    assertThat(again.change()).isEqualTo("UNCHANGED");
  }

  @Test
  void deploy_afterAChangeInPlace_updatesWithANewConfigurationThatStatesTheManifestWeights() throws Exception {
    DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    DeployWorld.succeeded(world.deploy(split(1, 50, 50)));
    world.aws.calls().clear();

    DeployResult next = DeployWorld.succeeded(world.deploy(split(2, 50, 50)));

    assertThat(next.change()).isEqualTo("UPDATED");
    assertThat(world.mutatingCalls()).contains("SageMaker.CreateModel", "SageMaker.CreateEndpointConfig",
        "SageMaker.UpdateEndpoint").doesNotContain("SageMaker.UpdateEndpointWeightsAndCapacities");
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(next.endpointConfigName());
    assertThat(weights()).containsEntry("A", 50f).containsEntry("B", 50f);
    assertThat(status().state()).isEqualTo(SyncState.IN_SYNC);
  }

  @Test
  void deploy_afterAChangeInPlace_nextWeightChangeIsInPlaceToo() throws Exception {
    DeployResult first = DeployWorld.succeeded(world.deploy(split(1, 90, 10)));
    DeployWorld.succeeded(world.deploy(split(1, 50, 50)));
    world.aws.calls().clear();

    DeployResult last = DeployWorld.succeeded(world.deploy(split(1, 0, 100)));

    assertThat(last.change()).isEqualTo("IN_PLACE");
    assertThat(world.mutatingCalls()).containsExactly("SageMaker.UpdateEndpointWeightsAndCapacities",
        "SageMaker.AddTags");
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(weights()).containsEntry("A", 0f).containsEntry("B", 100f);
    assertThat(status().state()).isEqualTo(SyncState.IN_SYNC);
  }

  @Test
  void deploy_whenOneVariantCountChanges_changesItInPlace() throws Exception {
    DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    world.aws.calls().clear();

    DeployResult result = DeployWorld.succeeded(world.deploy(split(1, 80, 20).withVariants(
        "      - {name: A, instanceType: ml.m5.large, instanceCount: 3, weight: 80}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 2, weight: 20}\n")));

    assertThat(result.change()).isEqualTo("IN_PLACE");
    assertThat(world.endpoint().productionVariants()).filteredOn(v -> v.variantName().equals("A"))
        .singleElement().satisfies(v -> assertThat(v.currentInstanceCount()).isEqualTo(3));
  }

  @Test
  void deploy_whenTwoVariantCountsChange_updatesWithANewConfiguration() throws Exception {
    DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    world.aws.calls().clear();

    DeployResult result = DeployWorld.succeeded(world.deploy(split(1, 80, 20).withVariants(
        "      - {name: A, instanceType: ml.m5.large, instanceCount: 3, weight: 80}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 3, weight: 20}\n")));

    assertThat(result.change()).isEqualTo("UPDATED");
    assertThat(world.mutatingCalls()).contains("SageMaker.UpdateEndpoint");
  }

  @Test
  void deploy_whenTheInstanceTypeChanges_updatesWithANewConfiguration() throws Exception {
    DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    world.aws.calls().clear();

    DeployResult result = DeployWorld.succeeded(world.deploy(split(1, 50, 50).withVariants(
        "      - {name: A, instanceType: ml.m5.xlarge, instanceCount: 2, weight: 50}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 2, weight: 50}\n")));

    assertThat(result.change()).isEqualTo("UPDATED");
    assertThat(world.mutatingCalls()).doesNotContain("SageMaker.UpdateEndpointWeightsAndCapacities");
  }

  @Test
  void deploy_whenSageMakerRollsTheWeightChangeBack_failsRolledBackWithItsReason() throws Exception {
    DeployResult first = DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    String intentBefore = world.endpointTags().get(IntentTag.KEY);
    world.hosting().failNextCapacityChange(DeployWorld.ENDPOINT, "Insufficient capacity to scale variant B.");

    OperationFailure failure = failure(world.deploy(split(1, 50, 50)));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.failureReason()).isEqualTo("Insufficient capacity to scale variant B.");
    assertThat(failure.message()).contains("rolled back the change in place", "A weight 80", "B weight 20",
        DeployWorld.PATH);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(weights()).containsEntry("A", 80f).containsEntry("B", 20f);
    assertThat(world.endpointTags().get(IntentTag.KEY)).as("the intent of the deploy before").isEqualTo(intentBefore);
    assertThat(status().state()).isEqualTo(SyncState.OUT_OF_SYNC);
  }

  @Test
  void deploy_whenAnAutoscaledCountChanges_leavesItToTheScalingPolicyAndRegistersTheNewRange() throws Exception {
    DeployWorld.Manifest scaled = DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING);
    DeployResult first = DeployWorld.succeeded(world.deploy(scaled));
    world.aws.calls().clear();

    DeployResult result = DeployWorld.succeeded(world.deploy(scaled
        .withVariants("      - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 6}\n")
        .withEndpointExtra(AUTOSCALING.replace("maxCapacity: 8", "maxCapacity: 10"))));

    assertThat(result.change()).isEqualTo("IN_PLACE");
    assertThat(world.mutatingCalls()).doesNotContain("SageMaker.UpdateEndpointWeightsAndCapacities",
        "SageMaker.CreateEndpointConfig", "SageMaker.UpdateEndpoint")
        .contains("ApplicationAutoScaling.RegisterScalableTarget");
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(world.endpoint().productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
    List<ScalableTarget> targets = world.clients.applicationAutoScaling(LocalAws.REGION)
        .describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets();
    assertThat(targets).singleElement().satisfies(t -> assertThat(t.maxCapacity()).isEqualTo(10));
    assertThat(status().state()).isEqualTo(SyncState.IN_SYNC);
  }

  @Test
  void status_whenWeightsChangedByHandAfterAChangeInPlace_isOutOfSyncAndDeployChangesThemBack() throws Exception {
    DeployWorld.succeeded(world.deploy(split(1, 80, 20)));
    DeployWorld.succeeded(world.deploy(split(1, 50, 50)));
    world.sageMaker().updateEndpointWeightsAndCapacities(r -> r.endpointName(DeployWorld.ENDPOINT)
        .desiredWeightsAndCapacities(d -> d.variantName("A").desiredWeight(70f), d -> d.variantName("B").desiredWeight(30f)));
    world.aws.advance(java.time.Duration.ofMinutes(2));

    EndpointSyncStatus drifted = status();
    assertThat(drifted.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(drifted.reason()).contains("its weights are A 70, B 30, not A 50, B 50", "outside Git");

    world.aws.calls().clear();
    DeployResult back = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));

    assertThat(back.change()).isEqualTo("IN_PLACE");
    assertThat(world.mutatingCalls()).containsExactly("SageMaker.UpdateEndpointWeightsAndCapacities");
    assertThat(weights()).containsEntry("A", 50f).containsEntry("B", 50f);
    assertThat(status().state()).isEqualTo(SyncState.IN_SYNC);
  }
}
