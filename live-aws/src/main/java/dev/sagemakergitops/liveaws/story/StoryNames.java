package dev.sagemakergitops.liveaws.story;

import dev.sagemakergitops.liveaws.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the story's answers independent of the run, beyond what the probes' normalizer does (run
 * prefix, account, region): the 12 hex digits the operations hash into a model's or an endpoint
 * configuration's name (they hash the image digest, the artifact and the role, which differ from
 * account to account) become {@code <hash-1>}, {@code <hash-2>} ... in the order they first appear,
 * so that "the revert serves the first configuration again" reads the same on every account and a
 * new name where a reused one was expected is a difference; Git commit ids become what the story
 * committed ({@code <commit: bump to version 2>}); the artifacts' bucket becomes {@code <artifacts>}.
 */
final class StoryNames {
  private final Pattern hashed;
  private final String artifactsBucket;
  private final Map<String, String> hashes = new LinkedHashMap<>();
  private final Map<String, String> commits = new LinkedHashMap<>();

  /**
   * @param base the manifest's name, which every hashed name starts with
   * @param artifactsBucket the {@code s3://bucket} of the story's artifacts
   */
  StoryNames(String base, String artifactsBucket) {
    // A model or configuration is <base>-<hash>; a transform job <base>-<transform>-<hash>.
    this.hashed = Pattern.compile(Pattern.quote(base) + "(?:-[a-z]+)?-([0-9a-f]{12})\\b");
    this.artifactsBucket = artifactsBucket;
  }

  /** Names a commit the story made, for the answers that mention it. */
  void commit(String id, String what) {
    commits.put(id, "<commit: " + what + ">");
  }

  Object normalize(Object value) {
    return Normalizer.eachText(value, this::normalize);
  }

  private String normalize(String text) {
    Matcher matcher = hashed.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String label = hashes.computeIfAbsent(matcher.group(1), h -> "<hash-" + (hashes.size() + 1) + ">");
      matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group().replace(matcher.group(1), label)));
    }
    matcher.appendTail(out);
    String result = out.toString();
    for (Map.Entry<String, String> commit : commits.entrySet()) {
      result = result.replace(commit.getKey(), commit.getValue());
    }
    return result.replace(artifactsBucket + "/", "<artifacts>/");
  }
}
