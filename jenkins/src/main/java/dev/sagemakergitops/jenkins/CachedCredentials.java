package dev.sagemakergitops.jenkins;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of the AWS Credentials plugin, resolved once and kept until shortly before they
 * expire. The SDK calls a custom provider for every request and does not cache it; the plugin's
 * credentials with a role (aws-credentials {@code AWSCredentialsImpl.resolveCredentials()}) build a
 * new STS client and call {@code AssumeRole} on every call, and never close that client. A step
 * polling for hours would make one {@code AssumeRole}, and leak one HTTP connection pool, per
 * SageMaker call; through this cache it makes one per {@link #REFRESH}.
 *
 * <p>How long a value is kept: until a minute before its {@code expirationTime} when it has one;
 * else {@link #REFRESH}. The plugin's role credentials carry no expiration time, and STS issues
 * them for at least 900 seconds ({@code DurationSeconds}, AssumeRole,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html), so ten minutes is always
 * before they expire. One caller refreshes, the others wait for it. Closing it drops the value; the
 * run closes it with its clients. Nothing is persisted or logged: a resumed step resolves the
 * credentials afresh.
 *
 * <p>Why not the SDK's {@code CachedSupplier}: the times must be read from the step's clock (tests
 * drive it, and a step measures all its waits by it), and {@code CachedSupplier} takes a clock only
 * through {@code Builder.clock}, which SDK utils marks {@code @SdkTestInternalApi}, free to change
 * in any release. The cache here is a lock and two fields.
 */
final class CachedCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  /** How long credentials without an expiration time are kept. */
  static final Duration REFRESH = Duration.ofMinutes(10);
  private static final Duration BEFORE_EXPIRY = Duration.ofMinutes(1);

  private final AwsCredentialsProvider source;
  private final String description;
  private final Clock clock;
  private AwsCredentials current;
  private Instant staleAt;

  /**
   * @param source the credentials to resolve (the plugin's)
   * @param description what they are, for the error when they resolve to nothing, for example
   *     {@code "Jenkins credentials 'aws-prod'"}
   * @param clock the step's clock, which the refresh times are measured by
   */
  CachedCredentials(AwsCredentialsProvider source, String description, Clock clock) {
    this.source = source;
    this.description = description;
    this.clock = clock;
  }

  @Override
  public synchronized AwsCredentials resolveCredentials() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(staleAt)) {
      AwsCredentials credentials = resolved();
      staleAt = credentials.expirationTime().map(expires -> expires.minus(BEFORE_EXPIRY))
          .filter(at -> at.isAfter(now)).orElse(now.plus(REFRESH));
      current = credentials;
    }
    return current;
  }

  @Override
  public synchronized void close() {
    current = null;
    staleAt = null;
  }

  private AwsCredentials resolved() {
    AwsCredentials credentials = source.resolveCredentials();
    if (credentials == null) {
      // aws-credentials returns null for credentials with neither keys nor a role; the SDK's own error would not say which.
      throw new IllegalStateException(description + " have neither an access key nor an IAM role to assume; give"
          + " them an access key and secret key (or a role) in Manage Jenkins > Credentials");
    }
    return credentials;
  }

  @Override
  public String toString() {
    return "CachedCredentials[" + description + "]";
  }
}
