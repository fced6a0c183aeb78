package dev.sagemakergitops.local.sagemaker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** How {@code ListModelPackageGroups} and {@code DescribeModelPackageGroup} answer groups (see the package manual). */
final class ModelPackageGroupListing {
  private ModelPackageGroupListing() {}

  static JsonNode list(Collection<ModelPackageGroup> groups, ObjectNode input) {
    String nameContains = Json.text(input, "NameContains");
    Instant after = SageMakerResources.instant(input, "CreationTimeAfter");
    Instant before = SageMakerResources.instant(input, "CreationTimeBefore");
    List<ModelPackageGroup> matching = new ArrayList<>();
    for (ModelPackageGroup group : groups) {
      if ((nameContains == null || group.name().contains(nameContains))
          && (after == null || group.creationTime().isAfter(after))
          && (before == null || group.creationTime().isBefore(before))) {
        matching.add(group);
      }
    }
    Comparator<ModelPackageGroup> order = input.path("SortBy").asText("CreationTime").equals("Name")
        ? Comparator.comparing(ModelPackageGroup::name)
        : Comparator.comparing(ModelPackageGroup::creationTime).thenComparing(ModelPackageGroup::name);
    if (input.path("SortOrder").asText("Ascending").equals("Descending")) {
      order = order.reversed();
    }
    matching.sort(order);
    SageMakerResources.Page<ModelPackageGroup> page = SageMakerResources.page(matching, input, 10);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("ModelPackageGroupSummaryList");
    page.items().forEach(group -> list.add(summary(group)));
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  static ObjectNode summary(ModelPackageGroup group) {
    ObjectNode out = Json.object();
    out.put("ModelPackageGroupName", group.name());
    out.put("ModelPackageGroupArn", group.arn());
    if (group.description() != null) {
      out.put("ModelPackageGroupDescription", group.description());
    }
    out.put("CreationTime", Json.timestamp(group.creationTime()));
    // Creating a group has nothing to wait for: it is Completed at once.
    out.put("ModelPackageGroupStatus", "Completed");
    return out;
  }
}
