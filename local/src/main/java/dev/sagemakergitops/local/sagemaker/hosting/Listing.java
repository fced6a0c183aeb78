package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The conventions SageMaker's List operations share: {@code NameContains} (case-insensitive),
 * creation-time filters, {@code SortBy}/{@code SortOrder} (descending by creation time unless told
 * otherwise) and pages of {@code MaxResults} (10 by default) joined by an opaque {@code NextToken}
 * (the shared {@link SageMakerResources#page}).
 */
final class Listing {
  static final int DEFAULT_PAGE = 10;

  private Listing() {}

  static Instant instant(JsonNode input, String member) {
    JsonNode value = input.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    BigDecimal seconds = value.decimalValue();
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  static boolean nameMatches(JsonNode input, String member, String name) {
    String contains = Model.textOrNull(input, member);
    return contains == null || name.toLowerCase(java.util.Locale.ROOT).contains(contains.toLowerCase(java.util.Locale.ROOT));
  }

  static boolean timeMatches(JsonNode input, String beforeMember, String afterMember, Instant time) {
    Instant before = instant(input, beforeMember);
    Instant after = instant(input, afterMember);
    return (before == null || time.isBefore(before)) && (after == null || time.isAfter(after));
  }

  /**
   * Sorts, pages and writes {@code items} into {@code out} under {@code member}.
   *
   * @param sortKeys comparators by SortBy value; the first is the default
   */
  static <T> ObjectNode page(ObjectNode input, ObjectNode out, String member, List<T> items,
      java.util.Map<String, Comparator<T>> sortKeys, String defaultSort, Function<T, ObjectNode> render) {
    String sortBy = input.path("SortBy").asText(defaultSort);
    Comparator<T> order = sortKeys.getOrDefault(sortBy, sortKeys.get(defaultSort));
    if (!input.path("SortOrder").asText("Descending").equals("Ascending")) {
      order = order.reversed();
    }
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(order);
    // Same opaque tokens and refusal text as the other SageMaker parts of the control plane.
    SageMakerResources.Page<T> page = SageMakerResources.page(sorted, input, DEFAULT_PAGE);
    ArrayNode list = out.putArray(member);
    page.items().forEach(item -> list.add(render.apply(item)));
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }
}
