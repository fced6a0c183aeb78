package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Objects;

/**
 * Run one named batch transform of a manifest.
 *
 * @param manifest the manifest, resolved at a commit
 * @param transformName the key under {@code spec.batchTransforms}
 * @param runKey what tells one run of the same transform spec from another; {@code null} for the
 *     commit id, so a re-run of the same commit attaches to the job it started. A nightly scoring
 *     run passes the date instead, so each night gets its own job while a re-run on the same night
 *     still attaches.
 */
public record BatchTransformRequest(ResolvedManifest manifest, String transformName, String runKey) {

  public BatchTransformRequest {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(transformName, "transformName");
  }

  /** The transform {@code transformName} of {@code manifest}, keyed by the manifest's commit. */
  public static BatchTransformRequest of(ResolvedManifest manifest, String transformName) {
    return new BatchTransformRequest(manifest, transformName, null);
  }

  /** The run key in force: the one given, else the commit id. */
  public String effectiveRunKey() {
    return runKey != null ? runKey : manifest.origin().commitId();
  }
}
