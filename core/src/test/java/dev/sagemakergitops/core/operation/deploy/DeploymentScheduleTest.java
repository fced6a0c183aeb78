package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.manifest.CapacitySize;
import dev.sagemakergitops.core.operation.PollingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;

/** When the next DescribeEndpoint is due, read off what the last one showed. */
class DeploymentScheduleTest {
  private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
  private static final DeploymentPolicy CANARY = new DeploymentPolicy("CANARY", CapacitySize.instances(1), null, null,
      null, 600, 300, null, List.of(), 4);
  private static final DeploymentPolicy CANARY_WITH_ALARMS = new DeploymentPolicy("CANARY", CapacitySize.instances(1),
      null, null, null, 600, 300, null, List.of("churn-5xx"), 4);

  private final DeploymentSchedule schedule = DeploymentSchedule.of(PollingPolicy.defaults().withoutJitter());

  private static DescribeEndpointResponse updating(String variantStatus, String message, Instant start) {
    return DescribeEndpointResponse.builder().endpointName("churn").endpointStatus("Updating")
        .endpointConfigName("c2")
        .pendingDeploymentSummary(PendingDeploymentSummary.builder().endpointConfigName("c2").startTime(NOW)
            .productionVariants(PendingProductionVariantSummary.builder().variantName("AllTraffic")
                .variantStatus(variantStatus == null ? List.of() : List.of(ProductionVariantStatus.builder()
                    .status(variantStatus).statusMessage(message).startTime(start).build()))
                .build())
            .build())
        .build();
  }

  private Duration next(DescribeEndpointResponse endpoint, DeploymentPolicy policy) {
    return schedule.next(DeploymentProgress.of(endpoint, policy), NOW.minusSeconds(60), !policy.alarms().isEmpty(), NOW,
        new Random(1));
  }

