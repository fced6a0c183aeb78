package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitPathNotFoundException;
import dev.sagemakergitops.core.git.GitRefNotFoundException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ManifestScalarEditor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Writes the commit that bumps a manifest's {@code spec.model.package}, once.
 *
 * <p>A run that is repeated (resumed, or started again from scratch after a crash) must not stack a
 * second bump on the first, so before writing it looks at the branch: when its tip is a child of
 * the start commit and already names the new version, that commit is the answer. Otherwise the
 * branch is (re)written from the start commit, which also replaces a stale bump of an earlier
 * version.
 */
final class BumpCommits {
  private final Clock clock;

  BumpCommits(Clock clock) {
    this.clock = clock;
  }

  /**
   * Bumps {@code plan}'s manifest to {@code newPackage}.
   *
   * @return the commit on the branch, or empty when the manifest at the start commit already names
   *     {@code newPackage} (nothing to propose)
   */
  Optional<CommitResult> bump(BumpPlan plan, String newPackage) {
    try (GitRepository git = GitRepository.open(Path.of(plan.repository()), clock)) {
      ResolvedCommit start = git.resolve(plan.startRef());
      Optional<ResolvedCommit> tip = tipOf(git, plan.branch());
      if (tip.isPresent() && tip.get().parentIds().contains(start.id())
          && newPackage.equals(packageAt(git, tip.get().id(), plan.manifestPath()).orElse(null))) {
        String branchRef = plan.branch().startsWith("refs/heads/") ? plan.branch() : "refs/heads/" + plan.branch();
        return Optional.of(new CommitResult(branchRef, tip.get().id(), start.id(), List.of(plan.manifestPath())));
      }
      CommitResult written = git.bumpPackageVersion(plan.branch(), start.id(), plan.manifestPath(), newPackage, null,
          null);
      return written.changed() ? Optional.of(written) : Optional.empty();
    }
  }

  private static Optional<ResolvedCommit> tipOf(GitRepository git, String branch) {
    try {
      return Optional.of(git.resolve(branch.startsWith("refs/heads/") ? branch : "refs/heads/" + branch));
    } catch (GitRefNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> packageAt(GitRepository git, String commit, String path) {
    List<ManifestFile> files;
    try {
      files = git.readManifests(commit, List.of(path));
    } catch (GitPathNotFoundException e) {
      return Optional.empty();
    }
    if (files.size() != 1) {
      return Optional.empty();
    }
    return ManifestScalarEditor.readScalar(files.get(0).text(), List.of("spec", "model", "package"));
  }
}
