package dev.sagemakergitops.local.clock;

import java.time.Duration;
import java.time.Instant;

/** Simulated time that moves only when told to. Thread-safe. */
public final class VirtualClock extends SimulationClock {
  private Instant now;

  VirtualClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + duration);
    }
    now = now.plus(duration);
  }

  @Override
  public boolean isVirtual() {
    return true;
  }
}
