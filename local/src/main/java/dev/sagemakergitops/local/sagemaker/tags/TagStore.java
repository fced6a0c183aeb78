package dev.sagemakergitops.local.sagemaker.tags;

import dev.sagemakergitops.local.spi.ResourceTags;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of every SageMaker resource, by ARN: the capability ({@code installation.capability(TagStore.class)})
 * through which Create calls with {@code Tags} keep them and {@code AddTags}, {@code ListTags} and
 * {@code DeleteTags} read and change them. ARNs carry the region, so tags are naturally per region.
 * Keys keep the order in which they were first added, as {@code ListTags} answers them.
 * Not thread-safe: it is used under the control plane's lock.
 */
public final class TagStore implements ResourceTags {
  private final Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();

  /** Adds {@code tags} to the resource; a key it already has gets the new value. */
  @Override
  public void put(String arn, Map<String, String> tags) {
    tagsByArn.computeIfAbsent(arn, any -> new LinkedHashMap<>()).putAll(tags);
  }

  /** The resource's tags (empty when it has none), as an unmodifiable copy. */
  public Map<String, String> get(String arn) {
    Map<String, String> tags = tagsByArn.get(arn);
    return tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** Removes the tags with these keys; keys the resource does not have are ignored, as SageMaker does. */
  public void remove(String arn, Collection<String> keys) {
    Map<String, String> tags = tagsByArn.get(arn);
    if (tags != null) {
      keys.forEach(tags::remove);
      if (tags.isEmpty()) {
        tagsByArn.remove(arn);
      }
    }
  }
}
