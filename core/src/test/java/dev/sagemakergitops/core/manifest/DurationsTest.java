package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0}{1} = {2} s")
  @CsvSource({
      "30, s, 30",
      "10, m, 600",
      "2, h, 7200",
      "1, d, 86400",
      "0, s, 0",
      "90, m, 5400",
  })
  void of_whenUnitIsKnown_givesTheDuration(long amount, char unit, long seconds) {
    assertThat(Durations.of(amount, unit)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void of_whenUnitIsUnknown_throws() {
    // The loader's pattern only lets s, m, h and d through; anything else reaching here is a bug.
    assertThatThrownBy(() -> Durations.of(5, 'w')).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("w");
  }

  @ParameterizedTest(name = "{0} s -> {1}")
  @CsvSource({
      "0, 0s",
      "30, 30s",
      "90, 90s",
      "600, 10m",
      "3600, 1h",
      "5400, 90m",
      "7200, 2h",
      "86400, 1d",
      "2592000, 30d",
      "90000, 25h",
      "61, 61s",
  })
  void format_whenGivenSeconds_usesTheLargestExactUnit(long seconds, String expected) {
    assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"30s", "10m", "2h", "1d", "90m"})
  void format_whenGivenAParsedDuration_writesItBackTheSame(String text) {
    Duration parsed = Durations.of(Long.parseLong(text.substring(0, text.length() - 1)), text.charAt(text.length() - 1));

    assertThat(Durations.format(parsed)).isEqualTo(text);
  }
}
