package dev.sagemakergitops.core.operation;

import java.util.List;
import java.util.Objects;

/**
 * Why an operation did not finish as requested.
 *
 * @param kind the category, which decides the command line's exit code
 * @param message one or two sentences for the user: what happened and what to do
 * @param failureReason SageMaker's {@code FailureReason} (or {@code StatusReason}), or {@code null}
 * @param alarms the CloudWatch alarms that were in ALARM when a deployment rolled back; may be empty
 */
public record OperationFailure(Kind kind, String message, String failureReason, List<String> alarms) {

  public OperationFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    alarms = List.copyOf(alarms);
  }

  public static OperationFailure of(Kind kind, String message) {
    return new OperationFailure(kind, message, null, List.of());
  }

  public static OperationFailure of(Kind kind, String message, String failureReason) {
    return new OperationFailure(kind, message, failureReason, List.of());
  }

  /** The categories of failure. */
  public enum Kind {
    /** The job, package, deployment or experiment failed in SageMaker. */
    FAILED,
    /** SageMaker rolled the deployment back (an alarm fired or the new fleet failed). */
    ROLLED_BACK,
    /** Someone stopped it: this tool's cancel, or a person in the console. */
    CANCELLED,
    /** It did not finish within its deadline. */
    TIMED_OUT,
    /** Another deployment of the same endpoint is in progress, or the endpoint is not updatable. */
    CONFLICT,
    /** A shadow variant did not meet the manifest's criteria. */
    REJECTED,
    /**
     * A deployment took, but the manifest's smoke test got an answer it did not expect; the endpoint
     * was put back on the configuration it replaced (an update) or left as it is (a creation).
     */
    SMOKE_TEST_FAILED
  }
}
