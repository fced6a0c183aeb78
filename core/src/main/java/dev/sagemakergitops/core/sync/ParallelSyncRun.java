package dev.sagemakergitops.core.sync;

import dev.sagemakergitops.core.schedule.WakeUpScheduler;
import dev.sagemakergitops.core.schedule.Wakeable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a planned sync's chains concurrently ({@code sync --parallel N}): each item's steps (shadow
 * test, deploy, transforms) in order, as {@link SyncRun} does, but up to {@code parallel} items at
 * once, all followed by one {@link WakeUpScheduler}, with the same {@link SyncJournal}.
 *
 * <ul>
 *   <li>Items start in path order as places free up; an item whose endpoint another running item
 *       names waits for it (two chains never deploy the same endpoint at once).
 *   <li>A chain that fails (or is blocked by a rollback of the same change) ends itself only; the
 *       others run on. With {@code failFast}, no chain starts after the first failure; chains already
 *       running are followed to their end (stopping them midway would leave endpoints mid-deployment),
 *       and the items never started are reported as such.
 *   <li>The journal is closed at the end unless a step was interrupted, as for {@link SyncRun}.
 * </ul>
 */
public final class ParallelSyncRun {
  private ParallelSyncRun() {}

  /**
   * How the caller starts a step and reads its outcome.
   *
   * @param <O> the caller's outcome of one step
   */
  public interface Steps<O> {
    /** The outcome reported for {@code item}, blocked because its endpoint already rolled back this change. */
    O blocked(SyncItem item);

    /** Starts {@code step} of {@code item}; nothing waits in here, the scheduler wakes the run. */
    StepRun<O> start(SyncItem item, String step);

    boolean succeeded(O outcome);

    /** Whether the step was interrupted (its cancellation saved): the journal stays for the next run. */
    boolean interrupted(O outcome);
  }

  /**
   * One step's run: woken by the scheduler until it is over, then its outcome.
   *
   * @param <O> the caller's outcome
   */
  public interface StepRun<O> extends Wakeable {
    /** How it ended; called once {@link #wake()} has returned empty, or after {@link #interrupted()}. */
    O outcome();
  }

  /**
   * What happened to one item.
   *
   * @param item the item
   * @param started whether its chain started (false: unchanged, or not started after a failure with fail-fast)
   * @param outcomes the outcome of each step that ran, in order, the failing one last
   */
  public record ChainResult<O>(SyncItem item, boolean started, List<O> outcomes) {
    public ChainResult {
      Objects.requireNonNull(item, "item");
      outcomes = List.copyOf(outcomes);
    }
  }

  /**
   * Runs {@code items}' chains, up to {@code parallel} at once, on {@code scheduler}.
   *
   * @return a result per item, in the items' order
   * @throws InterruptedException when the calling thread is interrupted: the running steps were
   *     cancelled and saved (their outcomes say so), the journal is kept for the next run
   */
  public static <O> List<ChainResult<O>> run(List<SyncItem> items, SyncJournal journal, Steps<O> steps, int parallel,
      boolean failFast, WakeUpScheduler scheduler) throws InterruptedException {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel: expected 1 or more, got " + parallel);
    }
    Map<String, List<String>> owed = new LinkedHashMap<>();
    items.stream().filter(SyncItem::runs).forEach(i -> owed.put(i.manifest().origin().manifestPath(), i.steps()));
    journal.plan(owed);
    Fleet<O> fleet = new Fleet<>(items, journal, steps, parallel, failFast, scheduler);
    fleet.startWhatCan();
    scheduler.runAll();
    List<ChainResult<O>> results = fleet.results();
    boolean interrupted = results.stream().flatMap(r -> r.outcomes().stream()).anyMatch(steps::interrupted);
    if (!interrupted) {
      journal.finish();
    }
    return results;
  }

  /** The chains of one run: which wait, which run, which endpoints are taken. */
  private static final class Fleet<O> {
    private final SyncJournal journal;
    private final Steps<O> steps;
    private final int parallel;
    private final boolean failFast;
    private final WakeUpScheduler scheduler;
    private final Map<SyncItem, Chain> chains = new LinkedHashMap<>();
    private final Deque<Chain> waiting = new ArrayDeque<>();
    private final Set<String> busyEndpoints = new HashSet<>();
    private int running;
    private boolean failed;

    Fleet(List<SyncItem> items, SyncJournal journal, Steps<O> steps, int parallel, boolean failFast,
        WakeUpScheduler scheduler) {
      this.journal = journal;
      this.steps = steps;
      this.parallel = parallel;
      this.failFast = failFast;
      this.scheduler = scheduler;
      for (SyncItem item : items) {
        Chain chain = new Chain(item);
        chains.put(item, chain);
        if (item.changed()) {
          waiting.add(chain);
        }
      }
    }

    /** Starts waiting chains, in order, while there is room and their endpoint is free. */
    synchronized void startWhatCan() {
      Iterator<Chain> next = waiting.iterator();
      while (next.hasNext() && running < parallel && !(failFast && failed)) {
        Chain chain = next.next();
        String endpoint = chain.item.endpoint();
        if (endpoint != null && busyEndpoints.contains(endpoint)) {
          continue;
        }
        next.remove();
        if (endpoint != null) {
          busyEndpoints.add(endpoint);
        }
        running++;
        chain.started = true;
        scheduler.submit(chain);
      }
    }

    synchronized void ended(Chain chain, boolean succeeded) {
      running--;
      failed |= !succeeded;
      if (chain.item.endpoint() != null) {
        busyEndpoints.remove(chain.item.endpoint());
      }
      startWhatCan();
    }

    synchronized void done(SyncItem item, String step) {
      journal.done(item.manifest().origin().manifestPath(), step);
    }

    synchronized List<ChainResult<O>> results() {
      return chains.values().stream().map(c -> new ChainResult<>(c.item, c.started, c.outcomes)).toList();
    }

    /** One item's steps, one after the other, as one piece of work for the scheduler. */
    private final class Chain implements Wakeable {
      private final SyncItem item;
      private final List<O> outcomes = new ArrayList<>();
      private int next;
      private StepRun<O> current;
      private boolean started;

      Chain(SyncItem item) {
        this.item = item;
      }

      @Override
      public Optional<Duration> wake() {
        if (item.blocked() != null) {
          outcomes.add(steps.blocked(item));
          ended(this, false);
          return Optional.empty();
        }
        if (next >= item.steps().size()) {
          ended(this, true);
          return Optional.empty();
        }
        if (current == null) {
          current = steps.start(item, item.steps().get(next));
        }
        Optional<Duration> wait;
        try {
          wait = current.wake();
        } catch (RuntimeException e) {
          ended(this, false);
          throw e;
        }
        if (wait.isPresent()) {
          return wait;
        }
        O outcome = current.outcome();
        outcomes.add(outcome);
        current = null;
        if (!steps.succeeded(outcome)) {
          ended(this, false);
          return Optional.empty();
        }
        done(item, item.steps().get(next));
        next++;
        if (next < item.steps().size()) {
          return Optional.of(Duration.ZERO);
        }
        ended(this, true);
        return Optional.empty();
      }

      @Override
      public void interrupted() {
        if (current != null) {
          current.interrupted();
          outcomes.add(current.outcome());
          current = null;
        }
      }
    }
  }
}
