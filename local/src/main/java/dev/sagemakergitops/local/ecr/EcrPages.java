package dev.sagemakergitops.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** ECR's paging: {@code maxResults} (1 to 1000, 100 by default) and an opaque {@code nextToken}. */
final class EcrPages {
  private static final int DEFAULT_PAGE = 100;

  private EcrPages() {}

  record Page<T>(List<T> items, Optional<String> nextToken) {}

  /** One page from {@code nextToken} (an opaque offset) and {@code maxResults} (1 to 1000). */
  static <T> Page<T> page(List<T> all, JsonNode input) {
    int size = input.path("maxResults").asInt(DEFAULT_PAGE);
    if (size < 1 || size > 1000) {
      throw new AwsServiceException("ValidationException", 400, "1 validation error detected: Value '" + size
          + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000");
    }
    int from = 0;
    if (input.hasNonNull("nextToken")) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(input.get("nextToken").asText()),
            StandardCharsets.UTF_8).substring("offset:".length()));
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        throw new AwsServiceException("InvalidParameterException", 400,
            "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
      }
    }
    int to = Math.min(all.size(), from + size);
    Optional<String> next = to < all.size()
        ? Optional.of(Base64.getUrlEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)))
        : Optional.empty();
    return new Page<>(List.copyOf(all.subList(Math.min(from, all.size()), to)), next);
  }
}
