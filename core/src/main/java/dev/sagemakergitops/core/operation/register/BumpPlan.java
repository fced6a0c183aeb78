package dev.sagemakergitops.core.operation.register;

import java.util.Objects;

/**
 * The bump commit a registration writes once its version exists, as plain strings for the state.
 *
 * @param repository the Git repository's folder
 * @param branch the branch to write
 * @param startRef the commit to build on (by default the commit the manifest was read at)
 * @param manifestPath the manifest's path in the repository
 */
public record BumpPlan(String repository, String branch, String startRef, String manifestPath) {
  public BumpPlan {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(startRef, "startRef");
    Objects.requireNonNull(manifestPath, "manifestPath");
  }
}
