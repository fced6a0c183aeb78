package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
  private static final PollingPolicy POLICY = PollingPolicy.defaults();
  private static final int DRAWS = 2_000;

  @Test
  void until_whenTheChangeIsDueLater_pollsJustAfterItAndNeverBefore() {
    Random random = new Random(1);
    Duration left = Duration.ofSeconds(100);
    long latestExtra = (long) (POLICY.interval().toMillis() * POLICY.jitter());
    long shortest = Long.MAX_VALUE;
    long longest = 0;
    for (int i = 0; i < DRAWS; i++) {
      long wait = POLICY.until(NOW, NOW.plus(left), random).toMillis();
      shortest = Math.min(shortest, wait);
      longest = Math.max(longest, wait);
    }

    assertThat(shortest).isGreaterThanOrEqualTo(left.toMillis());
    assertThat(longest).isLessThanOrEqualTo(left.toMillis() + latestExtra).isGreaterThan(left.toMillis());
  }

  @Test
  void until_whenJitterIsOff_isExactlyTheTimeLeft() {
    assertThat(POLICY.withoutJitter().until(NOW, NOW.plusSeconds(95), new Random(2))).isEqualTo(Duration.ofSeconds(95));
  }

  @Test
  void until_whenTheChangeIsDueOrPast_pollsEveryIntervalWithJitterBothWays() {
    Random random = new Random(3);
    long interval = POLICY.interval().toMillis();
    long spread = (long) (interval * POLICY.jitter());
    for (int i = 0; i < DRAWS; i++) {
      long due = POLICY.until(NOW, NOW.plusSeconds(i % 3 == 0 ? 0 : 5), random).toMillis();
      long past = POLICY.until(NOW, NOW.minusSeconds(30), random).toMillis();
      assertThat(due).isBetween(interval - spread, interval + spread);
      assertThat(past).isBetween(interval - spread, interval + spread);
    }
  }

  @Test
  void until_whenTheChangeIsFarOff_waitsAtMostTheMaximum() {
    Random random = new Random(4);
    for (int i = 0; i < DRAWS; i++) {
      Duration wait = POLICY.until(NOW, NOW.plus(Duration.ofDays(1)), random);
      assertThat(wait).isGreaterThanOrEqualTo(POLICY.maximum()).isLessThanOrEqualTo(POLICY.maximum().plus(POLICY.interval()));
    }
  }

  @Test
  void until_whenTheIntervalWouldBeBelowTheMinimum_waitsTheMinimum() {
    PollingPolicy fast = new PollingPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofMinutes(1), 0.5, Duration.ofMinutes(1));
    Random random = new Random(5);
    for (int i = 0; i < DRAWS; i++) {
      assertThat(fast.until(NOW, NOW, random)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void unknown_isTheIntervalWithJitter() {
    Random random = new Random(6);
    long interval = POLICY.interval().toMillis();
    long spread = (long) (interval * POLICY.jitter());
    boolean below = false;
    boolean above = false;
    for (int i = 0; i < DRAWS; i++) {
      long wait = POLICY.unknown(random).toMillis();
      assertThat(wait).isBetween(interval - spread, interval + spread);
      below |= wait < interval;
      above |= wait > interval;
    }
    assertThat(below && above).as("jitter spreads polls both ways").isTrue();
    assertThat(POLICY.withoutJitter().unknown(random)).isEqualTo(POLICY.interval());
  }

  @Test
  void afterLaunch_waitsTheProvisioningEstimateFromTheLaunch() {
    PollingPolicy exact = POLICY.withoutJitter();

    assertThat(exact.afterLaunch(NOW, NOW, new Random(7))).isEqualTo(exact.provisioningEstimate());
    assertThat(exact.afterLaunch(NOW.plusSeconds(60), NOW, new Random(7))).isEqualTo(exact.provisioningEstimate().minusSeconds(60));
  }

  @Test
  void afterThrottling_backsOffExponentiallyBetweenHalfAndAllOfTheStep() {
    Random random = new Random(8);
    long interval = POLICY.interval().toMillis();
    for (int consecutive = 1; consecutive <= 4; consecutive++) {
      long step = Math.min(interval << (consecutive - 1), POLICY.throttledMaximum().toMillis());
      for (int i = 0; i < 200; i++) {
        assertThat(POLICY.afterThrottling(consecutive, random).toMillis()).isBetween(step / 2, step);
      }
    }
  }

  @Test
  void afterThrottling_whenThrottledForLong_staysWithinTheThrottledMaximum() {
    Random random = new Random(9);
    for (int consecutive : new int[] {5, 10, 17, 63, 64, 1_000, Integer.MAX_VALUE}) {
      Duration wait = POLICY.afterThrottling(consecutive, random);
      assertThat(wait).as("after %d", consecutive)
          .isGreaterThanOrEqualTo(POLICY.throttledMaximum().dividedBy(2)).isLessThanOrEqualTo(POLICY.throttledMaximum());
    }
    assertThat(POLICY.afterThrottling(0, random)).isLessThanOrEqualTo(POLICY.interval());
  }

  @Test
  void new_whenDurationsAreOutOfOrder_refuses() {
    assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 0 <= minimum <= interval <= maximum, got minimum PT10S, interval PT8S, maximum PT5M");
    assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(-1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingPolicy(Duration.ofMinutes(8), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_whenJitterIsOutOfRangeOrADurationIsMissing_refuses() {
    assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.6, Duration.ofMinutes(2)))
        .hasMessage("expected a jitter between 0 and 0.5, got 0.6");
    assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), -0.1, Duration.ofMinutes(2))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollingPolicy(null, Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2))).isInstanceOf(NullPointerException.class).hasMessage("interval");
  }

  @Test
  void afterLaunch_withALaunchBackoff_waitsThatShareOfTheLaunchSoFarOncePastTheEstimate() {
    PollingPolicy patient = PollingPolicy.parse("launchBackoff=0.1").withoutJitter();

    assertThat(patient.afterLaunch(NOW, NOW, new Random(10))).isEqualTo(Duration.ofMinutes(3));
    assertThat(patient.afterLaunch(NOW.plusSeconds(400), NOW, new Random(10))).isEqualTo(Duration.ofSeconds(40));
    assertThat(patient.afterLaunch(NOW.plusSeconds(181), NOW, new Random(10))).isEqualTo(Duration.ofMillis(18_100));
    assertThat(patient.afterLaunch(NOW.plus(Duration.ofHours(2)), NOW, new Random(10))).isEqualTo(patient.maximum());
    assertThat(POLICY.withoutJitter().afterLaunch(NOW.plusSeconds(400), NOW, new Random(10))).isEqualTo(POLICY.interval());
  }

  @Test
  void parse_whenSettingsNameSomeKnobs_changesThoseAndKeepsTheDefaults() {
    PollingPolicy parsed = PollingPolicy.parse(" interval=5s, provisioningEstimate=6m,alarmWatch=30s,jitter=0.2,"
        + "minimum=500ms,maximum=1h,throttledMaximum=3m,launchBackoff=0.05");

    assertThat(parsed).isEqualTo(new PollingPolicy(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofHours(1),
        Duration.ofMinutes(6), 0.2, Duration.ofMinutes(3), Duration.ofSeconds(30), 0.05));
    assertThat(PollingPolicy.parse("")).isEqualTo(POLICY);
    assertThat(PollingPolicy.parse("alarmWatch=2m")).isEqualTo(POLICY.withAlarmWatch(Duration.ofMinutes(2)));
  }

  @Test
  void toString_isWhatParseReads() {
    PollingPolicy odd = PollingPolicy.parse("minimum=250ms,alarmWatch=90s,launchBackoff=0.1");

    assertThat(POLICY.toString()).isEqualTo("interval=8s,minimum=1s,maximum=5m,provisioningEstimate=3m,jitter=0.1,"
        + "throttledMaximum=2m,alarmWatch=1m,launchBackoff=0.0");
    assertThat(PollingPolicy.parse(POLICY.toString())).isEqualTo(POLICY);
    assertThat(PollingPolicy.parse(odd.toString())).isEqualTo(odd);
  }

  @Test
  void parse_whenASettingIsUnknownOrMalformed_refusesNamingIt() {
    assertThatThrownBy(() -> PollingPolicy.parse("intervall=8s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown polling setting 'intervall'");
    assertThatThrownBy(() -> PollingPolicy.parse("interval=8"))
        .hasMessage("expected a duration such as 500ms, 8s, 3m or 1h for polling setting interval, got '8'");
    assertThatThrownBy(() -> PollingPolicy.parse("jitter=lots")).hasMessageContaining("polling setting jitter");
    assertThatThrownBy(() -> PollingPolicy.parse("interval")).hasMessageContaining("expected name=value");
    assertThatThrownBy(() -> PollingPolicy.parse("alarmWatch=0s")).hasMessageContaining("alarm watch");
    assertThatThrownBy(() -> PollingPolicy.parse("launchBackoff=0.7")).hasMessageContaining("launch back-off");
  }
}
