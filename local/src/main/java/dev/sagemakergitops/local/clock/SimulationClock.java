package dev.sagemakergitops.local.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time the local control plane's state machines run on.
 *
 * <ul>
 *   <li>{@link #virtual(Instant)}: stands still until told to move ({@link #advance(Duration)}), so a
 *       test drives a canary deployment with 10-minute bakes in milliseconds and sees every step;
 *   <li>{@link #scaled(double)}: real time sped up, for people ({@code 60} = one simulated minute per
 *       second).
 * </ul>
 *
 * It is a {@link Clock}, so code under test that takes a {@code Clock} can share it with the
 * control plane and a poller's sleep can be an {@link #advance(Duration)}.
 */
public abstract class SimulationClock extends Clock {

  public static VirtualClock virtual(Instant start) {
    return new VirtualClock(start);
  }

  public static ScaledClock scaled(double scale) {
    return new ScaledClock(Clock.systemUTC(), scale);
  }

  /**
   * Moves simulated time forward by {@code duration}; on a scaled clock this shifts it, as if that
   * much more simulated time had passed.
   */
  public abstract void advance(Duration duration);

  /** True when time only moves through {@link #advance(Duration)}. */
  public abstract boolean isVirtual();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation runs in UTC");
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }
}
