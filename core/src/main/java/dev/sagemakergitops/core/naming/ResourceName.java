package dev.sagemakergitops.core.naming;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SageMaker resource names built from a readable base and a content hash:
 * {@code <base>-<12 hex digits>}, at most 63 characters and matching SageMaker's
 * {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}. The base tells a person which manifest a resource
 * belongs to; the hash makes the name a function of the resolved spec, so the same spec always maps
 * to the same resource (a re-run attaches, a revert reuses).
 */
public final class ResourceName {
  /** SageMaker's entity name rule (training jobs, models, endpoint configs, transform jobs). */
  public static final Pattern ENTITY_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  public static final int MAX_LENGTH = 63;
  public static final int HASH_DIGITS = 12;

  private ResourceName() {}

  /** {@code base} shortened as needed, then {@code -} and the first 12 digits of {@code hash}. */
  public static String of(String base, ContentHash hash) {
    return of(base, hash, MAX_LENGTH);
  }

  /** Like {@link #of(String, ContentHash)} for a resource whose names may be {@code maxLength} long. */
  public static String of(String base, ContentHash hash, int maxLength) {
    String suffix = "-" + hash.hex(HASH_DIGITS);
    if (maxLength < suffix.length() + 2) {
      throw new IllegalArgumentException("a name of at most " + maxLength + " characters has no room for a base and "
          + "the hash; expected at least " + (suffix.length() + 2));
    }
    String cleaned = clean(base);
    int room = maxLength - suffix.length();
    if (cleaned.length() > room) {
      cleaned = trimDashes(cleaned.substring(0, room));
    }
    return (cleaned.isEmpty() ? "sm" : cleaned) + suffix;
  }

  /** Lower case, with every run of characters outside {@code [a-z0-9]} turned into one dash. */
  static String clean(String base) {
    String lower = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return trimDashes(lower);
  }

  private static String trimDashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '-') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '-') {
      end--;
    }
    return text.substring(start, end);
  }
}
