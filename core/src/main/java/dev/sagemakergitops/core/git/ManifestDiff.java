package dev.sagemakergitops.core.git;

import java.util.List;
import java.util.Objects;

/**
 * The manifests that differ between two commits, the input of {@code plan}.
 *
 * @param base the commit compared from (for a pull request: the target branch)
 * @param head the commit compared to (for a pull request: its newest commit)
 * @param changes one entry per differing manifest, sorted by path
 */
public record ManifestDiff(ResolvedCommit base, ResolvedCommit head, List<ManifestChange> changes) {

  public ManifestDiff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    changes = List.copyOf(changes);
  }

  /** True when no manifest differs. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
