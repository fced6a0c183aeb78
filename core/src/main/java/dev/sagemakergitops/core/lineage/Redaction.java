package dev.sagemakergitops.core.lineage;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of what is written down. Repository URLs are already recorded without
 * them ({@code GitRepository.lineageName()}), but an AWS or Git message quoted in an event or a
 * failure could carry a URL with a token in its user-info part
 * ({@code https://x-access-token:...@github.com/...}); that part is removed wherever it appears.
 */
final class Redaction {
  private static final Pattern URL_USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s]*@");

  private Redaction() {}

  /** {@code text} with the user-info part of every URL in it removed; {@code null} stays {@code null}. */
  static String withoutUrlCredentials(String text) {
    return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1");
  }
}
