package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.redaction.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a result summary into values JSON writes as they are: text (credentials removed from
 * URLs), numbers, booleans, {@code null}, and lists and ordered maps of those. Instants and
 * durations become ISO-8601 text and enums their names. Anything else (a client, an SDK response,
 * a path) is refused, so a summary cannot drag in more than its author meant to record.
 */
final class PlainValues {
  private PlainValues() {}

  /** An unmodifiable copy of {@code map}, keys in their order. */
  static Map<String, Object> copyOf(Map<String, ?> map) {
    return copyMap(map, "result");
  }

  private static Object copy(Object value, String path) {
    if (value == null || value instanceof Boolean || value instanceof Number) {
      return value;
    }
    if (value instanceof String text) {
      return Redaction.withoutUrlCredentials(text);
    }
    if (value instanceof Instant || value instanceof Duration) {
      return value.toString();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(copy(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException("a deployment record holds plain values only, but " + path + " is a "
        + value.getClass().getName() + "; record its name, ARN or number instead");
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException("a deployment record's maps have text keys, but " + path + " has the key "
            + entry.getKey());
      }
      out.put(key, copy(entry.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(out);
  }
}
