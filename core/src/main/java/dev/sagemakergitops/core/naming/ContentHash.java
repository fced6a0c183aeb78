package dev.sagemakergitops.core.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 over named fields of a resolved spec. Each field is written as its name, its value's
 * length and its value, so no two different specs can produce the same input text; map entries are
 * sorted by key, so the order a manifest lists them in does not change a name; a field that is
 * {@code null} is written as absent, distinct from an empty string.
 *
 * <p>Adding a field to a hash renames every resource of that kind, which makes the next deploy
 * create new ones; treat the set of fields of each name as part of the naming contract in
 * {@code docs/operations.md}.
 */
public final class ContentHash {
  private final StringBuilder text = new StringBuilder();

  private ContentHash(String kind) {
    field("kind", kind);
  }

  /** Starts a hash of a resource of {@code kind} (for example {@code training-job}). */
  public static ContentHash of(String kind) {
    return new ContentHash(kind);
  }

  public ContentHash field(String name, Object value) {
    text.append(name).append('=');
    if (value == null) {
      text.append("-\n");
      return this;
    }
    String written = canonical(value);
    text.append(written.length()).append(':').append(written).append('\n');
    return this;
  }

  /** The full digest, 64 hex digits. */
  public String hex() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The first {@code digits} hex digits: 12 (48 bits) in names, where a collision between two specs
   * of one manifest is about as likely as 1 in 10^14 per pair.
   */
  public String hex(int digits) {
    return hex().substring(0, digits);
  }

  /** The text that is hashed, for tests and for explaining a name. */
  public String canonicalText() {
    return text.toString();
  }

  private static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      new TreeMap<>(stringKeys(map)).forEach((k, v) -> {
        out.append(k.length()).append(':').append(k).append('=');
        element(out, v);
      });
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object each : list) {
        element(out, each);
      }
      return out.append(']').toString();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return number == Math.rint(number) && !Double.isInfinite(number) ? Long.toString((long) number) : Double.toString(number);
    }
    return value.toString();
  }

  /**
   * One element of a map or list: its length-prefixed text, or a bare {@code -} for {@code null}.
   * A written value always starts with a digit, so {@code null} and the text {@code "-"} differ.
   */
  private static void element(StringBuilder out, Object value) {
    if (value == null) {
      out.append("-;");
      return;
    }
    String written = canonical(value);
    out.append(written.length()).append(':').append(written).append(';');
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
