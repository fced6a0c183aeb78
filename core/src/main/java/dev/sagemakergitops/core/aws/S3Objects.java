package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 objects by bucket and key. A missing object (or bucket) is HTTP 404; a bucket in another region
 * ({@code 301 PermanentRedirect}) is thrown as {@link S3BucketInAnotherRegion}, for the caller to
 * place at its manifest field; any other refusal is thrown as the SDK's {@code S3Exception}.
 */
public final class S3Objects {
  private final S3Client s3;
  private final String region;

  /**
   * @param s3 a client in {@code region}
   * @param region the client's region, which {@link S3BucketInAnotherRegion} names
   */
  public S3Objects(S3Client s3, String region) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.region = Objects.requireNonNull(region, "region");
  }

  /**
   * {@code HeadObject}, or empty when there is no such object.
   *
   * @throws S3BucketInAnotherRegion when the bucket is in another region
   */
  public Optional<HeadObjectResponse> head(String bucket, String key) {
    try {
      return NotFound.unless(NotFound::s3, () -> s3.headObject(r -> r.bucket(bucket).key(key)));
    } catch (S3Exception e) {
      throw S3BucketInAnotherRegion.of(e, bucket, region).orElseThrow(() -> e);
    }
  }

  /**
   * {@code GetObject} into memory. A missing object is an answer, not an exception: {@link Missing}
   * with S3's code ({@code NoSuchKey}, or {@code NoSuchBucket}), which the caller's message quotes.
   *
   * @throws S3BucketInAnotherRegion when the bucket is in another region
   */
  public Read read(String bucket, String key) {
    try {
      return new Found(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
    } catch (S3Exception e) {
      if (NotFound.s3(e)) {
        return new Missing(SageMakerErrors.code(e));
      }
      throw S3BucketInAnotherRegion.of(e, bucket, region).orElseThrow(() -> e);
    }
  }

  /** What {@link #read} found. */
  public sealed interface Read permits Found, Missing {}

  /** The object's bytes. */
  public record Found(ResponseBytes<GetObjectResponse> bytes) implements Read {}

  /** No such object: S3's error code for it. */
  public record Missing(String errorCode) implements Read {}
}
