package dev.sagemakergitops.local.spi;

import java.util.Map;

/**
 * SageMaker's tags as the resource services see them: a Create call with {@code Tags} keeps them
 * under the new resource's ARN, so that {@code ListTags} answers them. Provided by the tags service.
 */
public interface ResourceTags {
  /** Adds {@code tags} to the resource; a key it already has gets the new value. */
  void put(String arn, Map<String, String> tags);
}
