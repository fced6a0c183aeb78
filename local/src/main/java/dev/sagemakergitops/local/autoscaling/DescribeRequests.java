package dev.sagemakergitops.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The Describe calls' common part: which items a request selects (by namespace, names, resource id
 * and dimension), and one page of them.
 */
final class DescribeRequests {
  private DescribeRequests() {}

  /**
   * What a Describe call asks for: in {@code namespace}, among the names in {@code namesMember}, and
   * of the ResourceId and ScalableDimension given. {@code identity} gives an item's namespace, name,
   * resource id and dimension.
   */
  static <T> List<T> selected(Collection<T> all, ObjectNode in, String namespace,
      String namesMember, Function<T, List<String>> identity) {
    List<String> names = texts(in.path(namesMember));
    String resourceId = Json.text(in, "ResourceId");
    String dimension = Json.text(in, "ScalableDimension");
    return all.stream().filter(item -> {
      List<String> id = identity.apply(item);
      return id.get(0).equals(namespace) && (names.isEmpty() || names.contains(id.get(1)))
          && (resourceId == null || resourceId.equals(id.get(2))) && (dimension == null || dimension.equals(id.get(3)));
    }).toList();
  }

  /** One page of {@code all} ({@code MaxResults} at most 50, an opaque {@code NextToken}), its NextToken set on {@code out}. */
  static <T> List<T> page(List<T> all, JsonNode in, ObjectNode out) {
    int max = in.path("MaxResults").asInt(50);
    if (max < 1 || max > 50) {
      throw AwsServiceException.validation("1 validation error detected: Value '" + max
          + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    }
    int from = 0;
    if (in.hasNonNull("NextToken")) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(in.get("NextToken").asText()),
            StandardCharsets.UTF_8).substring("offset:".length()));
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        throw AwsServiceException.validation("Invalid NextToken");
      }
    }
    int to = Math.min(all.size(), from + max);
    if (to < all.size()) {
      out.put("NextToken", Base64.getUrlEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return all.subList(Math.min(from, all.size()), to);
  }

  static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }
}
