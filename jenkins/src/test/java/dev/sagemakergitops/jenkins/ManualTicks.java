package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.local.LocalControlPlane;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A scheduler the test plays: each task waits in a queue until the test runs it, and running it
 * first moves the local control plane's virtual clock to the task's time. No real time passes. The
 * operations measure time by the same virtual clock ({@link #clock()}).
 */
final class ManualTicks implements TickScheduler {
  private final LocalControlPlane local;
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(Comparator.comparing(Scheduled::due).thenComparingLong(Scheduled::order));
  private long order;
  private Runnable everyMinute;

  ManualTicks(LocalControlPlane local) {
    this.local = local;
  }

  @Override
  public synchronized Future<?> schedule(Runnable task, Duration delay) {
    FutureTask<Void> future = new FutureTask<>(task, null);
    queue.add(new Scheduled(local.clock().instant().plus(delay), order++, future));
    return future;
  }

  @Override
  public Clock clock() {
    return local.clock();
  }

  /**
   * Runs {@code action} at every whole virtual minute the ticks pass (live traffic, for example). It
   * depends on virtual time only, never on how the waits are cut.
   */
  void everyMinute(Runnable action) {
    everyMinute = action;
  }

  /** Tasks waiting and not cancelled. */
  synchronized long pending() {
    return queue.stream().filter(s -> !s.future().isCancelled()).count();
  }

  /** Runs the next task at its time; false when none is waiting. */
  boolean runNext() {
    Scheduled next;
    synchronized (this) {
      do {
        next = queue.poll();
      } while (next != null && next.future().isCancelled());
    }
    if (next == null) {
      return false;
    }
    advanceTo(next.due());
    next.future().run();
    return true;
  }

  /** Runs tasks until none waits; returns how many ran. */
  int runAll() {
    int ran = 0;
    while (runNext()) {
      if (++ran > 500) {
        throw new AssertionError("still ticking after 500 tasks");
      }
    }
    return ran;
  }

  private void advanceTo(Instant due) {
    if (everyMinute != null) {
      Instant minute = Instant.ofEpochSecond((local.clock().instant().getEpochSecond() / 60 + 1) * 60);
      while (!minute.isAfter(due)) {
        local.advance(Duration.between(local.clock().instant(), minute));
        everyMinute.run();
        minute = minute.plusSeconds(60);
      }
    }
    Duration wait = Duration.between(local.clock().instant(), due);
    if (!wait.isNegative() && !wait.isZero()) {
      local.advance(wait);
    }
  }

  private record Scheduled(Instant due, long order, FutureTask<Void> future) {}
}