  @Test
  void next_whileLaunching_waitsForTheProvisioningEstimateFromTheLaunch() {
    Duration wait = next(updating("Creating", "Launching 4 instance(s).", NOW.minusSeconds(60)), CANARY);

    assertThat(wait).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void next_whileLaunchingPastTheEstimate_pollsEveryInterval() {
    assertThat(next(updating("Creating", "Launching 4 instance(s).", NOW.minusSeconds(200)), CANARY))
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void next_whileBakingWithoutAlarms_waitsUntilTheBakeEnds() {
    DescribeEndpointResponse baking = updating("Baking",
        "Baking for 600 seconds (WaitIntervalInSeconds) with traffic enabled on canary capacity of 1 instance(s).",
        NOW.minusSeconds(400));

    assertThat(next(baking, CANARY)).isEqualTo(Duration.ofSeconds(200));
    assertThat(DeploymentProgress.of(baking, CANARY).describe(NOW)).contains("200 s of bake left");
  }

  @Test
  void next_whileBakingWatchedByAlarms_looksAtLeastEveryAlarmWatch() {
    DescribeEndpointResponse baking = updating("Baking", "Baking for 600 seconds (WaitIntervalInSeconds)",
        NOW.minusSeconds(100));

    assertThat(next(baking, CANARY_WITH_ALARMS)).isEqualTo(DeploymentSchedule.DEFAULT_ALARM_WATCH);
  }

  @Test
  void next_whenTheMessageGivesNoLength_takesTheTerminationWaitOrTheBakeFromThePolicy() {
    assertThat(next(updating("Baking", "Baking with TerminationWaitInSeconds", NOW.minusSeconds(100)), CANARY))
        .isEqualTo(Duration.ofSeconds(200));
    assertThat(next(updating("Baking", null, NOW.minusSeconds(400)), CANARY)).isEqualTo(Duration.ofSeconds(200));
  }

  @Test
  void next_whenTheBakeEndsBeyondTheMaximum_looksAtTheMaximum() {
    assertThat(next(updating("Baking", "Baking for 3600 seconds", NOW), CANARY)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void next_whenNothingIsKnown_pollsEveryInterval() {
    assertThat(next(updating("ActivatingTraffic", "Activating traffic", NOW), CANARY)).isEqualTo(Duration.ofSeconds(8));
    assertThat(next(updating(null, null, null), CANARY)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void describeAfter_whileBakingWatchedByAlarms_waitsForTheBakeEndAtMostTheMaximum() {
    DescribeEndpointResponse baking = updating("Baking", "Baking for 600 seconds (WaitIntervalInSeconds)",
        NOW.minusSeconds(100));

    Duration wait = schedule.describeAfter(DeploymentProgress.of(baking, CANARY_WITH_ALARMS), NOW.minusSeconds(60), NOW,
        new Random(1));

    assertThat(wait).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void afterAlarmLook_whenTheEndpointIsDueLater_waitsTheAlarmWatch() {
    assertThat(schedule.afterAlarmLook(NOW, NOW.plusSeconds(500), new Random(1)))
        .isEqualTo(DeploymentSchedule.DEFAULT_ALARM_WATCH);
  }

  @Test
  void afterAlarmLook_whenTheEndpointIsDueSooner_waitsExactlyUntilThen() {
    assertThat(schedule.afterAlarmLook(NOW, NOW.plusSeconds(40), new Random(1))).isEqualTo(Duration.ofSeconds(40));
    assertThat(schedule.afterAlarmLook(NOW, NOW.plusSeconds(3), new Random(1))).isEqualTo(Duration.ofSeconds(3));
    assertThat(schedule.afterAlarmLook(NOW, NOW, new Random(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void of_takesTheAlarmWatchFromThePolicy() {
    PollingPolicy policy = PollingPolicy.defaults().withoutJitter().withAlarmWatch(Duration.ofSeconds(20));

    assertThat(DeploymentSchedule.of(policy).alarmWatch()).isEqualTo(Duration.ofSeconds(20));
    assertThat(DeploymentSchedule.of(policy).afterAlarmLook(NOW, NOW.plusSeconds(500), new Random(1)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void nextLook_whenLookingAlone_isOneAlarmWatchAfterTheRead() {
    assertThat(schedule.nextLook(NOW, null, NOW)).isEqualTo(NOW.plus(DeploymentSchedule.DEFAULT_ALARM_WATCH));
    assertThat(schedule.nextLook(NOW.minusSeconds(3), null, NOW)).isEqualTo(NOW.plusSeconds(57));
  }

  @Test
  void nextLook_whenOthersWatchOnAGrid_isTheLastGridPointAtMostOneAlarmWatchAfterTheRead() {
    Instant grid = NOW.minusSeconds(20);

    assertThat(schedule.nextLook(NOW, grid, NOW)).isEqualTo(NOW.plusSeconds(40));
    assertThat(schedule.nextLook(NOW, NOW.minusSeconds(600), NOW)).isEqualTo(NOW.plusSeconds(60));
    // A grid point between the read and now is behind: one alarm watch after the read then.
    assertThat(schedule.nextLook(NOW.minusSeconds(3), NOW.minusSeconds(2), NOW)).isEqualTo(NOW.plusSeconds(57));
  }

  @Test
  void afterAlarmLook_whenTheNextLookIsOnTheGrid_waitsExactlyUntilItButNeverPastTheEndpointsDescription() {
    PollingPolicy jittered = PollingPolicy.defaults();
    DeploymentSchedule withJitter = DeploymentSchedule.of(jittered);

    assertThat(withJitter.afterAlarmLook(NOW, NOW.plusSeconds(500), NOW.plusSeconds(5), new Random(1)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(withJitter.afterAlarmLook(NOW, NOW.plusSeconds(3), NOW.plusSeconds(5), new Random(1)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(withJitter.afterAlarmLook(NOW, NOW.plusSeconds(500), NOW.plusSeconds(40), new Random(1)))
        .isBetween(Duration.ofSeconds(40), Duration.ofSeconds(40).plus(jittered.interval().multipliedBy(1).dividedBy(10)));
    // Alone, the look after one alarm watch waits as it always did.
    assertThat(withJitter.afterAlarmLook(NOW, NOW.plusSeconds(500), NOW.plusSeconds(60), new Random(1)))
        .isEqualTo(withJitter.afterAlarmLook(NOW, NOW.plusSeconds(500), new Random(1)));
  }
}
