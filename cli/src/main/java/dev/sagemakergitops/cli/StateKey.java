package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.operation.ResolvedManifest;

/**
 * The name a run's state is saved under: the operation, the manifest and the commit it was read at,
 * and whatever else makes the request different (a transform's name, an artifact). Running the same
 * command for the same commit again finds the state and resumes; another commit or another request
 * starts afresh (and still attaches to what exists, by the resources' deterministic names).
 */
final class StateKey {
  private StateKey() {}

  /** {@code <operation>-<manifest name>-<12 hex of the commit>-<8 hex of the path and the parts>}. */
  static String of(String operation, ResolvedManifest manifest, String... parts) {
    ContentHash hash = ContentHash.of("cli-state").field("path", manifest.origin().manifestPath());
    for (int i = 0; i < parts.length; i++) {
      hash.field("part" + i, parts[i]);
    }
    return operation + "-" + manifest.name() + "-" + manifest.origin().commitId().substring(0, 12) + "-"
        + hash.hex(8);
  }
}
