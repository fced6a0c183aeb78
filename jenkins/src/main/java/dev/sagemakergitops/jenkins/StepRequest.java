package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a step asks its operation, with the run's defaults filled in: the manifest, the ref (the
 * build's commit unless given), the repository directory and the step's own arguments.
 *
 * @param step the step's function name, for messages
 * @param manifest the manifest's path in the repository
 * @param ref the Git ref to read the manifest at
 * @param repository the Git repository's directory
 * @param options the step's own arguments by name (for example {@code bumpBranch}); absent ones are left out
 */
public record StepRequest(String step, String manifest, String ref, Path repository, Map<String, String> options) {
  public StepRequest {
    options = Map.copyOf(options);
  }

  /** One of the step's own arguments. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * The manifest read at the ref with its images pinned to digests: what every operation starts
   * from. Reads Git and ECR only.
   *
   * @throws dev.sagemakergitops.core.operation.OperationInputException naming file, line and field
   *     when the manifest does not load or names an image that does not exist
   */
  public ResolvedManifest resolveManifest(OperationContext context) {
    try (GitRepository git = GitRepository.open(repository)) {
      return new ManifestResolver(ImagePinner.using(context.clients())).resolveOne(git, ref, manifest);
    }
  }
}
