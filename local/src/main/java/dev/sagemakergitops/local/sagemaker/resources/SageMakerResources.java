package dev.sagemakergitops.local.sagemaker.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.spi.ResourceTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SageMaker resource services (training, registry, transform, tags) share: SageMaker's
 * list pagination, request timestamps, {@code Tags} members and S3 URIs. A helper of no service of
 * its own, so that the services stay independent of each other (they reach each other only through
 * {@code spi}).
 */
public final class SageMakerResources {
  private SageMakerResources() {}

  /**
   * One page of a list answer.
   *
   * @param items the items of this page
   * @param nextToken the token for the next page, or {@code null} on the last page
   */
  public record Page<T>(List<T> items, String nextToken) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * Cuts {@code all} (already filtered and sorted) into the page that {@code NextToken} and
   * {@code MaxResults} of {@code input} ask for. Tokens are opaque to callers, as SageMaker's are;
   * here they carry the offset of the next item. A token that this control plane did not issue is
   * refused the way SageMaker refuses it.
   */
  /** How {@link #filterJobs} reads a job: its name, status, creation and last-modified times. */
  public record JobFields<T>(java.util.function.Function<T, String> name, java.util.function.Function<T, String> status,
      java.util.function.Function<T, java.time.Instant> created, java.util.function.Function<T, java.time.Instant> modified) {}

  /**
   * The jobs a {@code List*Jobs} request selects, in its order: the {@code NameContains},
   * {@code StatusEquals}, {@code CreationTime*} and {@code LastModifiedTime*} filters, then
   * {@code SortBy} ({@code Name}, {@code Status}, else {@code CreationTime}) and {@code SortOrder}.
   *
   * @param defaultOrder the API's documented default order, which differs between job kinds
   *     ({@code Ascending} for training jobs, {@code Descending} for transform jobs)
   */
  public static <T> List<T> filterJobs(JsonNode input, java.util.Collection<T> jobs, JobFields<T> fields,
      String defaultOrder) {
    String nameContains = input.hasNonNull("NameContains") ? input.get("NameContains").asText() : null;
    String status = input.hasNonNull("StatusEquals") ? input.get("StatusEquals").asText() : null;
    java.time.Instant after = instant(input, "CreationTimeAfter");
    java.time.Instant before = instant(input, "CreationTimeBefore");
    java.time.Instant modifiedAfter = instant(input, "LastModifiedTimeAfter");
    java.time.Instant modifiedBefore = instant(input, "LastModifiedTimeBefore");
    List<T> matching = new java.util.ArrayList<>();
    for (T job : jobs) {
      java.time.Instant created = fields.created().apply(job);
      java.time.Instant modified = fields.modified().apply(job);
      if ((nameContains == null || fields.name().apply(job).contains(nameContains))
          && (status == null || fields.status().apply(job).equals(status))
          && (after == null || created.isAfter(after))
          && (before == null || created.isBefore(before))
          && (modifiedAfter == null || modified.isAfter(modifiedAfter))
          && (modifiedBefore == null || modified.isBefore(modifiedBefore))) {
        matching.add(job);
      }
    }
    java.util.Comparator<T> order = switch (input.path("SortBy").asText("CreationTime")) {
      case "Name" -> java.util.Comparator.comparing(fields.name());
      case "Status" -> java.util.Comparator.comparing(fields.status()).thenComparing(fields.created());
      default -> java.util.Comparator.comparing(fields.created()).thenComparing(fields.name());
    };
    if (input.path("SortOrder").asText(defaultOrder).equals("Descending")) {
      order = order.reversed();
    }
    matching.sort(order);
    return matching;
  }

  public static <T> Page<T> page(List<T> all, JsonNode input, int defaultMaxResults) {
    int max = input.hasNonNull("MaxResults") ? input.get("MaxResults").asInt() : defaultMaxResults;
    if (max < 1) {
      max = defaultMaxResults;
    }
    int from = 0;
    String token = Json.text(input, "NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!decoded.startsWith("offset:")) {
          throw new IllegalArgumentException(decoded);
        }
        from = Integer.parseInt(decoded.substring("offset:".length()));
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("Invalid pagination token because of bad format.");
      }
    }
    if (from >= all.size()) {
      return new Page<>(List.of(), null);
    }
    int to = Math.min(all.size(), from + max);
    String next = to < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(all.subList(from, to), next);
  }

  /** A timestamp member of a request (AWS JSON sends epoch seconds), or {@code null}. */
  public static Instant instant(JsonNode input, String member) {
    JsonNode value = input.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    return Instant.parse(value.asText());
  }

  /** The {@code Tags} list of a request ({@code [{"Key":..,"Value":..}]}) as an ordered map. */
  public static Map<String, String> tags(JsonNode tagList) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (tagList != null && tagList.isArray()) {
      for (JsonNode tag : tagList) {
        tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
      }
    }
    return Collections.unmodifiableMap(tags);
  }

  /** {@code tags} in SageMaker's {@code TagList} shape. */
  public static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
    return list;
  }

  /**
   * Keeps the {@code Tags} of a Create call in the control plane's {@link ResourceTags}, so that
   * {@code ListTags} on the new resource's ARN answers them. Without an installed tags service the
   * tags are dropped: creating the resource must not fail for it.
   */
  public static void storeTags(Installation installation, String arn, JsonNode tagList) {
    Map<String, String> tags = tags(tagList);
    if (tags.isEmpty()) {
      return;
    }
    try {
      installation.capability(ResourceTags.class).put(arn, tags);
    } catch (IllegalStateException noTagStore) {
      // No Tags service installed: nothing can ask for the tags, so there is nothing to keep them for.
    }
  }

  /** Copies {@code member} of {@code from} into {@code to} when present. */
  public static void copy(JsonNode from, ObjectNode to, String member) {
    JsonNode value = from.get(member);
    if (value != null && !value.isNull()) {
      to.set(member, value.deepCopy());
    }
  }

  /**
   * An S3 location, parsed from {@code s3://bucket/key} or the path-style
   * {@code https://host/bucket/key} that SageMaker's {@code S3Uri} pattern also admits.
   *
   * @param bucket the bucket
   * @param key the key or prefix, without a leading slash, possibly empty
   */
  public record S3Location(String bucket, String key) {
    public static S3Location parse(String uri) {
      String rest;
      if (uri.startsWith("s3://")) {
        rest = uri.substring("s3://".length());
      } else if (uri.startsWith("https://")) {
        rest = uri.substring("https://".length());
        int host = rest.indexOf('/');
        rest = host < 0 ? "" : rest.substring(host + 1);
      } else {
        throw new IllegalArgumentException("not an S3 URI: " + uri);
      }
      int slash = rest.indexOf('/');
      return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** This location with {@code child} appended after one {@code /}. */
    public S3Location resolve(String child) {
      if (key.isEmpty()) {
        return new S3Location(bucket, child);
      }
      return new S3Location(bucket, key.endsWith("/") ? key + child : key + "/" + child);
    }

    public String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }
}
