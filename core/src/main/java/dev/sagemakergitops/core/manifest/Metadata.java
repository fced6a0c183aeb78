package dev.sagemakergitops.core.manifest;

import java.util.Map;

/**
 * @param name unique in the repository; part of every derived resource name
 * @param labels free-form key/value pairs, copied to resource tags
 */
public record Metadata(String name, Map<String, String> labels) {
  public Metadata {
    labels = Map.copyOf(labels);
  }
}
