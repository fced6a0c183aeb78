package dev.sagemakergitops.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a request against the service model the way the service does (required members, enums,
 * lengths, ranges, patterns) before any handler sees it.
 */
public interface RequestValidator {
  /**
   * @throws AwsServiceException {@code ValidationException} with the service's own message format
   *     ("1 validation error detected: Value '...' at '...' failed to satisfy constraint: ...")
   */
  void validate(String service, String operation, JsonNode input);

  /** Accepts everything; for services whose model is not bundled. */
  RequestValidator NONE = (service, operation, input) -> { };
}
