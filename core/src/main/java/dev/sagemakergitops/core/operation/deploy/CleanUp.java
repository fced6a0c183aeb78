package dev.sagemakergitops.core.operation.deploy;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The opt-in clean-up after a successful deploy: models and endpoint configurations that carry this
 * manifest's lineage tags and that neither the live endpoint nor any of {@link #referenced} names
 * are deleted. Without it (the default) nothing is ever deleted, so every earlier configuration
 * stays available to a revert.
 *
 * @param enabled whether to clean up at all
 * @param keepLastCommits how many commits {@link #referenced} was computed from (for the report)
 * @param referenced the model and endpoint configuration names the manifests of the last
 *     {@code keepLastCommits} commits resolve to (see {@link ReferencedResources}); sorted
 */
public record CleanUp(boolean enabled, int keepLastCommits, List<String> referenced) {

  public CleanUp {
    referenced = List.copyOf(new TreeSet<>(referenced));
  }

  /** No clean-up: the default. */
  public static CleanUp none() {
    return new CleanUp(false, 0, List.of());
  }

  /** Clean up, keeping {@code referenced} (computed from the last {@code commits} commits). */
  public static CleanUp keeping(int commits, Collection<String> referenced) {
    return new CleanUp(true, commits, List.copyOf(referenced));
  }
}
