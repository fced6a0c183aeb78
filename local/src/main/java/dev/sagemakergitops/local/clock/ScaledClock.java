package dev.sagemakergitops.local.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Real time sped up by a factor, starting at the real now. Thread-safe.
 *
 * <p>It can be paused: simulated time then stands still (so does every resource's progress) until
 * it is resumed, and carries on from where it stood. Tests use this to hold AWS at a point (an
 * endpoint still {@code Creating}, a training job still {@code InProgress}) for as long as they
 * need, instead of racing the sped-up clock; AWS itself gives no bound on how long those phases last.
 */
public final class ScaledClock extends SimulationClock {
  private final Clock base;
  private final double scale;
  private final Instant realStart;
  private final Instant simulatedStart;
  private long extraNanos;
  private Instant pausedAt;

  ScaledClock(Clock base, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("the time scale must be positive, got " + scale);
    }
    this.base = base;
    this.scale = scale;
    this.realStart = base.instant();
    this.simulatedStart = realStart;
  }

  public double scale() {
    return scale;
  }

  @Override
  public synchronized Instant instant() {
    return pausedAt != null ? pausedAt : running();
  }

  @Override
  public synchronized void advance(Duration duration) {
    extraNanos += duration.toNanos();
    if (pausedAt != null) {
      pausedAt = pausedAt.plus(duration);
    }
  }

  /** Stops simulated time where it is now; {@link #advance} still moves it. */
  public synchronized void pause() {
    if (pausedAt == null) {
      pausedAt = running();
    }
  }

  /** Lets simulated time run again from where it stood. */
  public synchronized void resume() {
    if (pausedAt != null) {
      extraNanos -= Duration.between(pausedAt, running()).toNanos();
      pausedAt = null;
    }
  }

  private Instant running() {
    long realNanos = Duration.between(realStart, base.instant()).toNanos();
    return simulatedStart.plusNanos((long) (realNanos * scale) + extraNanos);
  }

  @Override
  public boolean isVirtual() {
    return false;
  }
}
