package dev.sagemakergitops.core.operation.deploy;

import java.util.Optional;

/**
 * Git's order of two commits, as safe deploy needs it to follow Git when deployers race: a run that
 * waited for another deployment does not replace it with an older commit. Given by the caller that
 * has the repository (the command line, the Jenkins {@code safeDeploy} step); without one the order
 * is unknown and the rule does not apply.
 */
@FunctionalInterface
public interface CommitAncestry {
  /** No repository: the order of commits is unknown. */
  CommitAncestry UNKNOWN = (descendant, ancestor) -> Optional.empty();

  /** Whether {@code descendant} descends from (or is) {@code ancestor}; empty when unknown. */
  Optional<Boolean> descendsFrom(String descendant, String ancestor);
}
