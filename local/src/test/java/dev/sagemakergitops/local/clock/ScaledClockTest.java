package dev.sagemakergitops.local.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
  private final MutableClock real = MutableClock.at(Instant.parse("2026-11-02T09:00:00Z"));
  private final ScaledClock clock = new ScaledClock(real, 600);

  @Test
  void instant_runsTheScaleFasterThanRealTime() {
    real.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-02T09:10:00Z"));
  }

  @Test
  void pause_holdsSimulatedTimeUntilResumed_thenItRunsOnFromWhereItStood() {
    real.advance(Duration.ofSeconds(1));
    clock.pause();

    real.advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-02T09:10:00Z"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));

    clock.resume();
    real.advance(Duration.ofSeconds(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-02T09:25:00Z"));
  }
}
