package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Drives an operation to its end in one process, on the calling thread: begin (or resume a saved
 * state), then poll, save and wait until it finishes; the work itself is an {@link OperationRun},
 * and this class only waits between its pieces. What the command line runs for one operation;
 * Jenkins does the same with its own scheduler instead of a waiting thread, and a parallel sync
 * with {@code core.schedule}.
 *
 * <p>The state is saved after every poll that changed it, so a process that dies is resumed by
 * running again with the same store and key: the saved state is picked up, and the poll that was interrupted is
 * repeated, which attaches to whatever it had already created. A poll that fails transiently
 * (throttling that outlasted the SDK's retries, a 5xx, a lost connection) leaves the state as it was
 * and is retried after a back-off.
 */
public final class OperationRunner {
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
    return drive(new OperationRun<>(context, operation, request, store, key, progress));
  }

  /** Polls {@code state} to the end, saving it under {@code key} after every poll. */
  public <Q, S extends OperationState, R> Step<S, R> drive(Operation<Q, S, R> operation, S state, StateStore store,
      String key) throws InterruptedException {
    return drive(OperationRun.from(context, operation, state, store, key, progress));
  }

  private <Q, S extends OperationState, R> Step<S, R> drive(OperationRun<Q, S, R> run) throws InterruptedException {
    while (true) {
      boolean started = run.started();
      Optional<Duration> wait = run.advance();
      if (wait.isEmpty()) {
        return run.finished();
      }
      if (!started && run.started()) {
        continue; // from begin (or the saved state) straight to the first poll
      }
      pause(run, wait.get());
    }
  }

  private void pause(OperationRun<?, ?, ?> run, Duration wait) throws InterruptedException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      try {
        run.cancel();
      } catch (RuntimeException cancelFailure) {
        // The interrupt is what the caller must see (the build was aborted); the saved state stays as it was.
        e.addSuppressed(cancelFailure);
      }
      throw e;
    }
  }
}
