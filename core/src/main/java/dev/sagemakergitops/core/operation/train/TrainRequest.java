package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Objects;

/**
 * What {@link TrainOperation} trains: a manifest resolved at a Git commit, whose
 * {@code spec.training} section describes the job.
 *
 * @param manifest the manifest, images pinned
 * @param runKey {@code null} to reuse the job of the same spec (its finished artifact, the default);
 *     any text, such as a build number, to train the same spec again under a new job name, for
 *     example after a transient failure (capacity, spot interruption)
 */
public record TrainRequest(ResolvedManifest manifest, String runKey) {
  public TrainRequest {
    Objects.requireNonNull(manifest, "manifest");
  }

  /** A request that reuses the job of the same spec. */
  public TrainRequest(ResolvedManifest manifest) {
    this(manifest, null);
  }
}
