package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.operation.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code rate} tokens a second, up to {@code capacity} saved up, one taken per call;
 * a caller that finds it empty waits for the next token. Reservations are handed out in order under
 * a lock and the waiting happens outside it, so callers on many threads queue fairly without
 * holding each other up.
 *
 * <p>Written here rather than taken from Guava's {@code RateLimiter}, the obvious library: that one
 * cannot be given a clock (its stopwatch is package-private), so it could not be tested without
 * real sleeps, and it would add Guava to every command's class path and start-up.
 */
final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double rate;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double tokens;
  private long updatedAt;

  /**
   * @param rate tokens added a second, more than 0
   * @param capacity the most tokens saved up (the burst), at least 1; the bucket starts full
   * @param nanoTime a monotonic time in nanoseconds ({@code System::nanoTime})
   * @param sleeper how a caller waits for its token
   */
  TokenBucket(double rate, double capacity, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(rate > 0) || capacity < 1) {
      throw new IllegalArgumentException("a token bucket needs a rate above 0 and a capacity of 1 or more, got "
          + rate + "/s and " + capacity);
    }
    this.rate = rate;
    this.capacity = capacity;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = capacity;
    this.updatedAt = nanoTime.getAsLong();
  }

  /** Takes a token, waiting as long as it takes for one. */
  void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  /** Takes the next token (the balance may go below zero) and says how long until it is really there. */
  synchronized Duration reserve() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - updatedAt) * rate / NANOS_PER_SECOND);
    updatedAt = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / rate * NANOS_PER_SECOND));
  }
}
