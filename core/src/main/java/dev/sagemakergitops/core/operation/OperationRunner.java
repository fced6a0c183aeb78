package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.TransientFailures;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Drives an operation to its end in one process: begin (or resume a saved state), then poll, save
 * and wait until it finishes. What the command line runs; Jenkins does the same with its own
 * scheduler instead of a waiting thread.
 *
 * <p>The state is saved after every poll, so a process that dies is resumed by running again with
 * the same store and key: the saved state is picked up, and the poll that was interrupted is
 * repeated, which attaches to whatever it had already created. A poll that fails transiently
 * (throttling that outlasted the SDK's retries, a 5xx, a lost connection) leaves the state as it was
 * and is retried after a back-off.
 */
public final class OperationRunner {
  /** Begin is retried this often before a transient failure is reported: a few minutes of back-off. */
  private static final int MAX_BEGIN_ATTEMPTS = 8;

  private final OperationContext context;
  private final Sleeper sleeper;
  private final Consumer<OperationEvent> progress;

  public OperationRunner(OperationContext context, Sleeper sleeper, Consumer<OperationEvent> progress) {
    this.context = Objects.requireNonNull(context, "context");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Runs {@code operation} for {@code request}, or resumes the state saved under {@code key}.
   *
   * @return the finished step: {@link Step.Succeeded} or {@link Step.Failed}
   * @throws OperationInputException when the request is refused before anything changed
   * @throws InterruptedException when the thread is interrupted; the operation is cancelled first
   *     and its state saved, so a later run sees the cancellation through (when the cancellation
   *     itself fails, its failure is suppressed in this exception and the state is left as it was)
   */
  public <Q, S extends OperationState, R> Step<S, R> run(Operation<Q, S, R> operation, Q request, StateStore store,
      String key) throws InterruptedException {
    Optional<S> saved = store.load(key, operation.name(), operation.stateType());
    S state;
    if (saved.isPresent()) {
      state = saved.get();
      progress.accept(event(state, "resuming " + operation.name() + " from its saved state (phase " + state.phase() + ")"));
    } else {
      state = begin(operation, request);
      store.save(key, operation.name(), state);
    }
    return drive(operation, state, store, key);
  }

  /**
   * {@code operation.begin(request)}, repeated after a back-off while it fails transiently: begin
   * only reads (pre-flight checks, descriptions), so repeating it is always safe.
   */
  private <Q, S extends OperationState, R> S begin(Operation<Q, S, R> operation, Q request)
      throws InterruptedException {
    int failures = 0;
    while (true) {
      try {
        return operation.begin(request);
      } catch (RuntimeException e) {
        if (!TransientFailures.isTransient(e) || ++failures > MAX_BEGIN_ATTEMPTS) {
          throw e;
        }
        Duration wait = context.polling().afterThrottling(failures, context.random());
        progress.accept(new OperationEvent(context.clock().instant(), "begin", (TransientFailures.isThrottling(e)
            ? "AWS is throttling" : "AWS call failed (" + e.getClass().getSimpleName() + ")")
            + " while checking the request; trying again in " + wait.toSeconds() + " s"));
        sleeper.sleep(wait);
      }
    }
  }

  /** Polls {@code state} to the end, saving it under {@code key} after every poll. */
  public <Q, S extends OperationState, R> Step<S, R> drive(Operation<Q, S, R> operation, S state, StateStore store,
      String key) throws InterruptedException {
    S current = state;
    int throttled = 0;
    while (true) {
      Step<S, R> step;
      try {
        step = operation.poll(current);
        throttled = 0;
      } catch (RuntimeException e) {
        if (!TransientFailures.isTransient(e)) {
          throw e;
        }
        throttled++;
        RuntimeException settled = EventualConsistency.settled(e, throttled);
        if (settled != null) {
          throw settled;
        }
        Duration wait = context.polling().afterThrottling(throttled, context.random());
        progress.accept(event(current, (TransientFailures.isThrottling(e) ? "AWS is throttling" : "AWS call failed ("
            + e.getClass().getSimpleName() + ")") + "; polling again in " + wait.toSeconds() + " s"));
        pause(operation, current, store, key, wait);
        continue;
      }
      current = step.state();
      store.save(key, operation.name(), current);
      step.events().forEach(progress);
      if (step.isFinished()) {
        return step;
      }
      pause(operation, current, store, key, ((Step.Running<S, R>) step).pollAfter());
    }
  }

  private <Q, S extends OperationState, R> void pause(Operation<Q, S, R> operation, S state, StateStore store,
      String key, Duration wait) throws InterruptedException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      S cancelled;
      try {
        cancelled = operation.cancel(state);
      } catch (RuntimeException cancelFailure) {
        // The interrupt is what the caller must see (the build was aborted); the saved state stays as it was.
        e.addSuppressed(cancelFailure);
        progress.accept(event(state, operation.name() + " interrupted, but the cancellation failed ("
            + cancelFailure.getMessage() + "); run again to resume it, or stop it in the console"));
        throw e;
      }
      store.save(key, operation.name(), cancelled);
      progress.accept(event(cancelled, operation.name() + " interrupted: cancellation requested; run again to see it through"));
      throw e;
    }
  }

  private OperationEvent event(OperationState state, String message) {
    return new OperationEvent(context.clock().instant(), state.phase(), message);
  }
}
