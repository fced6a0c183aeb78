package dev.sagemakergitops.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it.
 *
 * <p>Code under test takes a {@link Clock}; tests hand it one of these so that timestamps, deadlines
 * and commit times are the same on every run. Clocks made by {@link #withZone(ZoneId)} share the
 * instant with the clock they came from, so advancing one advances all of them (as zones of one real
 * clock would).
 */
public final class MutableClock extends Clock {

  /** 2026-01-01T00:00:00Z: a fixed, readable starting point for tests that do not care. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  // Shared between zone views; atomic because pollers under test may read it from another thread.
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start} in UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock at {@link #DEFAULT_START} in UTC. */
  public static MutableClock startingAtDefault() {
    return at(DEFAULT_START);
  }

  /** Moves the clock forward (or backward, for a negative duration) and returns the new instant. */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(current -> current.plus(duration));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public MutableClock withZone(ZoneId newZone) {
    return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
