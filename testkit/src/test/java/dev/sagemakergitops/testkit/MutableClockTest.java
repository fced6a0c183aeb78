package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void advance_whenCalled_movesThisClockAndItsZoneViews() {
    MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(90));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T01:30:00Z"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void set_whenCalled_putsTheClockThere() {
    MutableClock clock = MutableClock.startingAtDefault();
    clock.set(Instant.parse("2030-05-05T05:05:05Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z").toEpochMilli());
  }
}
