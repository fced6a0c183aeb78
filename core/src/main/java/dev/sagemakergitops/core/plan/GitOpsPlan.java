package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.git.RevertInfo;
import java.util.List;

/**
 * What merging {@code head} onto {@code base} would change, model by model. Built without any
 * mutating AWS call.
 *
 * @param base the commit the endpoints run (or the target branch)
 * @param head the proposed commit
 * @param revert set when the head commit is a {@code git revert}: a rollback, or {@code null}
 * @param models one entry per changed manifest, in path order
 * @param digestsResolved false when AWS was not consulted (offline) and digests are unknown
 */
public record GitOpsPlan(
    ResolvedCommit base, ResolvedCommit head, RevertInfo revert, List<ModelPlan> models, boolean digestsResolved) {

  public GitOpsPlan {
    models = List.copyOf(models);
  }

  /** True when any model's change is blocked by a problem. */
  public boolean hasProblems() {
    return models.stream().anyMatch(m -> !m.problems().isEmpty());
  }
}
