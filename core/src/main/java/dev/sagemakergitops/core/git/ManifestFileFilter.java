package dev.sagemakergitops.core.git;

import java.util.Locale;

/**
 * Decides which files in a repository are model manifests.
 *
 * <p>A repository that holds manifests usually holds other YAML too: CI workflows
 * ({@code .github/workflows/ci.yml}), {@code buildspec.yml}, Helm charts. A file is a manifest when
 * its name ends in {@code .yaml} or {@code .yml} <em>and</em> its content says so: a line at the top
 * level (no indentation) {@code apiVersion: sagemaker-gitops/...}, or a top-level
 * {@code kind: ModelDeployment}. The second signal matters: a manifest with a misspelled
 * {@code apiVersion} is still picked up, so validation reports the typo instead of silently
 * skipping the file.
 *
 * <p>The test reads lines only; it does not parse YAML, so it stays cheap across thousands of files.
 */
public final class ManifestFileFilter {

  static final String API_GROUP_PREFIX = "sagemaker-gitops/";
  static final String KIND = "ModelDeployment";

  private ManifestFileFilter() {}

  /** True when the path's file name ends in {@code .yaml} or {@code .yml} (in any letter case). */
  public static boolean isManifestPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /**
   * True when a top-level line is {@code apiVersion: sagemaker-gitops/...} or
   * {@code kind: ModelDeployment} (values may be quoted; a trailing comment is allowed).
   */
  public static boolean looksLikeManifest(byte[] content) {
    int length = content.length;
    int start = startsWithByteOrderMark(content) ? 3 : 0;
    while (start < length) {
      int end = start;
      while (end < length && content[end] != '\n') {
        end++;
      }
      if (isTopLevelManifestLine(content, start, end)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean startsWithByteOrderMark(byte[] content) {
    return content.length >= 3
        && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF;
  }

  private static boolean isTopLevelManifestLine(byte[] content, int start, int end) {
    // Only the first bytes matter and both keys are ASCII, so a byte-wise check is exact.
    if (start >= end || (content[start] != 'a' && content[start] != 'k')) {
      return false;
    }
    String line = new String(content, start, Math.min(end - start, 200), java.nio.charset.StandardCharsets.UTF_8);
    String apiVersion = valueOf(line, "apiVersion:");
    if (apiVersion != null) {
      return apiVersion.startsWith(API_GROUP_PREFIX);
    }
    String kind = valueOf(line, "kind:");
    return kind != null && (kind.equals(KIND) || kind.startsWith(KIND + " ") || kind.startsWith(KIND + "\t")
        || kind.startsWith(KIND + "#"));
  }

  /** The value after {@code key}, without surrounding blanks or quotes; null when the line has another key. */
  private static String valueOf(String line, String key) {
    if (!line.startsWith(key)) {
      return null;
    }
    String value = line.substring(key.length()).strip();
    if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      char quote = value.charAt(0);
      int close = value.indexOf(quote, 1);
      value = close < 0 ? value.substring(1) : value.substring(1, close);
    }
    return value;
  }
}
