package dev.sagemakergitops.core.sync;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.List;
import java.util.Objects;

/**
 * What {@code sync} does for one manifest, decided before anything runs.
 *
 * @param manifest the manifest at the target commit
 * @param endpoint its endpoint's name, or {@code null} when it has none
 * @param endpointExists whether that endpoint is live (a shadow test needs one)
 * @param deployedCommit the commit the endpoint's lineage names (what it runs), or {@code null}
 * @param changed whether the manifest differs from what was deployed (or from {@code --base})
 * @param reason one sentence: why it is changed or not
 * @param steps what runs, in order: {@code shadowTest}, {@code safeDeploy}, {@code batchTransform:<name>}
 * @param blocked when the endpoint already rolled back this very change: the failure to report
 *     instead of deploying it again, else {@code null}
 */
public record SyncItem(ResolvedManifest manifest, String endpoint, boolean endpointExists, String deployedCommit,
    boolean changed, String reason, List<String> steps, OperationFailure blocked) {

  /** The step that runs the manifest's shadow test. */
  public static final String SHADOW = "shadowTest";
  /** The step that deploys the manifest. */
  public static final String DEPLOY = "safeDeploy";
  /** The prefix of the step that runs one batch transform: {@code batchTransform:<name>}. */
  public static final String TRANSFORM = "batchTransform:";

  public SyncItem {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(reason, "reason");
    steps = List.copyOf(steps);
  }

  /** The steps as a user reads them: {@code shadowTest, safeDeploy, batchTransform nightly}. */
  public String stepsText() {
    return steps.isEmpty() ? "nothing to run" : String.join(", ", steps.stream().map(s -> s.replace(':', ' ')).toList());
  }

  /** The batch transform {@code step} runs ({@code nightly} of {@code batchTransform:nightly}), or {@code null} for another step. */
  public static String transformOf(String step) {
    return step.startsWith(TRANSFORM) ? step.substring(TRANSFORM.length()) : null;
  }

  /** Whether this item runs (changed, and not blocked by a rollback of the same change). */
  public boolean runs() {
    return changed && blocked == null;
  }
}
