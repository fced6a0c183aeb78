package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 objects by bucket and key. A missing object (or bucket) is HTTP 404; any other refusal, such as
 * {@code 301 PermanentRedirect} for a bucket in another region, is thrown as the SDK's
 * {@code S3Exception} for the caller to explain.
 */
public final class S3Objects {
  private final S3Client s3;

  public S3Objects(S3Client s3) {
    this.s3 = Objects.requireNonNull(s3, "s3");
  }

  /** {@code HeadObject}, or empty when there is no such object. */
  public Optional<HeadObjectResponse> head(String bucket, String key) {
    return NotFound.unless(NotFound::s3, () -> s3.headObject(r -> r.bucket(bucket).key(key)));
  }

  /**
   * {@code GetObject} into memory. A missing object is an answer, not an exception: {@link Missing}
   * with S3's code ({@code NoSuchKey}, or {@code NoSuchBucket}), which the caller's message quotes.
   */
  public Read read(String bucket, String key) {
    try {
      return new Found(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
    } catch (S3Exception e) {
      if (NotFound.s3(e)) {
        return new Missing(SageMakerErrors.code(e));
      }
      throw e;
    }
  }

  /** What {@link #read} found. */
  public sealed interface Read permits Found, Missing {}

  /** The object's bytes. */
  public record Found(ResponseBytes<GetObjectResponse> bytes) implements Read {}

  /** No such object: S3's error code for it. */
  public record Missing(String errorCode) implements Read {}
}
