package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bake watched by rollback alarms: the polls between two descriptions of the endpoint look only
 * at the alarms, and one that finds an alarm in ALARM, or one that went there and back, looks at the
 * endpoint at once.
 */
class SafeDeployAlarmWatchTest extends DeployWorldTest {
  SafeDeployAlarmWatchTest() {
    super(2);
  }

  private SafeDeployOperation operation;

  @BeforeEach
  void setUp() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.commit(DeployWorld.Manifest.v(2), "v2");
    operation = world.operation();
  }

  private Step<DeployState, DeployResult> baking() {
    Step<DeployState, DeployResult> step = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, Polls.baking());
    assertThat(step.isFinished()).isFalse();
    return step;
  }

  private Step<DeployState, DeployResult> next(Step<DeployState, DeployResult> step) {
    world.aws.advance(((Step.Running<DeployState, DeployResult>) step).pollAfter());
    return operation.poll(step.state());
  }

  private CloudWatchService cloudWatch() {
    return world.aws.local().service(CloudWatchService.class);
  }

  @Test
  void deploy_whileTheCanaryBakesUnderAnAlarm_looksAtTheAlarmsEveryMinuteAndAtTheEndpointRarely() {
    Step<DeployState, DeployResult> step = baking();
    world.aws.calls().clear();

    step = Polls.until(operation, step.state(), world.aws, s -> s.trafficStep() == 2);

    // The 10-minute canary bake: a look at the alarm each minute, the endpoint at the 5-minute
    // maximum and when the bake ends.
    assertThat(step.isFinished()).isFalse();
    assertThat(world.aws.calls().count("DescribeAlarms")).isBetween(10L, 12L);
    assertThat(world.aws.calls().count("DescribeEndpoint")).isBetween(2L, 3L);
  }

  @Test
  void deploy_whenTheAlarmFiresBetweenTwoLooks_describesTheEndpointAtTheNextLookThenWatchesItClosely() {
    Step<DeployState, DeployResult> step = baking();
    world.aws.advance(((Step.Running<DeployState, DeployResult>) step).pollAfter());
    cloudWatch().trip(LocalAws.REGION, DeployWorld.ALARM);
    world.aws.calls().clear();

    Step<DeployState, DeployResult> look = operation.poll(step.state());

    // SageMaker reads the alarm at the next minute of the bake; until then the deploy watches the endpoint.
    assertThat(world.aws.calls().calls()).containsExactly("CloudWatch.DescribeAlarms", "SageMaker.DescribeEndpoint");
    assertThat(look.state().alarmsSeen()).containsExactly(DeployWorld.ALARM);
    assertThat(look.events()).anyMatch(e -> e.message().contains("rollback alarm " + DeployWorld.ALARM + " is in ALARM"));
    assertThat(((Step.Running<DeployState, DeployResult>) look).pollAfter())
        .isEqualTo(world.context().polling().interval());

    Step<DeployState, DeployResult> end = Polls.toEnd(operation, look.state(), world.aws);

    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) end).failure();
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.ROLLED_BACK);
    assertThat(failure.alarms()).containsExactly(DeployWorld.ALARM);
  }

  @Test
  void deploy_whenTheAlarmWentToAlarmAndBackBetweenTwoLooks_describesTheEndpointOnce() {
    Step<DeployState, DeployResult> step = baking();
    world.aws.advance(Duration.ofSeconds(20));
    cloudWatch().trip(LocalAws.REGION, DeployWorld.ALARM);
    world.aws.advance(Duration.ofSeconds(5));
    cloudWatch().clear(LocalAws.REGION, DeployWorld.ALARM);
    world.aws.advance(((Step.Running<DeployState, DeployResult>) step).pollAfter().minusSeconds(25));
    world.aws.calls().clear();

    Step<DeployState, DeployResult> look = operation.poll(step.state());
    Step<DeployState, DeployResult> after = next(look);

    // The endpoint shows the bake going on (SageMaker read the alarm only at whole minutes of the bake).
    assertThat(world.aws.calls().calls()).containsExactly("CloudWatch.DescribeAlarms", "SageMaker.DescribeEndpoint",
        "CloudWatch.DescribeAlarms");
    assertThat(after.isFinished()).isFalse();
    assertThat(after.state().observed()).contains("Baking");
  }
}
