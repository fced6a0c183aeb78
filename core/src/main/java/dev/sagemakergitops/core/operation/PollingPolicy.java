package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

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
 * @param interval the poll interval while a change is due or its time is unknown; this bounds the
 *     detection lag
 * @param minimum the shortest wait between two polls
 * @param maximum the longest wait between two polls, however far off the next change is
 * @param provisioningEstimate how long SageMaker usually takes before instances it launches serve
 *     (endpoint fleets, shadow variants, transform and training clusters); the first poll after a
 *     launch waits this long
 * @param jitter the share of a wait added or removed at random (0 to 0.5)
 * @param throttledMaximum the longest back-off after repeated throttling
 */
public record PollingPolicy(Duration interval, Duration minimum, Duration maximum, Duration provisioningEstimate,
    double jitter, Duration throttledMaximum) {

  public PollingPolicy {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    Objects.requireNonNull(provisioningEstimate, "provisioningEstimate");
    Objects.requireNonNull(throttledMaximum, "throttledMaximum");
    if (minimum.isNegative() || interval.compareTo(minimum) < 0 || maximum.compareTo(interval) < 0) {
      throw new IllegalArgumentException("expected 0 <= minimum <= interval <= maximum, got minimum " + minimum
          + ", interval " + interval + ", maximum " + maximum);
    }
    if (jitter < 0 || jitter > 0.5) {
      throw new IllegalArgumentException("expected a jitter between 0 and 0.5, got " + jitter);
    }
  }

  /**
   * The defaults: an 8-second interval (so a change is seen within 10 seconds even with jitter),
   * polls at most 5 minutes apart, a 3-minute provisioning estimate (SageMaker launches instances in
   * 3 to 10 minutes), 10 % jitter, throttling backs off up to 2 minutes.
   */
  public static PollingPolicy defaults() {
    return new PollingPolicy(Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofMinutes(3), 0.1, Duration.ofMinutes(2));
  }

  /** The same policy without jitter, for reproducible benchmarks and tests. */
  public PollingPolicy withoutJitter() {
    return new PollingPolicy(interval, minimum, maximum, provisioningEstimate, 0, throttledMaximum);
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

  /** The wait after a launch: {@link #provisioningEstimate}. */
  public Duration afterLaunch(Instant now, Instant launchedAt, RandomGenerator random) {
    return until(now, launchedAt.plus(provisioningEstimate), random);
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
