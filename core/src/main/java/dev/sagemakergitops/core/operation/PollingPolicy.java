package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to poll next. Operations know much of SageMaker's schedule (a bake ends exactly
 * {@code WaitIntervalInSeconds} after it starts; instances take minutes to launch), so they poll just
 * after a change is due instead of at a fixed rate, and every {@link #interval} while a change is due
 * but has not shown yet. Jitter spreads the polls of many pipelines; throttling backs off
 * exponentially.
 *
 * <p>The SDK waiters poll every 30 seconds whatever happens; see {@code docs/benchmarks.md} for how
 * the two compare in calls made and in the lag between a change and its detection.
 *
 * <p>Configurable from outside in one line, {@link #parse}: {@code interval=8s,alarmWatch=30s} (the
 * knobs not named keep their defaults); {@link #toString} writes the same notation.
 *
 * @param interval the poll interval while a change is due or its time is unknown; this bounds the
 *     detection lag
 * @param minimum the shortest wait between two polls
 * @param maximum the longest wait between two polls, however far off the next change is
 * @param provisioningEstimate how long SageMaker usually takes before instances it launches serve
 *     (endpoint fleets, shadow variants, transform and training clusters); the first poll after a
 *     launch waits this long
 * @param jitter the share of a wait added or removed at random (0 to 0.5)
 * @param throttledMaximum the longest back-off after repeated throttling
 * @param alarmWatch how often the rollback alarms are looked at while a deployment bakes under them
 *     (one {@code DescribeAlarms}, instead of a {@code DescribeEndpoint}): this bounds the time an
 *     alarm-triggered rollback goes unnoticed
 * @param launchBackoff 0 to 0.5: once a launch has outlasted the provisioning estimate, each wait is at
 *     least this share of the time the launch has taken so far (0: every interval). A long launch is
 *     then looked at less often, its end seen within that share of its own length
 */
public record PollingPolicy(Duration interval, Duration minimum, Duration maximum, Duration provisioningEstimate,
    double jitter, Duration throttledMaximum, Duration alarmWatch, double launchBackoff) {

  /** {@link #alarmWatch}'s default: CloudWatch evaluates a standard alarm once a minute. */
  public static final Duration DEFAULT_ALARM_WATCH = Duration.ofMinutes(1);

  private static final Pattern SETTING = Pattern.compile("\\s*(\\w+)\\s*=\\s*([^,\\s]+)\\s*");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public PollingPolicy {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    Objects.requireNonNull(provisioningEstimate, "provisioningEstimate");
    Objects.requireNonNull(throttledMaximum, "throttledMaximum");
    Objects.requireNonNull(alarmWatch, "alarmWatch");
    if (minimum.isNegative() || interval.compareTo(minimum) < 0 || maximum.compareTo(interval) < 0) {
      throw new IllegalArgumentException("expected 0 <= minimum <= interval <= maximum, got minimum " + minimum
          + ", interval " + interval + ", maximum " + maximum);
    }
    if (jitter < 0 || jitter > 0.5) {
      throw new IllegalArgumentException("expected a jitter between 0 and 0.5, got " + jitter);
    }
    if (alarmWatch.compareTo(minimum) < 0 || alarmWatch.isZero()) {
      throw new IllegalArgumentException("expected an alarm watch of at least the minimum (" + minimum + ") and more "
          + "than 0, got " + alarmWatch);
    }
    if (launchBackoff < 0 || launchBackoff > 0.5) {
      throw new IllegalArgumentException("expected a launch back-off between 0 and 0.5, got " + launchBackoff);
    }
  }

  /** A policy with the default {@link #alarmWatch} and no {@link #launchBackoff}. */
  public PollingPolicy(Duration interval, Duration minimum, Duration maximum, Duration provisioningEstimate,
      double jitter, Duration throttledMaximum) {
    this(interval, minimum, maximum, provisioningEstimate, jitter, throttledMaximum, DEFAULT_ALARM_WATCH, 0);
  }

  /**
   * The defaults: an 8-second interval (so a change is seen within 10 seconds even with jitter),
   * polls at most 5 minutes apart, a 3-minute provisioning estimate (SageMaker launches instances in
   * 3 to 10 minutes), 10 % jitter, throttling backs off up to 2 minutes, rollback alarms looked at
   * every minute of a bake, a launch past its estimate looked at every interval (no launch back-off).
   */
  public static PollingPolicy defaults() {
    return new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2), DEFAULT_ALARM_WATCH, 0);
  }

  /**
   * The {@link #defaults()} with the knobs {@code settings} names changed: comma-separated
   * {@code name=value} pairs, the names those of the record's components, durations written
   * {@code 500ms}, {@code 8s}, {@code 3m} or {@code 1h}, the jitter a fraction ({@code 0.1}). For
   * example {@code interval=5s,provisioningEstimate=6m,alarmWatch=30s}. Blank means the defaults.
   *
   * @throws IllegalArgumentException naming the setting that is not understood, or the constraint a
   *     value breaks
   */
  public static PollingPolicy parse(String settings) {
    PollingPolicy p = defaults();
    if (settings == null || settings.isBlank()) {
      return p;
    }
    for (String setting : settings.split(",", -1)) {
      Matcher m = SETTING.matcher(setting);
      if (!m.matches()) {
        throw new IllegalArgumentException("expected name=value in the polling settings, got '" + setting.strip()
            + "' (for example interval=8s,alarmWatch=1m)");
      }
      String name = m.group(1);
      String value = m.group(2);
      p = switch (name) {
        case "interval" -> new PollingPolicy(duration(name, value), p.minimum, p.maximum, p.provisioningEstimate,
            p.jitter, p.throttledMaximum, p.alarmWatch, p.launchBackoff);
        case "minimum" -> new PollingPolicy(p.interval, duration(name, value), p.maximum, p.provisioningEstimate,
            p.jitter, p.throttledMaximum, p.alarmWatch, p.launchBackoff);
        case "maximum" -> new PollingPolicy(p.interval, p.minimum, duration(name, value), p.provisioningEstimate,
            p.jitter, p.throttledMaximum, p.alarmWatch, p.launchBackoff);
        case "provisioningEstimate" -> new PollingPolicy(p.interval, p.minimum, p.maximum, duration(name, value),
            p.jitter, p.throttledMaximum, p.alarmWatch, p.launchBackoff);
        case "jitter" -> new PollingPolicy(p.interval, p.minimum, p.maximum, p.provisioningEstimate,
            fraction(name, value), p.throttledMaximum, p.alarmWatch, p.launchBackoff);
        case "throttledMaximum" -> new PollingPolicy(p.interval, p.minimum, p.maximum, p.provisioningEstimate,
            p.jitter, duration(name, value), p.alarmWatch, p.launchBackoff);
        case "alarmWatch" -> new PollingPolicy(p.interval, p.minimum, p.maximum, p.provisioningEstimate,
            p.jitter, p.throttledMaximum, duration(name, value), p.launchBackoff);
        case "launchBackoff" -> new PollingPolicy(p.interval, p.minimum, p.maximum, p.provisioningEstimate,
            p.jitter, p.throttledMaximum, p.alarmWatch, fraction(name, value));
        default -> throw new IllegalArgumentException("unknown polling setting '" + name + "'; expected one of "
            + "interval, minimum, maximum, provisioningEstimate, jitter, throttledMaximum, alarmWatch, launchBackoff");
      };
    }
    return p;
  }

  private static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 8s, 3m or 1h for polling setting "
          + name + ", got '" + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static double fraction(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a fraction such as 0.1 for polling setting " + name + ", got '"
          + value + "'", e);
    }
  }

  /** The same policy without jitter, for reproducible benchmarks and tests. */
  public PollingPolicy withoutJitter() {
    return new PollingPolicy(interval, minimum, maximum, provisioningEstimate, 0, throttledMaximum, alarmWatch,
        launchBackoff);
  }

  /** The same policy looking at rollback alarms every {@code value} during a bake. */
  public PollingPolicy withAlarmWatch(Duration value) {
    return new PollingPolicy(interval, minimum, maximum, provisioningEstimate, jitter, throttledMaximum, value,
        launchBackoff);
  }

  /** Every knob, in {@link #parse}'s notation: {@code interval=8s,minimum=1s,...}. */
  @Override
  public String toString() {
    return "interval=" + text(interval) + ",minimum=" + text(minimum) + ",maximum=" + text(maximum)
        + ",provisioningEstimate=" + text(provisioningEstimate) + ",jitter=" + jitter
        + ",throttledMaximum=" + text(throttledMaximum) + ",alarmWatch=" + text(alarmWatch) + ",launchBackoff="
        + launchBackoff;
  }

  private static String text(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds != 0 && seconds % 3600 == 0 ? seconds / 3600 + "h"
        : seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /**
   * The wait until the next poll when the next change is due at {@code due}: just after it (with
   * jitter that only ever delays, never anticipates), or {@link #interval} when it is already due.
   */
  public Duration until(Instant now, Instant due, RandomGenerator random) {
    Duration left = Duration.between(now, due);
    if (left.compareTo(interval) <= 0) {
      return jittered(interval, random);
    }
    Duration wait = left.compareTo(maximum) > 0 ? maximum : left;
    // Late rather than early: a poll before the change costs a call and learns nothing.
    long extraMillis = (long) (Math.min(interval.toMillis(), wait.toMillis()) * jitter * random.nextDouble());
    return clamp(wait.plusMillis(extraMillis));
  }

  /** The wait when nothing is known of the next change's time. */
  public Duration unknown(RandomGenerator random) {
    return jittered(interval, random);
  }

  /**
   * The wait after a launch: until the {@link #provisioningEstimate} has passed, then every interval,
   * or with a {@link #launchBackoff} at least that share of the time the launch has taken.
   */
  public Duration afterLaunch(Instant now, Instant launchedAt, RandomGenerator random) {
    Instant due = launchedAt.plus(provisioningEstimate);
    if (launchBackoff > 0 && Duration.between(now, due).compareTo(interval) <= 0) {
      Duration share = Duration.ofMillis((long) (Duration.between(launchedAt, now).toMillis() * launchBackoff));
      if (share.compareTo(interval) > 0) {
        return jittered(share.compareTo(maximum) > 0 ? maximum : share, random);
      }
    }
    return until(now, due, random);
  }

  /** The wait after {@code consecutive} throttled polls in a row (1 or more). */
  public Duration afterThrottling(int consecutive, RandomGenerator random) {
    long base = interval.toMillis() << Math.min(Math.max(consecutive - 1, 0), 16);
    long capped = Math.min(base, throttledMaximum.toMillis());
    // Full jitter between half and all of the back-off, as AWS recommends for retries.
    return Duration.ofMillis(capped / 2 + (long) (random.nextDouble() * (capped / 2.0)));
  }

  private Duration jittered(Duration wait, RandomGenerator random) {
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return clamp(Duration.ofMillis(Math.round(wait.toMillis() * factor)));
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(minimum) < 0) {
      return minimum;
    }
    return wait.compareTo(maximum.plus(interval)) > 0 ? maximum.plus(interval) : wait;
  }
}
