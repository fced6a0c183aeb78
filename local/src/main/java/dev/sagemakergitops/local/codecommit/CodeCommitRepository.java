package dev.sagemakergitops.local.codecommit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One repository: its metadata and its branches' tips. The control plane keeps no Git objects; a
 * branch is a name and a commit id, which is all the pull-request calls read.
 */
final class CodeCommitRepository {
  final String name;
  final String id;
  final String arn;
  final String description;
  final Instant created;
  /** refs/heads/NAME -> commit id. */
  private final Map<String, String> branches = new LinkedHashMap<>();
  /** Every commit a branch has pointed at: what PostCommentForPullRequest accepts. */
  private final Set<String> commits = new LinkedHashSet<>();

  CodeCommitRepository(String name, String id, String arn, String description, Instant created) {
    this.name = name;
    this.id = id;
    this.arn = arn;
    this.description = description;
    this.created = created;
  }

  void branch(String reference, String commitId) {
    branches.put(reference, commitId);
    commits.add(commitId);
  }

  Optional<String> tip(String reference) {
    return Optional.ofNullable(branches.get(reference));
  }

  boolean hasCommit(String commitId) {
    return commits.contains(commitId);
  }

  /** CodeCommit's default branch: the first branch pushed to an empty repository. */
  Optional<String> defaultBranch() {
    return branches.keySet().stream().findFirst().map(r -> r.substring("refs/heads/".length()));
  }
}
