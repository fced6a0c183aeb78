package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.local.ecr.EcrService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** Deployments that do not take: each is a failure with SageMaker's reason and the alarms, never a success. */
class SafeDeployFailureTest {
  @TempDir Path dir;
  private DeployWorld world;
  private String v1Config;

  @BeforeEach
  void setUp() throws Exception {
    world = new DeployWorld(dir);
    world.register(3);
    Step<DeployState, DeployResult> first = world.deploy(DeployWorld.Manifest.v(1));
    v1Config = ((Step.Succeeded<DeployState, DeployResult>) first).result().endpointConfigName();
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static OperationFailure failed(Step<DeployState, DeployResult> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<DeployState, DeployResult>) step).failure();
  }

  @Test
  void deploy_whenAlarmFiresDuringCanaryBake_isRolledBackNamingTheAlarm() throws Exception {
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 1);

    OperationFailure failure = failed(world.deploy(DeployWorld.Manifest.v(2)));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.alarms()).containsExactly(DeployWorld.ALARM);
    assertThat(failure.failureReason()).contains(DeployWorld.ALARM);
    assertThat(failure.message()).contains("rolled the deployment", "InService on " + v1Config, DeployWorld.ALARM,
        "Revert the change in Git");
    assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1Config);
  }

  @Test
  void deploy_whenCloudWatchAlarmGoesOffMidBake_recordsItAndReportsTheRollback() {
    world.commit(DeployWorld.Manifest.v(2), "v2");
    SafeDeployOperation operation = world.operation();
    Step<DeployState, DeployResult> baking = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.baking());
    assertThat(baking.isFinished()).isFalse();

    world.aws.local().service(CloudWatchService.class).trip(LocalAws.REGION, DeployWorld.ALARM);
    Step<DeployState, DeployResult> end = Polls.toEnd(operation, baking.state(), world.aws);

    OperationFailure failure = failed(end);
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.alarms()).containsExactly(DeployWorld.ALARM);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1Config);
  }

  @Test
  void deploy_whenRollingUpdateRollsBackInBatches_waitsForTheRollbackAndReportsIt() throws Exception {
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 2);

    OperationFailure failure = failed(world.deploy(DeployWorld.Manifest.v(2).withDeployment(
        "      strategy: rolling\n      batchSize: 50%\n      rollbackBatchSize: 1\n      bake: 5m\n"
            + "      rollbackAlarms: [" + DeployWorld.ALARM + "]\n")));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.alarms()).containsExactly(DeployWorld.ALARM);
    assertThat(world.aws.events()).anyMatch(e -> e.message().contains("new fleet Deleting")
        && e.message().contains("Terminating 1 instance(s)."));
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1Config);
  }

  @Test
  void deploy_whenNewFleetFailsToLaunch_isRolledBackWithFailureReason() throws Exception {
    String reason = "Failed to download model data for container \"container_1\" from URL: s3://ml-artifacts/x.";
    world.hosting().failNextUpdate(DeployWorld.ENDPOINT, reason);

    OperationFailure failure = failed(world.deploy(DeployWorld.Manifest.v(2)));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.failureReason()).isEqualTo(reason);
    assertThat(failure.alarms()).isEmpty();
    assertThat(failure.message()).contains(reason);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1Config);
  }

  @Test
  void deploy_whenRollbackFailsToo_isRolledBackAndSaysTheEndpointServesAMix() throws Exception {
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 2);
    world.hosting().failRollback(DeployWorld.ENDPOINT);

    OperationFailure failure = failed(world.deploy(DeployWorld.Manifest.v(2)));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.message()).contains("the rollback failed too", "mix");
    assertThat(failure.alarms()).containsExactly(DeployWorld.ALARM);
    assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.UPDATE_ROLLBACK_FAILED);
  }

  @Test
  void deploy_whenEndpointRunsAnotherImageThanPinned_failsVerification() throws Exception {
    // Someone made an endpoint configuration of our name serving another image (out of band).
    world.commit(DeployWorld.Manifest.v(2), "v2");
    DeployState planned = world.operation().begin(DeployRequest.of(world.head()));
    String tampered = LocalAws.REGISTRY + "/churn-xgb@"
        + world.aws.local().service(EcrService.class).publish(LocalAws.REGION, "churn-xgb", "hotfix");
    world.sageMaker().createModel(r -> r.modelName("hand-made").executionRoleArn(ManifestFixtures.ROLE)
        .primaryContainer(c -> c.image(tampered).modelDataUrl("s3://ml-artifacts/churn/v2/model.tar.gz")));
    world.sageMaker().createEndpointConfig(r -> r.endpointConfigName(planned.plan().config().name())
        .productionVariants(v -> v.variantName("AllTraffic").modelName("hand-made").instanceType("ml.m5.large")
            .initialInstanceCount(4)));

    OperationFailure failure = failed(world.deploy(DeployRequest.of(world.head())));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
    assertThat(failure.message()).contains("does not serve what the manifest pins", tampered,
        planned.plan().model().imageDigest());
  }

  @Test
  void deploy_whenStillUpdatingPastItsDeadline_timesOut() {
    world.commit(DeployWorld.Manifest.v(2), "v2");
    SafeDeployOperation operation = world.operation();
    Step<DeployState, DeployResult> deploying = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.at(DeployState.Stage.DEPLOYING));
    assertThat(deploying.state().deadline()).isEqualTo(deploying.state().requestedAt()
        .plus(deploying.state().plan().deployment().updateLimit()));

    // As if SageMaker had not finished by the deadline: the state is moved past it.
    DeployState late = deploying.state().with(d -> d.deadline = d.requestedAt.minusSeconds(1));
    OperationFailure failure = failed(operation.poll(late));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.TIMED_OUT);
    assertThat(failure.message()).contains("did not finish by", "still Updating");
  }

  @Test
  void deploy_whenCreationFails_isFailedAndALaterDeploySaysToDeleteTheEndpoint() throws Exception {
    try (DeployWorld fresh = new DeployWorld(dir.resolve("fresh"))) {
      fresh.register(1);
      fresh.hosting().failProvisioning(DeployWorld.ENDPOINT);

      OperationFailure failure = failed(fresh.deploy(DeployWorld.Manifest.v(1)));
      OperationFailure again = failed(fresh.deploy(DeployRequest.of(fresh.head())));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
      assertThat(failure.failureReason()).contains("did not pass the ping health check");
      assertThat(again.kind()).isEqualTo(OperationFailure.Kind.CONFLICT);
      assertThat(again.message()).contains("is Failed", "delete-endpoint");
    }
  }

  @Test
  void cancel_whileDeploying_stopsWaitingAndSaysSageMakerGoesOn() {
    world.commit(DeployWorld.Manifest.v(2), "v2");
    SafeDeployOperation operation = world.operation();
    Step<DeployState, DeployResult> deploying = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.at(DeployState.Stage.DEPLOYING));

    DeployState cancelled = operation.cancel(deploying.state());
    OperationFailure failure = failed(operation.poll(cancelled));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.CANCELLED);
    assertThat(failure.message()).contains("no API to stop an endpoint update");
    assertThat(world.endpoint().endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
  }
}
