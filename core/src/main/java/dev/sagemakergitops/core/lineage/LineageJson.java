package dev.sagemakergitops.core.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON both documents of this package are written as: ordered maps of plain values, pretty
 * printed. Instants are ISO-8601 text in UTC; absent values are left out rather than written as
 * {@code null}, so a reader tells "not known" from "empty" by the key's presence.
 */
final class LineageJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private LineageJson() {}

  static String write(Map<String, Object> tree) {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The lineage's fields by their JSON names ({@code manifestPath}, {@code imageDigest} ...), absent ones left out. */
  static Map<String, Object> lineage(Lineage lineage) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "repository", lineage.repository());
    put(out, "commit", lineage.commit());
    put(out, "manifestPath", lineage.manifestPath());
    put(out, "manifestBlob", lineage.manifestBlob());
    put(out, "manifestName", lineage.manifestName());
    put(out, "image", lineage.image());
    put(out, "imageDigest", lineage.imageDigest());
    put(out, "modelArtifact", lineage.modelArtifact());
    put(out, "trainingJob", lineage.trainingJob());
    put(out, "modelPackage", lineage.modelPackage());
    put(out, "build", lineage.build());
    return out;
  }

  /** Puts {@code value} unless it is {@code null}; instants as ISO-8601 text. */
  static void put(Map<String, Object> out, String key, Object value) {
    if (value instanceof Instant instant) {
      out.put(key, instant.toString());
    } else if (value != null) {
      out.put(key, value);
    }
  }
}
