package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** Autoscaling from the manifest, and the deregister / register SageMaker needs around instance-type changes. */
class SafeDeployAutoscalingTest {
  private static final String RESOURCE = "endpoint/churn-prod/variant/AllTraffic";
  private static final String AUTOSCALING =
      "    autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5, scaleInCooldown: 10m}\n";

  @TempDir Path dir;
  private DeployWorld world;

  @BeforeEach
  void setUp() {
    world = new DeployWorld(dir);
    world.register(3);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private ApplicationAutoScalingClient autoScaling() {
    return world.clients.applicationAutoScaling(LocalAws.REGION);
  }

  private List<ScalableTarget> targets() {
    return autoScaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets();
  }

  private List<ScalingPolicy> policies() {
    return autoScaling().describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalingPolicies();
  }

  @Test
  void deploy_whenManifestHasAutoscaling_registersTargetAndTargetTrackingPolicy() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));

    assertThat(targets()).singleElement().satisfies(t -> {
      assertThat(t.resourceId()).isEqualTo(RESOURCE);
      assertThat(t.scalableDimensionAsString()).isEqualTo("sagemaker:variant:DesiredInstanceCount");
      assertThat(t.minCapacity()).isEqualTo(2);
      assertThat(t.maxCapacity()).isEqualTo(8);
    });
    assertThat(policies()).singleElement().satisfies(p -> {
      assertThat(p.policyName()).isEqualTo(VariantAutoscaling.POLICY_NAME);
      var config = p.targetTrackingScalingPolicyConfiguration();
      assertThat(config.targetValue()).isEqualTo(40 * 0.5 * 60);
      assertThat(config.predefinedMetricSpecification().predefinedMetricTypeAsString())
          .isEqualTo("SageMakerVariantInvocationsPerInstance");
      assertThat(config.scaleInCooldown()).isEqualTo(600);
      assertThat(config.scaleOutCooldown()).isEqualTo(300);
    });

    world.aws.calls().clear();
    DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));
    assertThat(world.mutatingCalls()).as("a second deploy of the same manifest").isEmpty();
  }

  @Test
  void deploy_whenOnlyTheModelChanges_leavesAutoscalingAlone() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    world.aws.calls().clear();

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING)));

    assertThat(world.mutatingCalls()).noneMatch(c -> c.startsWith("ApplicationAutoScaling"));
    assertThat(targets()).hasSize(1);
  }

  @Test
  void deploy_whenInstanceTypeOfScaledVariantChanges_deregistersUpdatesAndRegistersAgain() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    world.aws.calls().clear();

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)
        .withVariants("      - {name: AllTraffic, instanceType: ml.m5.xlarge, instanceCount: 4}\n")));

    List<String> calls = world.mutatingCalls();
    assertThat(calls).containsSubsequence("ApplicationAutoScaling.DeleteScalingPolicy",
        "ApplicationAutoScaling.DeregisterScalableTarget", "SageMaker.UpdateEndpoint",
        "ApplicationAutoScaling.RegisterScalableTarget", "ApplicationAutoScaling.PutScalingPolicy");
    assertThat(targets()).singleElement().satisfies(t -> assertThat(t.minCapacity()).isEqualTo(2));
    assertThat(policies()).hasSize(1);
  }

  @Test
  void deploy_whenManifestDropsAutoscaling_removesOurRegistration() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    assertThat(targets()).isEmpty();
    assertThat(policies()).isEmpty();
  }
}
