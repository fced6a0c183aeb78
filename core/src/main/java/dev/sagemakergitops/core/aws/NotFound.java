package dev.sagemakergitops.core.aws;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How each service says "no such resource", read in one place so that a gateway's lookup can
 * answer {@link Optional#empty()} instead of every caller catching its own exceptions.
 *
 * <ul>
 *   <li>SageMaker: {@link SageMakerErrors#isNotFound} (a {@code ValidationException} with a message
 *       for most Describe calls; {@code ResourceNotFound} where botocore models it);
 *   <li>Application Auto Scaling: {@code ObjectNotFoundException} (botocore:
 *       {@code DeregisterScalableTarget}, {@code DeleteScalingPolicy});
 *   <li>S3: HTTP 404, which is {@code NoSuchKey} for {@code GetObject} and a body-less 404 for
 *       {@code HeadObject} (a HEAD answer has no body to carry a code); a missing bucket is also 404
 *       ({@code NoSuchBucket}), and for the callers an object in a missing bucket is a missing object.
 * </ul>
 */
final class NotFound {
  private NotFound() {}

  /** True when {@code e} says the resource asked about does not exist, in the words of any service we call. */
  static boolean any(AwsServiceException e) {
    return SageMakerErrors.isNotFound(e) || autoScaling(e) || s3(e);
  }

  /** Application Auto Scaling's not-found. */
  static boolean autoScaling(AwsServiceException e) {
    return "ObjectNotFoundException".equals(SageMakerErrors.code(e));
  }

  /** S3's not-found, for an object or its bucket. */
  static boolean s3(AwsServiceException e) {
    return e instanceof S3Exception && e.statusCode() == 404;
  }

  /** The answer of {@code call}, or empty when {@code missing} says it failed for want of the resource. */
  static <T> Optional<T> unless(Predicate<AwsServiceException> missing, Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (AwsServiceException e) {
      if (missing.test(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
