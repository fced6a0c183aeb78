package dev.sagemakergitops.cli;

import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Parameters;

/** Mixes {@link RepositoryOptions} and the manifest paths into a command. */
final class RepositoryOptionsMixin {
  @ArgGroup(exclusive = false, heading = "%nRepository:%n")
  RepositoryOptions options = new RepositoryOptions();

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Manifest files or folders, relative to the repository root (default: every manifest).")
  List<String> paths;

  /** The paths as repository-relative, '/'-separated names. */
  List<String> paths() {
    return RepositoryOptions.normalise(paths);
  }
}
