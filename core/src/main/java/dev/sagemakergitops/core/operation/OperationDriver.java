package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.TransientFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs an operation for a host that schedules instead of sleeping (a Jenkins step): one
 * {@link #tick()} makes one poll, saves the state, reports what happened and asks the host for the
 * next tick. Nothing blocks between polls and no thread is held, so thousands of long waits cost
 * nothing; a driver is cheap to rebuild, so after a restart the host builds a new one from the
 * state it saved and carries on.
 *
 * <p>The first tick resolves the request (which may read Git and ECR) and calls
 * {@link Operation#begin}; every later tick calls {@link Operation#poll}. A tick that fails
 * transiently (throttling that outlasted the SDK's retries, a 5xx, a lost connection) leaves the
 * state as it was and asks for the next tick after the {@link PollingPolicy}'s back-off, the same
 * as {@link OperationRunner}; any other exception ends the run. {@link #stop} asks SageMaker to
 * stop what the operation started and saves the state that says so.
 *
 * <p>Thread-safe: a tick and a stop may come from different threads; they run one at a time, and
 * nothing runs after the run has ended or been stopped.
 *
 * @param <Q> the operation's request
 * @param <S> its state
 * @param <R> its result
 */
public final class OperationDriver<Q, S extends OperationState, R> {
  private final Operation<Q, S, R> operation;
  private final OperationContext context;
  private final OperationHost host;
  private final Supplier<Q> request;
  private final StateCodec codec = new StateCodec();

  private S state;
  private boolean announceResume;
  private int transientFailures;
  private boolean over;
  private String lastMessage;
  private Instant nextTickAt;

  private OperationDriver(Operation<Q, S, R> operation, OperationContext context, OperationHost host,
      Supplier<Q> request, S state) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.context = Objects.requireNonNull(context, "context");
    this.host = Objects.requireNonNull(host, "host");
    this.request = Objects.requireNonNull(request, "request");
    this.state = state;
    this.announceResume = state != null;
  }

  /**
   * A driver for a new run, or for one that resumes from {@code savedState}.
   *
   * @param request resolves the request on the first tick, and only when there is no saved state
   * @param savedState what the host last {@linkplain OperationHost#save saved}, or {@code null} when
   *     the run has not begun
   * @throws IllegalArgumentException when {@code savedState} is not a state of this operation
   */
  public static <Q, S extends OperationState, R> OperationDriver<Q, S, R> of(Operation<Q, S, R> operation,
      OperationContext context, OperationHost host, Supplier<Q> request, String savedState) {
    S state = savedState == null ? null : new StateCodec().read(operation.name(), operation.stateType(), savedState);
    return new OperationDriver<>(operation, context, host, request, state);
  }

  /** The operation's name, as its saved state carries it. */
  public String operationName() {
    return operation.name();
  }

  /**
   * Does the next piece of work: begin on the first tick, else one poll. Ends the run through the
   * host ({@link OperationHost#succeeded}, {@link OperationHost#failed}) or asks it for another tick.
   * Does nothing once the run has ended or been stopped.
   */
  public synchronized void tick() {
    if (over) {
      return;
    }
    try {
      if (state == null) {
        begin();
      } else {
        poll();
      }
    } catch (OperationInputException e) {
      end();
      host.failed(operation.name() + " cannot run:\n" + e.getMessage(), null);
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        end();
        host.failed(operation.name() + " failed: " + describe(e), e);
        return;
      }
      transientFailures++;
      RuntimeException settled = EventualConsistency.settled(e, transientFailures);
      if (settled != null) {
        end();
        host.failed(operation.name() + " failed: " + describe(settled), settled);
        return;
      }
      Duration wait = context.polling().afterThrottling(transientFailures, context.random());
      report((TransientFailures.isThrottling(e) ? "AWS is throttling" : "an AWS call failed (" + describe(e) + ")")
          + "; trying again in " + seconds(wait));
      schedule(wait);
    }
  }

  /**
   * Asks SageMaker to stop what the run started, saves the state that says so, and ends the run:
   * no tick runs after this. The host reports the stop itself (Jenkins fails the step with the
   * cause it was given). A run that never began, or has already ended, is left as it is.
   */
  public synchronized void stop(String reason) {
    if (over) {
      return;
    }
    end();
    if (state == null) {
      report(operation.name() + " stopped (" + reason + ") before it began: nothing to cancel");
      return;
    }
    try {
      state = operation.cancel(state);
      save();
      report(operation.name() + " stopped (" + reason + "): cancellation requested, phase " + state.phase());
    } catch (RuntimeException e) {
      report(operation.name() + " stopped (" + reason + "), but the cancellation failed: " + describe(e)
          + "; stop it in the SageMaker console");
    }
  }

  /**
   * One line for a status page or a thread dump, for example
   * {@code safeDeploy: Baking (canary: 540 s left), next poll at 2026-11-02T09:12:00Z}.
   */
  public synchronized String status() {
    StringBuilder out = new StringBuilder(operation.name()).append(": ");
    if (state == null) {
      out.append("not begun");
    } else {
      out.append(state.phase());
    }
    if (lastMessage != null) {
      out.append(" (").append(lastMessage).append(')');
    }
    if (over) {
      out.append(", ended");
    } else if (nextTickAt != null) {
      out.append(", next poll at ").append(nextTickAt);
    }
    return out.toString();
  }

  /** True once the run has succeeded, failed or been stopped. */
  public synchronized boolean isOver() {
    return over;
  }

  private void begin() {
    Q resolved = request.get();
    state = operation.begin(resolved);
    transientFailures = 0;
    save();
    report(operation.name() + " begun (phase " + state.phase() + ")");
    schedule(Duration.ZERO);
  }

  private void poll() {
    if (announceResume) {
      announceResume = false;
      report(operation.name() + " resumed from its saved state (phase " + state.phase() + ")");
    }
    Step<S, R> step = operation.poll(state);
    transientFailures = 0;
    state = step.state();
    save();
    for (OperationEvent event : step.events()) {
      if (event.quiet()) {
        continue; // for the deployment record only
      }
      lastMessage = event.message();
      host.log(operation.name() + " [" + event.phase() + "] " + event.message());
    }
    if (step instanceof Step.Running<S, R> running) {
      schedule(running.pollAfter());
    } else if (step instanceof Step.Succeeded<S, R> succeeded) {
      end();
      host.succeeded(PlainValues.toMap(succeeded.result()));
    } else if (step instanceof Step.Failed<S, R> failed) {
      end();
      host.failed(describe(failed.failure()), null);
    }
  }

  private void save() {
    host.save(codec.write(operation.name(), state));
  }

  private void schedule(Duration wait) {
    nextTickAt = context.clock().instant().plus(wait);
    host.schedule(wait);
  }

  private void report(String message) {
    lastMessage = message;
    host.log(message);
  }

  private void end() {
    over = true;
    nextTickAt = null;
  }

  private String describe(OperationFailure failure) {
    StringBuilder out = new StringBuilder(operation.name()).append(' ').append(kind(failure.kind())).append(": ")
        .append(failure.message());
    if (failure.failureReason() != null) {
      out.append("\nSageMaker says: ").append(failure.failureReason());
    }
    if (!failure.alarms().isEmpty()) {
      out.append("\nAlarms in ALARM: ").append(String.join(", ", failure.alarms()));
    }
    return out.toString();
  }

  private static String kind(OperationFailure.Kind kind) {
    return switch (kind) {
      case FAILED -> "failed";
      case ROLLED_BACK -> "was rolled back";
      case CANCELLED -> "was cancelled";
      case TIMED_OUT -> "timed out";
      case CONFLICT -> "is blocked";
      case REJECTED -> "was rejected";
      case SMOKE_TEST_FAILED -> "failed its smoke test";
    };
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String seconds(Duration wait) {
    return wait.toSeconds() + " s";
  }
}
