package dev.sagemakergitops.core.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What loading one manifest gave: the manifest when it is valid, and every problem found.
 *
 * @param source where the text came from
 * @param manifest the manifest, or {@code null} when there were problems
 * @param problems all problems of the file, in file order
 */
public record ManifestParseResult(ManifestSource source, ModelManifest manifest, List<ManifestProblem> problems) {

  public ManifestParseResult {
    problems = List.copyOf(problems);
    if ((manifest == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a result has a manifest exactly when it has no problems");
    }
  }

  public boolean isValid() {
    return manifest != null;
  }

  public Optional<ModelManifest> validManifest() {
    return Optional.ofNullable(manifest);
  }
}
