package dev.sagemakergitops.local.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Real time sped up by a factor, starting at the real now. Thread-safe. */
public final class ScaledClock extends SimulationClock {
  private final Clock base;
  private final double scale;
  private final Instant realStart;
  private final Instant simulatedStart;
  private long extraNanos;

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
    long realNanos = Duration.between(realStart, base.instant()).toNanos();
    return simulatedStart.plusNanos((long) (realNanos * scale) + extraNanos);
  }

  @Override
  public synchronized void advance(Duration duration) {
    extraNanos += duration.toNanos();
  }

  @Override
  public boolean isVirtual() {
    return false;
  }
}
