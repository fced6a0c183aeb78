package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** Autoscaling from the manifest, and the deregister / register SageMaker needs around instance-type changes. */
@IntegrationPhase
class SafeDeployAutoscalingTest extends DeployWorldTest {
  private static final String RESOURCE = "endpoint/churn-prod/variant/AllTraffic";
  private static final String AUTOSCALING =
      "    autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5, scaleInCooldown: 10m}\n";

  SafeDeployAutoscalingTest() {
    super(3);
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
  private static final String LARGER = "      - {name: AllTraffic, instanceType: ml.m5.xlarge, instanceCount: 4}\n";

  /** A team's own step-scaling policy and a scheduled action on the target, beside the tool's policy. */
  private void addTeamAutoscaling() {
    autoScaling().putScalingPolicy(r -> r.policyName("team-step").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(RESOURCE).scalableDimension("sagemaker:variant:DesiredInstanceCount").policyType("StepScaling")
        .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").cooldown(120)
            .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(2))));
    autoScaling().putScheduledAction(r -> r.scheduledActionName("business-hours")
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
        .scalableDimension("sagemaker:variant:DesiredInstanceCount").schedule("cron(0 8 ? * MON-FRI *)")
        .scalableTargetAction(t -> t.minCapacity(4).maxCapacity(8)));
  }

  private void assertTeamAutoscalingIsBack() {
    assertThat(targets()).singleElement().satisfies(t -> {
      assertThat(t.minCapacity()).isEqualTo(2);
      assertThat(t.maxCapacity()).isEqualTo(8);
    });
    assertThat(policies()).extracting(ScalingPolicy::policyName)
        .containsExactlyInAnyOrder(VariantAutoscaling.POLICY_NAME, "team-step");
    assertThat(policies()).filteredOn(p -> p.policyName().equals("team-step")).singleElement()
        .satisfies(p -> assertThat(p.stepScalingPolicyConfiguration().stepAdjustments()).singleElement()
            .satisfies(a -> assertThat(a.scalingAdjustment()).isEqualTo(2)));
    assertThat(autoScaling().describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER))
        .scheduledActions()).singleElement().satisfies(a -> {
          assertThat(a.scheduledActionName()).isEqualTo("business-hours");
          assertThat(a.schedule()).isEqualTo("cron(0 8 ? * MON-FRI *)");
          assertThat(a.scalableTargetAction().minCapacity()).isEqualTo(4);
        });
  }

  @Test
  void deploy_whenAnInstanceTypeChangeIsRolledBack_registersTheTargetAgainAsItWas() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    addTeamAutoscaling();
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 1);

    Step<DeployState, DeployResult> step = world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING)
        .withVariants(LARGER));

    assertThat(step).isInstanceOf(Step.Failed.class);
    var failure = ((Step.Failed<DeployState, DeployResult>) step).failure();
    assertThat(failure.kind()).isEqualTo(dev.sagemakergitops.core.operation.OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.message()).contains("was registered again as it was before the deploy");
    assertTeamAutoscalingIsBack();
  }

  @Test
  void deploy_whenCancelledDuringAnInstanceTypeChange_registersTheTargetAgainOnceTheEndpointAcceptsIt()
      throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    addTeamAutoscaling();
    world.commit(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING).withVariants(LARGER), "v2");
    SafeDeployOperation operation = world.operation();
    DeployState begun = operation.begin(DeployRequest.of(world.head()));
    Step<DeployState, DeployResult> deploying = Polls.until(operation, begun, world.aws,
        Polls.at(DeployState.Stage.DEPLOYING));
    assertThat(targets()).as("deregistered for the update").isEmpty();

    DeployState cancelled = operation.cancel(deploying.state());
    Step<DeployState, DeployResult> end = Polls.toEnd(operation, cancelled, world.aws);

    assertThat(end.state().stage()).isEqualTo(DeployState.Stage.CANCELLED);
    assertThat(((Step.Failed<DeployState, DeployResult>) end).failure().message())
        .contains("was registered again as it was before the deploy");
    assertTeamAutoscalingIsBack();
  }

  @Test
  void deploy_whenTheInstanceTypeChangeSucceeds_keepsTheTeamsPoliciesAndScheduledActions() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    addTeamAutoscaling();

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING).withVariants(LARGER)));

    assertTeamAutoscalingIsBack();
  }

  @Test
  void deploy_whenTeamPoliciesTrackCustomizedMetrics_putsThemBackAsTheyWere() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    // One policy on a single CloudWatch metric, one on metric math: both a team's own.
    autoScaling().putScalingPolicy(r -> r.policyName("team-latency").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(RESOURCE).scalableDimension("sagemaker:variant:DesiredInstanceCount")
        .policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(c -> c.targetValue(250.0)
            .scaleInCooldown(600).customizedMetricSpecification(m -> m.metricName("ModelLatency")
                .namespace("AWS/SageMaker").statistic("Average").unit("Microseconds")
                .dimensions(d -> d.name("EndpointName").value(DeployWorld.ENDPOINT),
                    d -> d.name("VariantName").value("AllTraffic")))));
    autoScaling().putScalingPolicy(r -> r.policyName("team-queue").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(RESOURCE).scalableDimension("sagemaker:variant:DesiredInstanceCount")
        .policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(c -> c.targetValue(5.0)
            .customizedMetricSpecification(m -> m.metrics(
                q -> q.id("backlog").returnData(false).metricStat(st -> st.stat("Sum").metric(x -> x
                    .metricName("ApproximateBacklogSize").namespace("Team/Queue")
                    .dimensions(d -> d.name("Queue").value("churn")))),
                q -> q.id("perInstance").expression("backlog / 4").label("backlog per instance")
                    .returnData(true)))));
    List<ScalingPolicy> before = policies();

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING).withVariants(LARGER)));

    assertThat(policies()).extracting(ScalingPolicy::policyName)
        .containsExactlyInAnyOrder(VariantAutoscaling.POLICY_NAME, "team-latency", "team-queue");
    for (String team : List.of("team-latency", "team-queue")) {
      assertThat(configurationOf(policies(), team)).as(team).isEqualTo(configurationOf(before, team));
    }
  }

  private static Object configurationOf(List<ScalingPolicy> policies, String name) {
    return policies.stream().filter(p -> p.policyName().equals(name)).findFirst().orElseThrow()
        .targetTrackingScalingPolicyConfiguration();
  }

  @Test
  void deploy_whenAutoscalingGrewTheFleet_keepsTheLiveInstanceCount() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    // Application Auto Scaling grew the variant from the manifest's 4 to 6 instances.
    world.sageMaker().updateEndpointWeightsAndCapacities(r -> r.endpointName(DeployWorld.ENDPOINT)
        .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(6)));
    world.aws.advance(java.time.Duration.ofMinutes(10));

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING)));

    assertThat(world.endpoint().productionVariants()).singleElement()
        .satisfies(v -> assertThat(v.desiredInstanceCount()).isEqualTo(6));
    assertThat(world.aws.events()).anyMatch(e -> e.message().startsWith("autoscaled: keeping the live instance count"));
  }
  @Test
  void deploy_whenAutoscalingDoesNotSeeTheNewRegistrationYet_retriesAndRegisters() throws Exception {
    // Every resource the deploy creates, the scalable target among them, stays invisible for a minute.
    world.aws.local().faults().consistencyDelay(java.time.Duration.ofMinutes(1));

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));

    assertThat(policies()).extracting(ScalingPolicy::policyName).containsExactly(VariantAutoscaling.POLICY_NAME);
    assertThat(world.aws.events()).anyMatch(e -> e.phase().equals("AUTOSCALING")
        && e.message().startsWith("AWS call failed (NotYetVisibleException)"));
  }

  @Test
  void deploy_whenAutoscalingDoesNotSeeTheRestoredRegistrationYet_retriesAndRestoresIt() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING)));
    addTeamAutoscaling();
    // Short enough for the few polls the restore path retries for.
    world.aws.local().faults().consistencyDelay(java.time.Duration.ofSeconds(10));

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING).withVariants(LARGER)));

    assertTeamAutoscalingIsBack();
    assertThat(world.aws.events()).anyMatch(e -> e.message().startsWith(
        "Application Auto Scaling does not see the new registration yet (eventual consistency)"));
  }
}
