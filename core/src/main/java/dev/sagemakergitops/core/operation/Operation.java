package dev.sagemakergitops.core.operation;

/**
 * One of the five operations (train, register, safe deploy, shadow test, batch transform) as a
 * resumable state machine.
 *
 * <p>{@link #begin} checks the request and returns the first state without mutating anything in
 * AWS. Every {@link #poll} makes a bounded number of calls, moves the state on by at most one phase
 * and says when to poll next. Because resource names come from a hash of the resolved spec, a poll
 * that is repeated (the process died after a call but before the new state was saved) attaches to
 * what the first attempt created instead of creating a twin. The state is small plain data, so
 * Jenkins can persist it between polls and the command line can write it to a file.
 *
 * @param <Q> the request: a manifest resolved at a Git commit, plus the operation's options
 * @param <S> the state, a record that {@link StateCodec} writes as JSON
 * @param <R> the result of a successful run
 */
public interface Operation<Q, S extends OperationState, R> {

  /** The operation's name as users see it, for example {@code safeDeploy}. */
  String name();

  /** The state's type, so that a saved state can be read back. */
  Class<S> stateType();

  /**
   * Checks {@code request} and returns the first state. Makes no mutating AWS call.
   *
   * @throws OperationInputException when the request cannot run; nothing has been changed
   */
  S begin(Q request);

  /** Does the next step. Safe to repeat with the same state: a repeat attaches to what exists. */
  Step<S, R> poll(S state);

  /**
   * Asks SageMaker to stop what {@code state} started (a job, an experiment, a deployment) and
   * returns the state to keep polling until the stop has taken effect. A state that never started
   * anything is returned as cancelled at once.
   */
  S cancel(S state);
}
