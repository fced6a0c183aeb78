package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A composite CloudWatch alarm as a rollback alarm: SageMaker's AutoRollbackConfiguration names "a
 * CloudWatch alarm in your account" (botocore sagemaker Alarm.AlarmName), and DescribeAlarms answers
 * composite alarms only when asked for them (botocore DescribeAlarmsInput.AlarmTypes), so the
 * pre-flight must ask for both kinds, and the watch during the bakes too.
 */
class CompositeRollbackAlarmTest extends DeployWorldTest {
  static final String COMPOSITE = "churn-prod-guard";

  CompositeRollbackAlarmTest() {
    super(2);
  }

  @BeforeEach
  void composite() {
    world.clients.cloudWatch(LocalAws.REGION).putCompositeAlarm(r -> r.alarmName(COMPOSITE)
        .alarmRule("ALARM(" + DeployWorld.ALARM + ") OR ALARM(\"" + DeployWorld.ALARM + "-latency\")"));
  }

  private static DeployWorld.Manifest guarded(int version) {
    return DeployWorld.Manifest.v(version).withDeployment("      strategy: canary\n      canarySize: 1\n"
        + "      bake: 10m\n      terminationWait: 5m\n      rollbackAlarms: [" + COMPOSITE + "]\n");
  }

  @Test
  void deploy_whenTheRollbackAlarmIsComposite_acceptsItAndSucceeds() throws Exception {
    DeployWorld.succeeded(world.deploy(guarded(1)));
    DeployResult result = DeployWorld.succeeded(world.deploy(guarded(2)));

    assertThat(result.endpointConfigName()).isEqualTo(world.endpoint().endpointConfigName());
    assertThat(world.endpoint().lastDeploymentConfig().autoRollbackConfiguration().alarms())
        .extracting("alarmName").containsExactly(COMPOSITE);
  }

  @Test
  void begin_whenACompositeRollbackAlarmIsInAlarm_refusesAtRollbackAlarms() throws Exception {
    DeployWorld.succeeded(world.deploy(guarded(1)));
    world.aws.local().service(CloudWatchService.class).trip(LocalAws.REGION, DeployWorld.ALARM + "-latency");
    world.commit(guarded(2), "v2");

    OperationInputException refusal = catchThrowableOfType(OperationInputException.class,
        () -> world.deploy(DeployRequest.of(world.head())));

    assertThat(refusal).isNotNull();
    assertThat(refusal.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.deployment.rollbackAlarms");
      assertThat(p.message()).contains("[" + COMPOSITE + "]", "in ALARM already");
    });
  }

  @Test
  void deploy_whenACompositeRollbackAlarmTripsDuringTheCanaryBake_isRolledBackNamingIt() throws Exception {
    String v1Config = DeployWorld.succeeded(world.deploy(guarded(1))).endpointConfigName();
    world.commit(guarded(2), "v2");
    SafeDeployOperation operation = world.operation();
    Step<DeployState, DeployResult> baking = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.baking());
    assertThat(baking.isFinished()).isFalse();

    // A child goes to ALARM; the composite alarm follows its rule, and SageMaker reads the composite.
    world.aws.local().service(CloudWatchService.class).trip(LocalAws.REGION, DeployWorld.ALARM + "-latency");
    Step<DeployState, DeployResult> end = Polls.toEnd(operation, baking.state(), world.aws);

    assertThat(end).isInstanceOf(Step.Failed.class);
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) end).failure();
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.alarms()).containsExactly(COMPOSITE);
    assertThat(failure.message()).contains("InService on " + v1Config, COMPOSITE);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1Config);
  }
}
