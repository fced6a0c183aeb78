package dev.sagemakergitops.core.git;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * CodeCommit's SigV4 HTTPS scheme for Git: the user name and password {@code aws codecommit
 * credential-helper get} and {@code git-remote-codecommit} give git for a repository URL
 * (<a href="https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html">
 * Setup steps for HTTPS connections to AWS CodeCommit with the credential helper</a>).
 *
 * <ul>
 *   <li>user name: the access key id, followed by {@code %} and the session token when there is one;
 *   <li>password: the request time {@code yyyyMMdd'T'HHmmss}, {@code Z}, and the hex SigV4
 *       signature (service {@code codecommit}, the region in the host name) of the canonical request
 *       {@code GIT\n<path>\n\nhost:<host>\n\nhost\n}: method {@code GIT}, no query, the one signed
 *       header {@code host} without a port, and an empty payload hash.
 * </ul>
 *
 * <p>Written here rather than taken from the AWS SDK because the SDK's signers sign HTTP requests
 * they build themselves (with their own headers and payload hash); this scheme signs a fixed
 * canonical request with no payload line, which no public SDK signer accepts. The test compares it
 * with the AWS CLI's credential helper for the same credentials and time.
 */
public final class CodeCommitGitSigner {
  // The AWS CLI's own pattern for a CodeCommit Git host (also VPC endpoints and FIPS endpoints).
  private static final Pattern HOST =
      Pattern.compile("(vpce-.+\\.)?git-codecommit(-fips)?\\.([^.]+)\\.(vpce\\.)?amazonaws\\.com(\\.cn)?");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
      .withZone(ZoneOffset.UTC);

  private CodeCommitGitSigner() {}

  /** The region in a CodeCommit Git host name such as {@code git-codecommit.eu-west-1.amazonaws.com}. */
  public static Optional<String> regionOf(String host) {
    Matcher matcher = HOST.matcher(host == null ? "" : host);
    return matcher.matches() ? Optional.of(matcher.group(3)) : Optional.empty();
  }

  /**
   * The credentials git sends for {@code path} (such as {@code /v1/repos/models}) on {@code host}, at
   * {@code now}. The password is valid for a short time (15 minutes), so it is made per push.
   */
  public static GitCredentials.Password sign(AwsCredentials credentials, String region, String host, String path,
      Instant now) {
    String timestamp = TIMESTAMP.format(now);
    String date = timestamp.substring(0, 8);
    String hostWithoutPort = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    String canonicalRequest = "GIT\n" + path + "\n\nhost:" + hostWithoutPort + "\n\nhost\n";
    String scope = date + "/" + region + "/codecommit/aws4_request";
    String stringToSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "codecommit");
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    String user = credentials.accessKeyId()
        + (credentials instanceof AwsSessionCredentials session ? "%" + session.sessionToken() : "");
    return new GitCredentials.Password(user, timestamp + "Z" + signature, "CodeCommit SigV4 credentials of access key "
        + credentials.accessKeyId());
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
