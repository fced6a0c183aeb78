package dev.sagemakergitops.core.manifest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image as a manifest names it: an ECR repository with either a tag or a digest.
 *
 * <p>Only Amazon ECR private registries are accepted, because SageMaker serves only those (and the
 * lineage of a deployment needs a digest that ECR can vouch for). The registry host carries the
 * account ({@link #registryId()}) and the region the repository lives in.
 *
 * @param registryId the 12-digit AWS account of the registry
 * @param region the registry's region, read from its host name
 * @param registryHost the whole host, for example {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}
 * @param repository the repository name, for example {@code churn-xgb} or {@code team/churn}
 * @param tag the tag, or {@code null} when the reference is pinned by digest
 * @param digest {@code sha256:<64 hex>}, or {@code null} when the reference names a tag
 */
public record ImageReference(
    String registryId, String region, String registryHost, String repository, String tag, String digest) {

  /** ECR host names: account, {@code dkr.ecr}, region, and the partition's domain (with FIPS and China). */
  private static final Pattern HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com(?:\\.cn)?");

  /** ECR's own repository name rule (DescribeImages {@code repositoryName}, 2 to 256 characters). */
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  /** Docker's tag rule; ECR accepts up to 300 characters but Docker clients stop at 128. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  public ImageReference {
    if ((tag == null) == (digest == null)) {
      throw new IllegalArgumentException("an image reference has exactly one of a tag or a digest");
    }
  }

  /**
   * Parses {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>(:<tag>|@sha256:<hex>)}.
   *
   * @throws IllegalArgumentException with a message that says what part is wrong and what is expected
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected an ECR image such as "
          + "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2, got nothing");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("expected <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>, "
          + "got '" + text + "' with no registry host");
    }
    String host = text.substring(0, slash);
    Matcher hostMatch = HOST.matcher(host);
    if (!hostMatch.matches()) {
      throw new IllegalArgumentException("expected an Amazon ECR registry host such as "
          + "123456789012.dkr.ecr.us-east-1.amazonaws.com, got '" + host
          + "'; SageMaker serves images from ECR only, so push the image there first");
    }
    String rest = text.substring(slash + 1);
    String repository;
    String tag = null;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      repository = rest.substring(0, at);
      digest = rest.substring(at + 1);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("expected a digest of the form sha256:<64 lowercase hex digits>, got '"
            + digest + "'");
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("expected a tag or a digest after the repository, as in '" + text
            + ":1.0.0' or '" + text + "@sha256:...'; an untagged image would float to 'latest'");
      }
      repository = rest.substring(0, colon);
      tag = rest.substring(colon + 1);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("expected a tag of letters, digits, '_', '.' and '-' (at most 128, "
            + "not starting with '.' or '-'), got '" + tag + "'");
      }
    }
    if (repository.length() < 2 || repository.length() > 256 || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("expected an ECR repository name (2-256 lowercase letters, digits, and "
          + "'.', '_', '-', '/' separators), got '" + repository + "'");
    }
    return new ImageReference(hostMatch.group(1), hostMatch.group(2).toLowerCase(Locale.ROOT), host, repository, tag, digest);
  }

  /** True when the reference already names a digest, so nothing needs resolving. */
  public boolean isPinned() {
    return digest != null;
  }

  /** The same image named by digest: {@code host/repository@sha256:...}. */
  public ImageReference withDigest(String resolvedDigest) {
    return new ImageReference(registryId, region, registryHost, repository, null, resolvedDigest);
  }

  /** {@code host/repository}, without tag or digest. */
  public String repositoryUri() {
    return registryHost + "/" + repository;
  }

  @Override
  public String toString() {
    return repositoryUri() + (digest != null ? "@" + digest : ":" + tag);
  }
}
