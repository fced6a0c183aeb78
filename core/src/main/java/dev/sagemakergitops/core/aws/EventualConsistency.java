package dev.sagemakergitops.core.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS's eventual consistency between a create and the calls that use what it created, in one place
 * for every create-then-use chain of the operations (CreateModel before CreateEndpointConfig,
 * CreateTransformJob and CreateInferenceExperiment; CreateEndpointConfig before CreateEndpoint and
 * UpdateEndpoint; CreateModelPackage before DescribeModelPackage; RegisterScalableTarget before
 * PutScalingPolicy).
 *
 * <p>AWS documents it: "When you call CreateEndpoint, a load call is made to DynamoDB to verify that
 * your endpoint configuration exists ... If the dependent entities are not yet in DynamoDB, this
 * causes a validation error. If you repeat your read request after a short time, the response should
 * return the latest data. So retry logic is recommended ... We also recommend that customers call
 * DescribeEndpointConfig before calling CreateEndpoint" (botocore sagemaker, CreateEndpoint), and
 * "there might be a brief delay until the operation achieves eventual consistency ... The typical
 * strategy is to retry the request" (botocore application-autoscaling, RegisterScalableTarget). The
 * SDK does not retry these answers: they are a {@code ValidationException} ("Could not find model
 * ...", "ModelPackage ... does not exist.") or an {@code ObjectNotFoundException}.
 *
 * <p>So a call that does not find a dependency <em>this run created</em> throws
 * {@link NotYetVisibleException}, which {@link TransientFailures} counts as transient: the runner
 * and the driver poll again after their back-off, with the state unchanged, so the same call is
 * made again. After {@link #MAX_POLLS} such polls in a row the failure stands, and they rethrow the
 * service's own error ({@link #settled}). A dependency the run did not create is never waited for:
 * its absence is a real failure, reported at once.
 */
public final class EventualConsistency {
  /**
   * Polls in a row that may find a dependency this run created still invisible. With the polling
   * policy's back-off (its interval doubling, capped by its throttled maximum) this is a few minutes
   * by default, far more than the "short time" AWS speaks of.
   */
  public static final int MAX_POLLS = 6;

  /**
   * How young a run is when the dependencies it ensures in its first polls (deploy's model and
   * endpoint configuration) count as created by it: a dependency missing later was deleted.
   */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private EventualConsistency() {}

  /** True while a run that started at {@code startedAt} is within {@link #WINDOW} at {@code now}. */
  public static boolean young(Instant startedAt, Instant now) {
    return startedAt != null && now.isBefore(startedAt.plus(WINDOW));
  }

  /**
   * Makes {@code call}, which uses a dependency; when it fails because the dependency is not found
   * and {@code createdByThisRun}, throws {@link NotYetVisibleException} instead.
   */
  public static <T> T use(boolean createdByThisRun, String dependency, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (createdByThisRun && isNotFound(e)) {
        throw new NotYetVisibleException(dependency, e);
      }
      throw e;
    }
  }

  /** {@link #use(boolean, String, Supplier)} for a call whose answer is not needed. */
  public static void use(boolean createdByThisRun, String dependency, Runnable call) {
    use(createdByThisRun, dependency, () -> {
      call.run();
      return null;
    });
  }

  /**
   * The failure to throw when a Describe does not find {@code dependency}, which this run created:
   * the poll is repeated.
   */
  public static NotYetVisibleException notYetVisible(String dependency) {
    return new NotYetVisibleException(dependency, null);
  }

  /** True when {@code e} says a resource does not exist, in SageMaker's or Application Auto Scaling's words. */
  public static boolean isNotFound(AwsServiceException e) {
    return SageMakerErrors.isNotFound(e) || NotFound.autoScaling(e);
  }

  /**
   * What a runner rethrows when a poll failed with {@code failure} for the {@code consecutive}-th
   * time in a row: the service's own error once a dependency stayed invisible for {@link #MAX_POLLS}
   * polls, else {@code null} (keep polling if the failure is transient).
   */
  public static RuntimeException settled(RuntimeException failure, int consecutive) {
    if (failure instanceof NotYetVisibleException notVisible && consecutive > MAX_POLLS) {
      return notVisible.getCause() instanceof RuntimeException cause ? cause : notVisible;
    }
    return null;
  }

  /** A dependency this run created is not visible yet; transient for {@link #MAX_POLLS} polls. */
  public static final class NotYetVisibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotYetVisibleException(String dependency, AwsServiceException cause) {
      super(dependency + ", created by this run, is not visible yet (AWS is eventually consistent)"
          + (cause == null ? "" : ": " + SageMakerErrors.message(cause)), cause);
    }
  }
}
