package dev.sagemakergitops.core.manifest;

import java.time.Duration;

/** The manifest's duration notation: a whole number and one unit of {@code s}, {@code m}, {@code h}, {@code d}. */
public final class Durations {
  private Durations() {}

  static Duration of(long amount, char unit) {
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("unknown duration unit " + unit);
    };
  }

  /** The shortest exact manifest notation of {@code duration}: {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}. */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
