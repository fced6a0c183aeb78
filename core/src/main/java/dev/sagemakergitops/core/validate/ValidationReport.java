package dev.sagemakergitops.core.validate;

import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.util.List;
import java.util.Map;

/**
 * What {@link ManifestValidator} found at one commit.
 *
 * @param commit the commit the manifests were read at
 * @param manifestPaths every manifest checked, in path order
 * @param problems every problem, grouped by file in path order, then by line
 * @param digests the digest each image resolved to (empty when offline)
 * @param offline true when AWS was not consulted, so references were not checked
 */
public record ValidationReport(
    ResolvedCommit commit,
    List<String> manifestPaths,
    List<ManifestProblem> problems,
    Map<ImageReference, String> digests,
    boolean offline) {

  public ValidationReport {
    manifestPaths = List.copyOf(manifestPaths);
    problems = List.copyOf(problems);
    digests = Map.copyOf(digests);
  }

  public boolean isValid() {
    return problems.isEmpty();
  }
}
