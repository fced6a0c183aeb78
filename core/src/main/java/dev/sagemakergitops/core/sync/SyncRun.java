package dev.sagemakergitops.core.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a planned sync: the steps every item owes, in order, written into the {@link SyncJournal}
 * before the first one and struck off one by one, so that a sync killed at any point is finished by
 * the next sync of the same commit. It stops at the first step that does not succeed (an item
 * blocked by a rollback of the same change counts as one); the journal is closed unless a step was
 * interrupted, which the next run resumes.
 *
 * <p>How a step runs (the operation, where its state is saved, what is printed) is the caller's,
 * through {@link Steps}.
 */
public final class SyncRun {
  private SyncRun() {}

  /**
   * What runs a step and reads its outcome.
   *
   * @param <O> the caller's outcome of one step
   */
  public interface Steps<O> {
    /** The outcome reported for {@code item}, blocked because its endpoint already rolled back this change. */
    O blocked(SyncItem item);

    /** Runs {@code step} ({@link SyncItem#SHADOW}, {@link SyncItem#DEPLOY}, or a transform) of {@code item}. */
    O run(SyncItem item, String step);

    boolean succeeded(O outcome);

    /** Whether the step was interrupted (its cancellation saved): the journal stays for the next run. */
    boolean interrupted(O outcome);
  }

  /** Runs {@code items}' steps in order; returns the outcome of each step that ran, the failing one last. */
  public static <O> List<O> run(List<SyncItem> items, SyncJournal journal, Steps<O> steps) {
    Map<String, List<String>> owed = new LinkedHashMap<>();
    items.stream().filter(SyncItem::runs).forEach(i -> owed.put(i.manifest().origin().manifestPath(), i.steps()));
    journal.plan(owed);
    List<O> outcomes = new ArrayList<>();
    for (SyncItem item : items) {
      if (!runSteps(item, journal, steps, outcomes)) {
        break;
      }
    }
    if (outcomes.stream().noneMatch(steps::interrupted)) {
      journal.finish();
    }
    return outcomes;
  }

  /** Runs {@code item}'s steps in order; false when one did not succeed (the sync stops). */
  private static <O> boolean runSteps(SyncItem item, SyncJournal journal, Steps<O> steps, List<O> outcomes) {
    if (item.blocked() != null) {
      outcomes.add(steps.blocked(item));
      return false;
    }
    for (String step : item.steps()) {
      O outcome = steps.run(item, step);
      outcomes.add(outcome);
      if (!steps.succeeded(outcome)) {
        return false;
      }
      journal.done(item.manifest().origin().manifestPath(), step);
    }
    return true;
  }
}
