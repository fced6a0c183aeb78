package dev.sagemakergitops.local.codecommit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One page of a CodeCommit listing: its items and the opaque {@code nextToken} of the rest, or
 * null.
 */
record Page<T>(List<T> items, String nextToken) {

  /** One page from an opaque {@code nextToken} and {@code maxResults} (at least 1, at most {@code max}). */
  static <T> Page<T> of(List<T> all, JsonNode input, int defaultSize, int max) {
    int size = input.has("maxResults") ? input.get("maxResults").asInt() : defaultSize;
    if (size < 1 || size > max) {
      throw new AwsServiceException("InvalidMaxResultsException", 400,
          "The specified number of maximum results is not valid.");
    }
    int from = 0;
    if (input.hasNonNull("nextToken")) {
      try {
        String token = new String(Base64.getUrlDecoder().decode(input.get("nextToken").asText()),
            StandardCharsets.UTF_8);
        from = Integer.parseInt(token.substring("offset:".length()));
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        throw invalidToken();
      }
      if (from < 0 || from > all.size()) {
        throw invalidToken();
      }
    }
    int to = Math.min(all.size(), from + size);
    String next = to < all.size()
        ? Base64.getUrlEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)) : null;
    return new Page<>(new ArrayList<>(all.subList(from, to)), next);
  }

  private static AwsServiceException invalidToken() {
    return new AwsServiceException("InvalidContinuationTokenException", 400,
        "The specified continuation token is not valid.");
  }
}
