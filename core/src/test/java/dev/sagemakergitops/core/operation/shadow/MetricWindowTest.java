package dev.sagemakergitops.core.operation.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The comparison window, shrunk to whole CloudWatch periods. */
class MetricWindowTest {
  private static final Instant START = Instant.parse("2026-11-02T09:04:11Z");

  @Test
  void within_whenRecent_usesWholeMinutesInsideTheInterval() {
    MetricWindow window = MetricWindow.within(START, Instant.parse("2026-11-02T09:55:11Z"),
        Instant.parse("2026-11-02T09:58:11Z"));

    assertThat(window).isEqualTo(new MetricWindow(Instant.parse("2026-11-02T09:05:00Z"),
        Instant.parse("2026-11-02T09:55:00Z"), 60));
  }

  @Test
  void within_whenTheStartIsOlderThanFifteenDays_usesFiveMinutePeriods() {
    Instant end = START.plus(Duration.ofDays(29));

    MetricWindow window = MetricWindow.within(START, end, end.plus(Duration.ofMinutes(3)));

    assertThat(window.periodSeconds()).isEqualTo(300);
    assertThat(window.start()).isEqualTo(Instant.parse("2026-11-02T09:05:00Z"));
    assertThat(window.end().getEpochSecond() % 300).isZero();
    assertThat(window.end()).isBeforeOrEqualTo(end);
  }

  @Test
  void within_whenShorterThanAPeriod_isEmpty() {
    assertThat(MetricWindow.within(START, START.plusSeconds(30), START.plusSeconds(60)).isEmpty()).isTrue();
  }
}
