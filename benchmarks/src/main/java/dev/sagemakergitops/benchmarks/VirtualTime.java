package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The benchmark's clock: a {@link Sleeper} that advances the local control plane's virtual clock
 * instead of waiting, one virtual second at a time, so that an observer can look at the world at
 * every whole second (and at the end of every wait, where the next poll happens), and scenario
 * actions (an alarm going off) happen at their own instant.
 */
final class VirtualTime implements Sleeper {
  private record Action(Instant at, long order, Runnable run) {}

  private final LocalControlPlane plane;
  private final List<Consumer<Instant>> observers = new ArrayList<>();
  private final PriorityQueue<Action> actions = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
      ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
  private long order;
  private boolean observing;

  VirtualTime(LocalControlPlane plane) {
    this.plane = plane;
  }

  Instant now() {
    return plane.clock().instant();
  }

  /** {@code observer} is called with the time after every step while {@link #observing} is on. */
  void onStep(Consumer<Instant> observer) {
    observers.add(observer);
  }

  /** Turns the observers on (measured part of a run) or off (setting up). */
  void observing(boolean on) {
    observing = on;
    if (on) {
      observe();
    }
  }

  /** Runs {@code action} when virtual time reaches {@code at} (at once, on the next step, if it has passed). */
  void at(Instant at, Runnable action) {
    actions.add(new Action(at, order++, action));
  }

  @Override
  public void sleep(Duration duration) {
    // The state the last poll left behind (its own UpdateEndpoint, say) is observed at the poll's instant.
    observe();
    Instant end = now().plus(duration);
    while (now().isBefore(end)) {
      Instant next = now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      if (next.isAfter(end)) {
        next = end;
      }
      if (!actions.isEmpty() && actions.peek().at.isAfter(now()) && actions.peek().at.isBefore(next)) {
        next = actions.peek().at;
      }
      plane.advance(Duration.between(now(), next));
      while (!actions.isEmpty() && !actions.peek().at.isAfter(now())) {
        actions.poll().run.run();
      }
      observe();
    }
  }

  private void observe() {
    if (observing) {
      Instant now = now();
      observers.forEach(o -> o.accept(now));
    }
  }
}
