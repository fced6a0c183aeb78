package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.StateCodec;
import dev.sagemakergitops.core.operation.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy state saved by the version before the state was grouped (one flat object of 24 fields,
 * {@code src/test/resources/state/safe-deploy-baking-v1.json}, written by that version while the
 * canary of v2 baked in the world below) still loads, means the same, is written back unchanged, and
 * resumes to the end.
 */
class DeployStateFileTest {
  private static final Path SAVED = Path.of("src/test/resources/state/safe-deploy-baking-v1.json");

  @TempDir
  Path dir;
  private DeployWorld world;
  private final StateCodec codec = new StateCodec();

  @BeforeEach
  void setUp() {
    world = new DeployWorld(dir);
    world.register(2);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private String saved(String commit) throws Exception {
    return Files.readString(SAVED).replace("@REPOSITORY@", world.repo.directory().toString())
        .replace("@COMMIT@", commit);
  }

  @Test
  void read_whenSavedByTheFlatVersion_fillsEveryGroupAndWritesTheSameText() throws Exception {
    String text = saved("59d6adaa87123b7581da69a54b2caaba3c21cece");

    DeployState state = codec.read(SafeDeployOperation.NAME, DeployState.class, text);

    assertThat(state.stage()).isEqualTo(DeployState.Stage.DEPLOYING);
    assertThat(state.request().change()).isEqualTo(EndpointChange.UPDATED);
    assertThat(state.request().previousConfig()).isEqualTo("churn-prod-6fb1cdc26bd0");
    assertThat(state.request().lastModifiedBefore()).hasToString("2026-11-02T09:04:10Z");
    assertThat(state.request().deadline()).hasToString("2026-11-02T10:59:14Z");
    assertThat(state.progress().trafficStep()).isEqualTo(1);
    assertThat(state.progress().observed()).startsWith("Updating|Baking|");
    assertThat(state.alarms().describeAt()).hasToString("2026-11-02T09:13:18Z");
    assertThat(state.alarms().updatedAt()).hasToString("2026-11-02T09:00:00Z");
    assertThat(state.outcome().created()).containsExactly("churn-prod-1a51406e2cd5", "churn-prod-fa491628268d");
    assertThat(state.plan().deployment().rules().trafficSteps()).isEqualTo(2);
    assertThat(codec.write(SafeDeployOperation.NAME, state)).isEqualTo(text);
  }

  @Test
  void read_whenACapturedPolicyWasSavedBeforeCustomizedMetricsWereCaptured_readsItAsAPredefinedOne()
      throws Exception {
    // A team's step policy and the tool's target tracking, as the version before customizedMetric wrote them.
    String policies = "\"captured\" : [ { \"variant\" : \"AllTraffic\", \"minCapacity\" : 2, \"maxCapacity\" : 8,"
        + " \"policies\" : [ { \"name\" : \"sagemaker-gitops-invocations\", \"type\" : \"TargetTrackingScaling\","
        + " \"targetValue\" : 1200.0, \"predefinedMetric\" : \"SageMakerVariantInvocationsPerInstance\","
        + " \"resourceLabel\" : null, \"scaleInCooldown\" : 600, \"scaleOutCooldown\" : null,"
        + " \"disableScaleIn\" : null, \"adjustmentType\" : null, \"cooldown\" : null,"
        + " \"metricAggregationType\" : null, \"minAdjustmentMagnitude\" : null, \"steps\" : [ ] } ],"
        + " \"scheduledActions\" : [ ], \"notCaptured\" : [ \"team-latency\" ] } ],";
    String text = saved("59d6adaa87123b7581da69a54b2caaba3c21cece").replace("\"captured\" : [ ],", policies);

    DeployState state = codec.read(SafeDeployOperation.NAME, DeployState.class, text);

    CapturedAutoscaling captured = state.autoscaling().captured().get(0);
    assertThat(captured.notCaptured()).containsExactly("team-latency");
    assertThat(captured.policies()).singleElement().satisfies(p -> {
      assertThat(p.predefinedMetric()).isEqualTo("SageMakerVariantInvocationsPerInstance");
      assertThat(p.customizedMetric()).isNull();
    });
  }

  @Test
  void poll_whenResumingAStateSavedByTheFlatVersion_followsTheCanaryToTheEnd() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    String commit = world.commit(DeployWorld.Manifest.v(2), "v2");
    SafeDeployOperation operation = world.operation();
    // Brings AWS where it was when the state was saved: the canary of v2 baking.
    Step<DeployState, DeployResult> baking = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.baking());
    DeployState resumed = codec.read(SafeDeployOperation.NAME, DeployState.class, saved(commit));
    assertThat(resumed).isEqualTo(baking.state());

    DeployResult result = DeployWorld.succeeded(Polls.toEnd(operation, resumed, world.aws));

    assertThat(result.change()).isEqualTo("UPDATED");
    assertThat(result.previousEndpointConfigName()).isEqualTo("churn-prod-6fb1cdc26bd0");
    assertThat(result.endpointConfigName()).isEqualTo("churn-prod-fa491628268d");
  }
}
