package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.manifest.ImageReference;
import java.time.Instant;

/**
 * What ECR said about one {@link ImageReference}: the digest it names now, or why there is none.
 *
 * <p>A problem is a value, not an exception, so that validation can report every bad image of a
 * change at once. Its {@link Problem#message()} is written for the person who edits the manifest: it
 * names the tag or digest, the repository, the registry and the region, and says what to do. It
 * never carries a credential (AWS error messages carry none; the message adds the error code and
 * the service's own text only).
 */
public sealed interface ImageResolution
    permits ImageResolution.Resolved, ImageResolution.Problem {

  /** The reference as the manifest wrote it. */
  ImageReference reference();

  /** True when {@link Resolved}. */
  default boolean isResolved() {
    return this instanceof Resolved;
  }

  /**
   * The image exists; {@code digest} names it immutably.
   *
   * @param reference the reference as written (a tag, or a digest that was verified)
   * @param digest {@code sha256:<64 hex>}, the digest of the image manifest
   * @param pushedAt when the image was pushed, or {@code null} if ECR did not say
   * @param mediaType ECR's {@code imageManifestMediaType}, or {@code null} if ECR did not say; always one
   *     that {@link ImageMediaTypes#runsOnSageMaker} accepts (others resolve to {@link UnsupportedMediaType})
   */
  record Resolved(ImageReference reference, String digest, Instant pushedAt, String mediaType)
      implements ImageResolution {

    /** The reference pinned to the digest: {@code host/repository@sha256:...}. */
    public ImageReference pinned() {
      return reference.withDigest(digest);
    }
  }

  /** The image cannot be used; {@link #message()} says why and what to do. */
  sealed interface Problem extends ImageResolution
      permits RepositoryNotFound, ImageNotFound, AccessDenied, AwsError, UnsupportedMediaType {

    /** One sentence for the manifest's author. */
    String message();
  }

  /** The repository does not exist in that registry and region. */
  record RepositoryNotFound(ImageReference reference) implements Problem {
    @Override
    public String message() {
      return "ECR repository '" + reference.repository() + "' not found " + where(reference)
          + "; create it and push the image, or fix the repository name";
    }
  }

  /** The repository exists; the tag or digest does not. */
  record ImageNotFound(ImageReference reference) implements Problem {
    @Override
    public String message() {
      if (reference.isPinned()) {
        return "image digest '" + reference.digest() + "' not found in ECR repository '" + reference.repository()
            + "' " + where(reference) + "; it may have been deleted or archived (by a lifecycle policy, for "
            + "example): push or restore the image, or fix the digest";
      }
      return "image tag '" + reference.tag() + "' not found in ECR repository '" + reference.repository() + "' "
          + where(reference) + "; push it or fix the tag";
    }
  }

  /**
   * The caller may not read the repository.
   *
   * @param awsMessage the service's own explanation (it names the principal and the denied action)
   */
  record AccessDenied(ImageReference reference, String awsMessage) implements Problem {
    @Override
    public String message() {
      return "access denied reading ECR repository '" + reference.repository() + "' " + where(reference)
          + ": " + awsMessage + "; allow ecr:DescribeImages on arn:" + partition(reference.region()) + ":ecr:" + reference.region() + ":"
          + reference.registryId() + ":repository/" + reference.repository()
          + " (and, for another account's registry, in the repository policy too)";
    }
  }

  /**
   * Any other failure: throttling that outlasted the retries, a service error, no network, no credentials.
   *
   * @param errorCode AWS's error code, or the SDK's exception name when the call never got an answer
   * @param awsMessage the service's or the SDK's explanation
   */
  record AwsError(ImageReference reference, String errorCode, String awsMessage) implements Problem {
    @Override
    public String message() {
      return "could not look up " + (reference.isPinned() ? "image digest '" + reference.digest() + "'"
          : "image tag '" + reference.tag() + "'") + " in ECR repository '" + reference.repository() + "' "
          + where(reference) + ": " + errorCode + ": " + awsMessage;
    }
  }

  /**
   * The image exists, but its manifest has a media type SageMaker does not run (an OCI image manifest
   * or index) or that this tool refuses (a Docker manifest list; see {@link ImageMediaTypes}).
   *
   * @param digest the digest ECR resolved the reference to
   * @param mediaType ECR's {@code imageManifestMediaType}
   */
  record UnsupportedMediaType(ImageReference reference, String digest, String mediaType) implements Problem {
    @Override
    public String message() {
      return (reference.isPinned() ? "image digest '" + reference.digest() + "'" : "image tag '" + reference.tag() + "'")
          + " in ECR repository '" + reference.repository() + "' " + where(reference) + " is "
          + ImageMediaTypes.describe(mediaType) + "; " + ImageMediaTypes.advice(mediaType);
    }
  }

  /** The ARN partition of a region: IAM policies must name it exactly. */
  private static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  private static String where(ImageReference reference) {
    return "(registry " + reference.registryId() + ", " + reference.region() + ")";
  }
}
