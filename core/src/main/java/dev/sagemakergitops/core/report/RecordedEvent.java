package dev.sagemakergitops.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a deployment record as the report reads it back: {@code events[]} of
 * {@code docs/deployment-record.md}, with its facts when the writing version recorded them.
 *
 * @param at when it happened
 * @param phase the operation's phase
 * @param message the build log's line
 * @param facts the change as plain values (empty in records written before facts were recorded)
 * @param quiet true for an event kept for the record only (an alarm look)
 */
public record RecordedEvent(Instant at, String phase, String message, Map<String, Object> facts, boolean quiet) {
  public RecordedEvent {
    Objects.requireNonNull(at, "at");
    phase = phase == null ? "" : phase;
    message = message == null ? "" : message;
    Map<String, Object> kept = new java.util.LinkedHashMap<>();
    if (facts != null) {
      facts.forEach((key, value) -> {
        if (value != null) {
          kept.put(key, value);
        }
      });
    }
    facts = java.util.Collections.unmodifiableMap(kept);
  }

  /** {@code facts.kind}, or the empty string. */
  public String kind() {
    Object kind = facts.get("kind");
    return kind == null ? "" : kind.toString();
  }

  /** A whole-number fact, or {@code fallback}. */
  public long number(String key, long fallback) {
    return facts.get(key) instanceof Number n ? n.longValue() : fallback;
  }

  /** A text fact, or {@code null}. */
  public String text(String key) {
    Object value = facts.get(key);
    return value == null ? null : value.toString();
  }

  /** A list-of-text fact, or an empty list. */
  public List<String> texts(String key) {
    return facts.get(key) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /** An instant fact, or {@code null} when absent or unreadable. */
  public Instant instant(String key) {
    String value = text(key);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
