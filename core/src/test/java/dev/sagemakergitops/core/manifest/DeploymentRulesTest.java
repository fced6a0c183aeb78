package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

class DeploymentRulesTest {
  private static final Duration BAKE = Duration.ofMinutes(10);

  private static DeploymentRules rules(Strategy strategy, CapacitySize size, Duration termination, Duration timeout,
      int fleet) {
    return new DeploymentRules(new EndpointSpec.Deployment(strategy, strategy == Strategy.CANARY ? size : null,
        strategy == Strategy.LINEAR ? size : null, strategy == Strategy.ROLLING ? size : null, null, BAKE,
        termination == null ? Duration.ZERO : termination, timeout, List.of("churn-5xx")), fleet);
  }

  @Test
  void trafficSteps_whenEachStrategy_countsTheBakesSageMakerGoesThrough() {
    assertThat(rules(Strategy.ALL_AT_ONCE, null, null, null, 4).trafficSteps()).isEqualTo(1);
    assertThat(rules(Strategy.CANARY, CapacitySize.instances(1), null, null, 4).trafficSteps()).isEqualTo(2);
    assertThat(rules(Strategy.LINEAR, CapacitySize.percent(25), null, null, 4).trafficSteps()).isEqualTo(4);
    assertThat(rules(Strategy.LINEAR, CapacitySize.percent(30), null, null, 4).trafficSteps()).isEqualTo(4);
    // One of three instances is an exact third: three batches, not four.
    assertThat(rules(Strategy.ROLLING, CapacitySize.instances(1), null, null, 3).trafficSteps()).isEqualTo(3);
  }

  @Test
  void waits_whenCanaryWithTerminationWait_addsEveryBakeAndTheTerminationWait() {
    DeploymentRules canary = rules(Strategy.CANARY, CapacitySize.instances(1), Duration.ofMinutes(5), null, 4);

    assertThat(canary.waits()).isEqualTo(Duration.ofMinutes(25));
    assertThat(canary.launches()).isEqualTo(1);
  }

  @Test
  void toDeploymentConfig_whenCanary_isBlueGreenWithTheCanarySizeAndTheAlarms() {
    DeploymentConfig config = rules(Strategy.CANARY, CapacitySize.percent(10), Duration.ofMinutes(5),
        Duration.ofHours(1), 4).toDeploymentConfig();

    assertThat(config.rollingUpdatePolicy()).isNull();
    assertThat(config.blueGreenUpdatePolicy().trafficRoutingConfiguration().type())
        .isEqualTo(TrafficRoutingConfigType.CANARY);
    assertThat(config.blueGreenUpdatePolicy().trafficRoutingConfiguration().canarySize().type())
        .isEqualTo(CapacitySizeType.CAPACITY_PERCENT);
    assertThat(config.blueGreenUpdatePolicy().trafficRoutingConfiguration().waitIntervalInSeconds()).isEqualTo(600);
    assertThat(config.blueGreenUpdatePolicy().terminationWaitInSeconds()).isEqualTo(300);
    assertThat(config.blueGreenUpdatePolicy().maximumExecutionTimeoutInSeconds()).isEqualTo(3600);
    assertThat(config.autoRollbackConfiguration().alarms()).singleElement()
        .satisfies(a -> assertThat(a.alarmName()).isEqualTo("churn-5xx"));
  }

  @Test
  void toDeploymentConfig_whenRolling_isARollingUpdateWithTheBatchSize() {
    DeploymentConfig config = rules(Strategy.ROLLING, CapacitySize.instances(1), null, null, 4).toDeploymentConfig();

    assertThat(config.blueGreenUpdatePolicy()).isNull();
    assertThat(config.rollingUpdatePolicy().maximumBatchSize().type()).isEqualTo(CapacitySizeType.INSTANCE_COUNT);
    assertThat(config.rollingUpdatePolicy().maximumBatchSize().value()).isEqualTo(1);
    assertThat(config.rollingUpdatePolicy().waitIntervalInSeconds()).isEqualTo(600);
  }

  @Test
  void problems_whenRollingOnTwoVariantsWithATerminationWait_namesBothRules() {
    Variant variant = new Variant("AllTraffic", "ml.m5.large", 4, 1.0, null);
    DeploymentRules rolling = rules(Strategy.ROLLING, CapacitySize.instances(1), Duration.ofMinutes(5), null, 4);

    List<DeploymentRules.Problem> problems = rolling.problems(Set.of("terminationWait"), true,
        List.of(variant, new Variant("Shadow", "ml.m5.large", 4, 1.0, null)), 2);

    assertThat(problems).extracting(DeploymentRules.Problem::key).containsExactly("terminationWait", "strategy");
  }

  @Test
  void problems_whenTheTimeoutLeavesNoTimeToLaunch_asksForMore() {
    Variant variant = new Variant("AllTraffic", "ml.m5.large", 4, 1.0, null);
    DeploymentRules canary = rules(Strategy.CANARY, CapacitySize.instances(1), null, Duration.ofMinutes(22), 4);

    List<DeploymentRules.Problem> problems = canary.problems(Set.of(), true, List.of(variant), 1);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("timeout");
      assertThat(p.message()).contains("must also cover the new fleet's launch", "at least 25m");
    });
  }
}
