package dev.sagemakergitops.local.clock;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The simulation's agenda: state changes due at simulated instants (a training job's next secondary
 * status, the end of a bake). Before a request is handled the control plane runs everything due by
 * then, in time order, so every answer reflects exactly the state at that simulated time, however
 * far a virtual clock jumped. Events may schedule further events. Not thread-safe: the control
 * plane calls it under its one lock.
 */
public final class Scheduler {
  private record Event(Instant at, long sequence, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Event> agenda = new PriorityQueue<>();
  private long sequence;
  private Instant current = Instant.EPOCH;

  /** Runs {@code action} when simulated time reaches {@code at} (at once on the next run if {@code at} has passed). */
  public void schedule(Instant at, Runnable action) {
    agenda.add(new Event(at, sequence++, action));
  }

  /** Runs every event due at or before {@code now}, in time order, including events they schedule. */
  public void runUntil(Instant now) {
    while (!agenda.isEmpty() && !agenda.peek().at().isAfter(now)) {
      Event event = agenda.poll();
      current = event.at().isAfter(current) ? event.at() : current;
      event.action().run();
    }
    current = now.isAfter(current) ? now : current;
  }

  /**
   * The simulated time of the event being run, or of the last run: state changes stamp this, not
   * the request's time, so a job that finished at 10:05 says 10:05 even when first asked at 11:00.
   */
  public Instant current() {
    return current;
  }

  public int pending() {
    return agenda.size();
  }

  public void clear() {
    agenda.clear();
  }
}
