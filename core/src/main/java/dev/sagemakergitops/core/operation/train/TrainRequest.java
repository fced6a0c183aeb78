package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Objects;

/**
 * What {@link TrainOperation} trains: a manifest resolved at a Git commit, whose
 * {@code spec.training} section describes the job.
 *
 * @param manifest the manifest, images pinned
 */
public record TrainRequest(ResolvedManifest manifest) {
  public TrainRequest {
    Objects.requireNonNull(manifest, "manifest");
  }
}
