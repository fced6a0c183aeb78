package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.git.ChangeKind;
import dev.sagemakergitops.core.git.CommitInfo;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.util.List;
import java.util.Map;

/**
 * What a merge would do for one changed manifest.
 *
 * @param path the manifest's path
 * @param name the manifest's name (at the head, else at the base, else the path)
 * @param kind added, changed or removed
 * @param oldBlobId the blob at the base, or {@code null}
 * @param newBlobId the blob at the head, or {@code null}
 * @param lastCommit the newest commit that changed the manifest, or {@code null}
 * @param before the plan-relevant facts at the base (empty when added or invalid)
 * @param after the plan-relevant facts at the head (empty when removed or invalid)
 * @param changes the facts that differ, in {@link ManifestSummary} order
 * @param actions what the merge pipeline will do, in order
 * @param problems what blocks the change (invalid manifest, guardrail violations, unresolvable images)
 * @param inPlace true when the endpoint's change is one safe deploy applies in place (only weights and
 *     instance counts: UpdateEndpointWeightsAndCapacities), provided the endpoint runs what the base
 *     commit deployed (the deploy checks)
 */
public record ModelPlan(
    String path,
    String name,
    ChangeKind kind,
    String oldBlobId,
    String newBlobId,
    CommitInfo lastCommit,
    Map<String, String> before,
    Map<String, String> after,
    List<FieldChange> changes,
    List<String> actions,
    List<ManifestProblem> problems,
    boolean inPlace) {

  /** A plan with no change in place. */
  public ModelPlan(String path, String name, ChangeKind kind, String oldBlobId, String newBlobId, CommitInfo lastCommit,
      Map<String, String> before, Map<String, String> after, List<FieldChange> changes, List<String> actions,
      List<ManifestProblem> problems) {
    this(path, name, kind, oldBlobId, newBlobId, lastCommit, before, after, changes, actions, problems, false);
  }

  public ModelPlan {
    before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
    after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    changes = List.copyOf(changes);
    actions = List.copyOf(actions);
    problems = List.copyOf(problems);
  }
}
