package dev.sagemakergitops.core.validate;

import dev.sagemakergitops.core.manifest.ManifestLocator;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ModelManifest;

/**
 * A manifest that loaded, with its text, so that later checks can point at the line of a field.
 *
 * @param manifest the manifest
 * @param text its YAML text
 */
public record LoadedManifest(ModelManifest manifest, String text) {

  /** A problem at {@code fieldPath} of this manifest. */
  public ManifestProblem problemAt(String fieldPath, String message) {
    return ManifestLocator.problem(manifest.source().path(), text, fieldPath, message);
  }
}
