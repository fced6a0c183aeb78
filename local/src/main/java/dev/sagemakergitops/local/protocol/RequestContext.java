package dev.sagemakergitops.local.protocol;

import java.time.Instant;

/**
 * What a handler knows of the request besides its input.
 *
 * @param region the region of the request's SigV4 credential scope (or the default)
 * @param accountId the account every resource belongs to
 * @param requestId the id sent back as {@code x-amzn-RequestId}
 * @param now the simulated time at which the request is handled
 */
public record RequestContext(String region, String accountId, String requestId, Instant now) {

  /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
  public String arn(String service, String resource) {
    return "arn:" + Arns.partition(region) + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
