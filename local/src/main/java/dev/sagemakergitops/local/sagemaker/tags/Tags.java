package dev.sagemakergitops.local.sagemaker.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import dev.sagemakergitops.local.spi.ResourceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SageMaker's {@code AddTags}, {@code ListTags} and {@code DeleteTags} for every SageMaker ARN,
 * over the shared {@link TagStore} that this service provides to the others.
 */
public final class Tags implements LocalService {
  /**
   * At most this many tags per resource, as on AWS: "Maximum tags per resource: 50" (AWS Tag Editor
   * user guide, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html), and botocore's
   * {@code TagList} (max 50) for a single request. AWS does not document the error of an AddTags
   * that would pass the limit (botocore lists no errors for AddTags); {@code ResourceLimitExceeded},
   * SageMaker's error for its other limits, is the reading taken here.
   */
  public static final int MAX_TAGS_PER_RESOURCE = 50;

  /** SageMaker's {@code ResourceArn} pattern. */
  private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+");

  private final TagStore store = new TagStore();

  /** The store, for Java callers (tests, scenario setup). */
  public TagStore store() {
    return store;
  }

  @Override
  public void install(Installation installation) {
    installation.provide(TagStore.class, store);
    installation.provide(ResourceTags.class, store);
    installation.json("sagemaker", "SageMaker")
        .register("AddTags", this::addTags)
        .register("ListTags", this::listTags)
        .register("DeleteTags", this::deleteTags);
  }

  private JsonNode addTags(ObjectNode input, RequestContext context) {
    String arn = arn(input);
    Map<String, String> tags = SageMakerResources.tags(input.get("Tags"));
    long added = tags.keySet().stream().filter(key -> !store.get(arn).containsKey(key)).count();
    if (store.get(arn).size() + added > MAX_TAGS_PER_RESOURCE) {
      throw new AwsServiceException("ResourceLimitExceeded", 400,
          "The resource " + arn + " cannot have more than " + MAX_TAGS_PER_RESOURCE + " tags.");
    }
    store.put(arn, tags);
    ObjectNode out = Json.object();
    out.set("Tags", SageMakerResources.tagList(tags));
    return out;
  }

  private JsonNode listTags(ObjectNode input, RequestContext context) {
    String arn = arn(input);
    List<Map.Entry<String, String>> all = new ArrayList<>(store.get(arn).entrySet());
    SageMakerResources.Page<Map.Entry<String, String>> page = SageMakerResources.page(all, input, 50);
    ObjectNode out = Json.object();
    var list = out.putArray("Tags");
    page.items().forEach(tag -> list.addObject().put("Key", tag.getKey()).put("Value", tag.getValue()));
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode deleteTags(ObjectNode input, RequestContext context) {
    String arn = arn(input);
    List<String> keys = new ArrayList<>();
    input.path("TagKeys").forEach(key -> keys.add(key.asText()));
    store.remove(arn, keys);
    return Json.object();
  }

  private static String arn(ObjectNode input) {
    String arn = Json.text(input, "ResourceArn");
    if (arn == null || !RESOURCE_ARN.matcher(arn).matches()) {
      // The model's pattern; the request validator normally refuses this first.
      throw AwsServiceException.validation("1 validation error detected: Value '" + arn
          + "' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + RESOURCE_ARN.pattern());
    }
    return arn;
  }
}
