package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.TransientFailures;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One operation run, a piece of work at a time: {@link #advance()} begins it (or resumes the saved
 * state), then makes one poll per call, saving the state after each poll that changed it, and says
 * how long to wait before the next call. It never waits itself, so whoever calls it decides how: the
 * {@link OperationRunner} sleeps on its thread, a scheduler that follows hundreds of runs wakes each
 * one when its poll is due (see {@code core.schedule}).
 *
 * <p>A begin or poll that fails transiently (throttling that outlasted the SDK's retries, a 5xx, a
 * lost connection) leaves the state as it was and asks for a back-off instead; begin is given
 * {@value #MAX_BEGIN_ATTEMPTS} attempts (it only reads, so repeating it is safe), a poll as many as
 * eventual consistency allows ({@link EventualConsistency#settled}).
 *
 * <p>A poll that leaves the state as it was (a wait that saw nothing new: most polls of a launch or
 * a bake) writes nothing: the saved state is already that state, so a process that dies after it
 * resumes exactly where it would have resumed had the state been written again. Whether a state
 * changed is the record's own {@code equals} (states are records of plain values); a state type
 * without value equality is simply saved after every poll. The first poll of a run made
 * {@link #from} a state saves it whatever it returns, since nothing says that state was saved.
 *
 * <p>Not thread-safe: one caller at a time (the scheduler never runs the same run twice at once).
 *
 * @param <Q> the operation's request
 * @param <S> its state
 * @param <R> its result
 */
public final class OperationRun<Q, S extends OperationState, R> {
  /** Begin is retried this often before a transient failure is reported: a few minutes of back-off. */
  static final int MAX_BEGIN_ATTEMPTS = 8;

  private final OperationContext context;
  private final Operation<Q, S, R> operation;
  private final Q request;
  private final StateStore store;
  private final String key;
  private final Consumer<OperationEvent> progress;

  private S state;
  // The state known to be in the store under key (loaded or written by this run), or null when unknown.
  private S saved;
  private boolean started;
  private int failures;
  private Step<S, R> finished;

  public OperationRun(OperationContext context, Operation<Q, S, R> operation, Q request, StateStore store, String key,
      Consumer<OperationEvent> progress) {
    this.context = Objects.requireNonNull(context, "context");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.request = request;
    this.store = Objects.requireNonNull(store, "store");
    this.key = Objects.requireNonNull(key, "key");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * A run that has begun already: its first {@link #advance()} polls {@code state} and saves what
   * that poll returns under {@code key}; later polls save the state when it changed, as for any run.
   */
  public static <Q, S extends OperationState, R> OperationRun<Q, S, R> from(OperationContext context,
      Operation<Q, S, R> operation, S state, StateStore store, String key, Consumer<OperationEvent> progress) {
    OperationRun<Q, S, R> run = new OperationRun<>(context, operation, null, store, key, progress);
    run.state = Objects.requireNonNull(state, "state");
    run.started = true;
    return run;
  }

  /**
   * Does the next piece of work: on the first call, load the saved state or begin; afterwards one
   * poll.
   *
   * @return how long to wait before the next call, or empty when the run is over ({@link #finished()})
   * @throws OperationInputException when the request is refused before anything changed
   * @throws RuntimeException an AWS failure that is not transient, or a transient one that lasted too long
   */
  public Optional<Duration> advance() {
    if (finished != null) {
      return Optional.empty();
    }
    if (!started) {
      return Optional.of(start());
    }
    return poll();
  }

  /** Whether the run has begun or resumed (a begin that failed transiently has not). */
  public boolean started() {
    return started;
  }

  /** The finished step ({@link Step.Succeeded} or {@link Step.Failed}), or {@code null} while the run goes on. */
  public Step<S, R> finished() {
    return finished;
  }

  /**
   * Asks the operation to stop what it started and saves the state that says so, so a later run
   * sees the cancellation through. Nothing is cancelled before the run has begun.
   *
   * @throws RuntimeException when the cancellation fails; the saved state is then left as it was
   */
  public void cancel() {
    if (state == null) {
      return;
    }
    try {
      state = operation.cancel(state);
    } catch (RuntimeException cancelFailure) {
      progress.accept(event(state, operation.name() + " interrupted, but the cancellation failed ("
          + cancelFailure.getMessage() + "); run again to resume it, or stop it in the console"));
      throw cancelFailure;
    }
    save();
    progress.accept(event(state, operation.name() + " interrupted: cancellation requested; run again to see it through"));
  }

  private Duration start() {
    if (failures == 0) {
      Optional<S> loaded = store.load(key, operation.name(), operation.stateType());
      if (loaded.isPresent()) {
        state = loaded.get();
        this.saved = state;
        started = true;
        progress.accept(event(state, "resuming " + operation.name() + " from its saved state (phase " + state.phase()
            + ")"));
        return Duration.ZERO;
      }
    }
    try {
      state = operation.begin(request);
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e) || ++failures > MAX_BEGIN_ATTEMPTS) {
        throw e;
      }
      Duration wait = context.polling().afterThrottling(failures, context.random());
      progress.accept(new OperationEvent(context.clock().instant(), "begin", (TransientFailures.isThrottling(e)
          ? "AWS is throttling" : "AWS call failed (" + e.getClass().getSimpleName() + ")")
          + " while checking the request; trying again in " + wait.toSeconds() + " s"));
      return wait;
    }
    started = true;
    failures = 0;
    save();
    return Duration.ZERO;
  }

  private Optional<Duration> poll() {
    Step<S, R> step;
    try {
      step = operation.poll(state);
      failures = 0;
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        throw e;
      }
      failures++;
      RuntimeException settled = EventualConsistency.settled(e, failures);
      if (settled != null) {
        throw settled;
      }
      Duration wait = context.polling().afterThrottling(failures, context.random());
      progress.accept(event(state, (TransientFailures.isThrottling(e) ? "AWS is throttling" : "AWS call failed ("
          + e.getClass().getSimpleName() + ")") + "; polling again in " + wait.toSeconds() + " s"));
      return Optional.of(wait);
    }
    state = step.state();
    if (!state.equals(saved)) {
      save();
    }
    step.events().forEach(progress);
    if (step.isFinished()) {
      finished = step;
      return Optional.empty();
    }
    return Optional.of(((Step.Running<S, R>) step).pollAfter());
  }

  private void save() {
    store.save(key, operation.name(), state);
    saved = state;
  }

  private OperationEvent event(OperationState at, String message) {
    return new OperationEvent(context.clock().instant(), at.phase(), message);
  }
}
