package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.input.InvalidArgumentException;
import java.net.URI;

/**
 * How one run reaches AWS. Every field but {@code roleSessionName} may be {@code null}, meaning
 * "follow the AWS convention" (see {@link AwsClients} and the package documentation).
 *
 * <p>None of these values is a credential: keys come only from the credential chain or the profile,
 * never from here, so a settings object can be logged. The external id is not a secret by AWS's
 * definition, but it is the one value that guards a cross-account role against the confused-deputy
 * problem, so {@link #toString()} still masks it.
 *
 * @param region the default region (for example {@code us-east-1}), or {@code null} for the SDK's
 *     region chain ({@code aws.region}, {@code AWS_REGION}, the profile's {@code region}, instance metadata)
 * @param profile a named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}, or {@code null}
 *     for the default chain (which itself honours {@code AWS_PROFILE})
 * @param endpointUrl one endpoint for every service (a local emulator), or {@code null} to let the SDK
 *     honour {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>} and profile {@code endpoint_url}
 * @param roleArn a role to assume with STS on top of the base credentials, or {@code null}
 * @param roleSessionName the session name of the assumed role, visible in CloudTrail; ignored without a role
 * @param externalId the external id the role's trust policy demands, or {@code null}
 */
public record AwsSettings(
    String region, String profile, URI endpointUrl, String roleArn, String roleSessionName, String externalId) {

  /** The session name used when none is given: CloudTrail then shows who acted. */
  public static final String DEFAULT_ROLE_SESSION_NAME = "sagemaker-gitops";

  public AwsSettings {
    region = blankToNull(region);
    profile = blankToNull(profile);
    roleArn = blankToNull(roleArn);
    externalId = blankToNull(externalId);
    roleSessionName = blankToNull(roleSessionName) == null ? DEFAULT_ROLE_SESSION_NAME : roleSessionName;
    if (endpointUrl != null && (endpointUrl.getScheme() == null || endpointUrl.getHost() == null)) {
      throw new InvalidArgumentException("expected an endpoint URL such as http://127.0.0.1:5000, got '"
          + endpointUrl + "'");
    }
    // STS's own limits for RoleSessionName: 2-64 characters of [\w+=,.@-].
    if (!roleSessionName.matches("[\\w+=,.@-]{2,64}")) {
      throw new InvalidArgumentException("expected a role session name of 2-64 letters, digits and '+=,.@_-', got '"
          + roleSessionName + "'");
    }
    if (externalId != null && roleArn == null) {
      throw new InvalidArgumentException("an external id only makes sense with a role to assume; give the role ARN too");
    }
  }

  /** Everything from the AWS conventions: default chains, environment, {@code ~/.aws}. */
  public static AwsSettings defaults() {
    return new AwsSettings(null, null, null, null, null, null);
  }

  /** The same settings with another default region. */
  public AwsSettings withRegion(String newRegion) {
    return new AwsSettings(newRegion, profile, endpointUrl, roleArn, roleSessionName, externalId);
  }

  /** The same settings with one endpoint for every service. */
  public AwsSettings withEndpointUrl(URI newEndpointUrl) {
    return new AwsSettings(region, profile, newEndpointUrl, roleArn, roleSessionName, externalId);
  }

  /** The same settings with a named profile. */
  public AwsSettings withProfile(String newProfile) {
    return new AwsSettings(region, newProfile, endpointUrl, roleArn, roleSessionName, externalId);
  }

  /** The same settings, assuming {@code newRoleArn} (with an optional external id) on top of the base credentials. */
  public AwsSettings withRole(String newRoleArn, String newExternalId) {
    return new AwsSettings(region, profile, endpointUrl, newRoleArn, roleSessionName, newExternalId);
  }

  @Override
  public String toString() {
    return "AwsSettings[region=" + region + ", profile=" + profile + ", endpointUrl=" + endpointUrl
        + ", roleArn=" + roleArn + ", roleSessionName=" + roleSessionName
        + ", externalId=" + (externalId == null ? null : "****") + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
