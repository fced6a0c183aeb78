package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.util.Map;

/**
 * What a host that schedules instead of waiting (a Jenkins step) gives an {@link OperationDriver}:
 * a log, a place to keep the state, a timer, and the two ways a run ends.
 *
 * <p>The driver calls these from whatever thread runs its {@link OperationDriver#tick()}; a host
 * that is called from several threads makes each method safe for that itself. None of the
 * arguments ever holds a credential: the state is the operation's plain state, the log lines are
 * names, ARNs and statuses, and the result is plain values.
 */
public interface OperationHost {

  /** Writes one line to the run's log (a Jenkins build log). */
  void log(String line);

  /**
   * Keeps {@code stateJson} (written by {@link StateCodec}) so that a driver built after a restart
   * continues from it; called after every change, before the next tick is scheduled.
   */
  void save(String stateJson);

  /** Calls {@link OperationDriver#tick()} once, {@code delay} from now, on a thread of the host's. */
  void schedule(Duration delay);

  /** The operation succeeded; {@code result} is plain values (see {@link PlainValues}). */
  void succeeded(Map<String, Object> result);

  /**
   * The operation did not succeed.
   *
   * @param message one or two sentences for the user: what happened and what to do
   * @param unexpected the exception behind it when it is a defect rather than an outcome (a failed
   *     SageMaker job or a bad manifest is an outcome and comes with {@code null}), for a stack trace
   */
  void failed(String message, Throwable unexpected);
}
