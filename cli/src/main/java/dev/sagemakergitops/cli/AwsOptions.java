package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** How a command reaches AWS; anything left out follows the AWS conventions (chains, profile, environment). */
final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "Default AWS region (default: the AWS region chain: AWS_REGION, the profile, ...).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "Named AWS profile (default: AWS_PROFILE or default).")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "One endpoint for every AWS service, such as a local control plane (default: AWS_ENDPOINT_URL and"
          + " AWS_ENDPOINT_URL_<SERVICE>, else AWS).")
  String endpointUrl;

  @Option(names = "--role-arn", paramLabel = "ARN", description = "IAM role to assume with STS for this run.")
  String roleArn;

  @Option(names = "--external-id", paramLabel = "ID", description = "External id the role's trust policy requires.")
  String externalId;

  AwsSettings settings() {
    URI endpoint = null;
    if (endpointUrl != null) {
      try {
        endpoint = new URI(endpointUrl);
      } catch (URISyntaxException e) {
        throw new InvalidInputException("--endpoint-url: expected a URL such as http://127.0.0.1:4566, got '"
            + endpointUrl + "'");
      }
    }
    return new AwsSettings(region, profile, endpoint, roleArn, null, externalId);
  }

  /** The region to assume offline, where no AWS chain is consulted: --region, else AWS_REGION, else a placeholder. */
  String offlineRegion() {
    if (region != null) {
      return region;
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "default-region";
  }
}
