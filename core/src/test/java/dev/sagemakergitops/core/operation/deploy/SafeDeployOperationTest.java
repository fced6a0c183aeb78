package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/** Safe deploy against the local control plane: create, each strategy, and a deploy that changes nothing. */
class SafeDeployOperationTest extends DeployWorldTest {
  SafeDeployOperationTest() {
    super(3);
  }

  private List<String> messages() {
    return world.aws.events().stream().map(OperationEvent::message).toList();
  }

  @Test
  void deploy_whenEndpointMissing_createsModelConfigAndEndpointThenVerifiesAndTags() throws Exception {
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    DescribeEndpointResponse endpoint = world.endpoint();
    assertThat(endpoint.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(endpoint.endpointConfigName()).isEqualTo(result.endpointConfigName());
    assertThat(result.change()).isEqualTo("CREATED");
    assertThat(result.endpointConfigName()).startsWith("churn-prod-").hasSize("churn-prod-".length() + 12);
    assertThat(result.imageDigest()).startsWith("sha256:");
    assertThat(endpoint.productionVariants().get(0).deployedImages().get(0).resolvedImage())
        .endsWith("@" + result.imageDigest());
    assertThat(world.aws.calls().count("CreateModel")).isEqualTo(1);
    assertThat(world.aws.calls().count("CreateEndpointConfig")).isEqualTo(1);
    assertThat(world.aws.calls().count("CreateEndpoint")).isEqualTo(1);
    assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
    assertThat(dev.sagemakergitops.core.health.IntentTag.parse(world.endpointTags().get(SafeDeployOperation.CONFIG_TAG)))
        .map(dev.sagemakergitops.core.health.IntentTag::config).contains(result.endpointConfigName());
    assertThat(world.endpointTags())
        .containsKey(SafeDeployOperation.CONFIG_TAG)
        .containsEntry("sagemaker-gitops:manifest-path", DeployWorld.PATH)
        .containsEntry("sagemaker-gitops:image-digest", result.imageDigest())
        .containsKey("sagemaker-gitops:commit");
    assertThat(messages()).anyMatch(m -> m.startsWith("verified: endpoint churn-prod is InService"));
  }

  @Test
  void deploy_whenNothingChanged_makesNoMutatingCall() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.aws.calls().clear();

    // A later commit that leaves the manifest as it is: same blob, same names.
    world.repo.file("README.md", "unrelated change\n");
    world.repo.commit("docs");
    DeployResult again = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));

    assertThat(again.change()).isEqualTo("UNCHANGED");
    assertThat(world.mutatingCalls()).isEmpty();
  }

  @Test
  void deploy_whenCanary_reportsLaunchEachTrafficStepAndBakeTimeLeft() throws Exception {
    DeployResult first = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.aws.calls().clear();

    DeployResult second = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2)));

    assertThat(second.change()).isEqualTo("UPDATED");
    assertThat(second.previousEndpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(world.aws.calls().count("UpdateEndpoint")).isEqualTo(1);
    DescribeEndpointResponse endpoint = world.endpoint();
    assertThat(endpoint.endpointConfigName()).isEqualTo(second.endpointConfigName());
    var policy = endpoint.lastDeploymentConfig().blueGreenUpdatePolicy();
    assertThat(policy.trafficRoutingConfiguration().type()).isEqualTo(TrafficRoutingConfigType.CANARY);
    assertThat(policy.trafficRoutingConfiguration().waitIntervalInSeconds()).isEqualTo(600);
    assertThat(policy.terminationWaitInSeconds()).isEqualTo(300);
    assertThat(endpoint.lastDeploymentConfig().autoRollbackConfiguration().alarms())
        .extracting(a -> a.alarmName()).containsExactly(DeployWorld.ALARM);
    assertThat(messages()).anyMatch(m -> m.contains("Launching 4 instance(s)"))
        .anyMatch(m -> m.matches("traffic step 1 of 2: Updating, new fleet Baking: \\d+ s of bake left.*")
            && m.contains("canary capacity of 1 instance(s)"))
        .anyMatch(m -> m.startsWith("traffic step 2 of 2: Updating, new fleet Baking: 600 s of bake left"))
        .anyMatch(m -> m.startsWith("final bake before the old fleet is terminated: Updating, new fleet Baking: 300 s"));
    // The schedule: far fewer DescribeEndpoint calls than a 30-second waiter (4 min launch + 25 min of bakes = 58).
    assertThat(world.aws.calls().count("DescribeEndpoint")).isLessThan(40);
  }

  @Test
  void deploy_whenLinear_bakesEachStep() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.aws.events().size();

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withDeployment(
        "      strategy: linear\n      linearStep: 25%\n      bake: 5m\n")));

    var routing = world.endpoint().lastDeploymentConfig().blueGreenUpdatePolicy().trafficRoutingConfiguration();
    assertThat(routing.type()).isEqualTo(TrafficRoutingConfigType.LINEAR);
    assertThat(routing.linearStepSize().value()).isEqualTo(25);
    assertThat(messages()).anyMatch(m -> m.startsWith("traffic step 4 of 4: "));
  }

  @Test
  void deploy_whenAllAtOnce_switchesInOneBakedStep() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withDeployment(
        "      strategy: allAtOnce\n      bake: 2m\n")));

    assertThat(world.endpoint().endpointConfigName()).isEqualTo(result.endpointConfigName());
    assertThat(world.endpoint().lastDeploymentConfig().blueGreenUpdatePolicy().trafficRoutingConfiguration().type())
        .isEqualTo(TrafficRoutingConfigType.ALL_AT_ONCE);
    assertThat(messages()).anyMatch(m -> m.startsWith("traffic step 1 of 1: "));
  }

  @Test
  void deploy_whenRolling_sendsRollingPolicyWithRollbackBatchSize() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withDeployment(
        "      strategy: rolling\n      batchSize: 50%\n      rollbackBatchSize: 1\n      bake: 3m\n")));

    DescribeEndpointResponse endpoint = world.endpoint();
    assertThat(endpoint.endpointConfigName()).isEqualTo(result.endpointConfigName());
    var rolling = endpoint.lastDeploymentConfig().rollingUpdatePolicy();
    assertThat(rolling.maximumBatchSize().value()).isEqualTo(50);
    assertThat(rolling.rollbackMaximumBatchSize().value()).isEqualTo(1);
    assertThat(rolling.waitIntervalInSeconds()).isEqualTo(180);
    assertThat(messages()).anyMatch(m -> m.startsWith("traffic step 2 of 2: "));
  }

  @Test
  void deploy_whenEndpointBeingCreatedByAnEarlierRun_followsThatCreation() throws Exception {
    world.commit(DeployWorld.Manifest.v(1), "v1");
    SafeDeployOperation operation = world.operation();
    DeployState state = operation.begin(DeployRequest.of(world.head()));
    Step<DeployState, DeployResult> step = operation.poll(state);
    step = operation.poll(step.state());
    step = operation.poll(step.state());
    assertThat(step.state().stage()).isEqualTo(DeployState.Stage.DEPLOYING);
    world.aws.advance(Timings.PROVISIONING.dividedBy(2));

    // A second run from scratch (the first one's state was lost) attaches instead of failing.
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));

    assertThat(result.change()).isEqualTo("CREATED");
    assertThat(world.aws.calls().count("CreateEndpoint")).isEqualTo(1);
    assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(LocalAws.REGION).isEqualTo(world.endpoint().endpointArn().split(":")[3]);
  }
}
