package dev.sagemakergitops.core.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's {@code 301 PermanentRedirect}: the bucket exists, but in another region than the client's
 * (Amazon S3 API Reference, "Error responses": "PermanentRedirect ... The bucket you are attempting
 * to access must be addressed using the specified endpoint"), with the bucket's region in the
 * {@code x-amz-bucket-region} header when S3 gives it. {@link S3Objects} throws it instead of the raw
 * {@code S3Exception} so that each caller can name the manifest field that holds the address; none of
 * them follows the redirect, since every object a manifest names must be in the manifest's region.
 */
public final class S3BucketInAnotherRegion extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String bucket;
  private final String clientRegion;
  private final String bucketRegion;

  private S3BucketInAnotherRegion(String bucket, String clientRegion, String bucketRegion, S3Exception cause) {
    super("bucket '" + bucket + "' is not in " + clientRegion + " (S3 answered 301 PermanentRedirect)", cause);
    this.bucket = bucket;
    this.clientRegion = clientRegion;
    this.bucketRegion = bucketRegion;
  }

  /** The exception for {@code e} when it is S3's 301 for {@code bucket}, or empty for any other refusal. */
  static Optional<S3BucketInAnotherRegion> of(S3Exception e, String bucket, String clientRegion) {
    if (e.statusCode() != 301) {
      return Optional.empty();
    }
    String region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
        : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
    return Optional.of(new S3BucketInAnotherRegion(bucket, clientRegion, region, e));
  }

  public String bucket() {
    return bucket;
  }

  /** The region the request was sent to, the manifest's. */
  public String clientRegion() {
    return clientRegion;
  }

  /** The bucket's region, when S3 named it. */
  public Optional<String> bucketRegion() {
    return Optional.ofNullable(bucketRegion);
  }

  /**
   * "the {@code what} {@code uri} is in bucket 'b' in eu-west-1, not in us-east-1": the start of a
   * caller's message, which goes on with why that matters there and what to do.
   */
  public String describe(String what, String uri) {
    return "the " + what + " " + uri + " is in bucket '" + bucket + "' in " + bucketRegion().orElse("another region")
        + ", not in " + clientRegion;
  }
}
