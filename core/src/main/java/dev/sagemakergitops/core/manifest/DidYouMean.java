package dev.sagemakergitops.core.manifest;

import java.util.Collection;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The "did you mean" hint for a misspelled key or value. */
final class DidYouMean {
  private DidYouMean() {}

  /** {@code " (did you mean 'x'?)"} for the closest candidate within a small edit distance, else {@code ""}. */
  static String hint(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lowered = given.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int distance = candidate.toLowerCase(Locale.ROOT).equals(lowered)
          ? 0
          : LevenshteinDistance.getDefaultInstance().apply(lowered, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    int allowed = Math.max(2, given.length() / 3);
    return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
  }
}
