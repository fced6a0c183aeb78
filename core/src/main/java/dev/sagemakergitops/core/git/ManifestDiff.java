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

  /**
   * A diff and what the caller's work made of its changes while the last-commit walk ran (see
   * {@code GitRepository.diff(String, String, List, Function)}).
   *
   * @param diff the diff, every change with its last commit
   * @param work the result of the caller's work, {@code null} only if the work returned it
   */
  public record WithWork<T>(ManifestDiff diff, T work) {
    public WithWork {
      Objects.requireNonNull(diff, "diff");
    }
  }
}
