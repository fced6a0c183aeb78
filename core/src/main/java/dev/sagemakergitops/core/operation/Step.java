package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link Operation#poll} achieved.
 *
 * @param <S> the operation's state
 * @param <R> the operation's result
 */
public sealed interface Step<S extends OperationState, R> {

  /** The state to save and to pass to the next poll (or to keep, when the run is over). */
  S state();

  /** Status changes seen during this poll, oldest first; reported to the user as they are. */
  List<OperationEvent> events();

  /** Not finished: poll again after {@code pollAfter}. */
  record Running<S extends OperationState, R>(S state, List<OperationEvent> events, Duration pollAfter)
      implements Step<S, R> {
    public Running {
      events = List.copyOf(events);
    }
  }

  /** Finished as requested. */
  record Succeeded<S extends OperationState, R>(S state, List<OperationEvent> events, R result)
      implements Step<S, R> {
    public Succeeded {
      events = List.copyOf(events);
    }
  }

  /** Finished, but not as requested: the job failed, the deployment rolled back, it was cancelled. */
  record Failed<S extends OperationState, R>(S state, List<OperationEvent> events, OperationFailure failure)
      implements Step<S, R> {
    public Failed {
      events = List.copyOf(events);
    }
  }

  default boolean isFinished() {
    return !(this instanceof Running);
  }
}
