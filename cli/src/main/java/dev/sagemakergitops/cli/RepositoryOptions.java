package dev.sagemakergitops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --repo}: the conventions every command that reads manifests shares. */
final class RepositoryOptions {
  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
      description = "The Git repository, or any folder inside it (default: the current directory).")
  Path repository;

  /** Turns manifest arguments into repository-relative paths with '/' separators. */
  static List<String> normalise(List<String> paths) {
    List<String> out = new ArrayList<>();
    if (paths == null) {
      return out;
    }
    for (String path : paths) {
      String normalised = path.replace('\\', '/');
      while (normalised.startsWith("./")) {
        normalised = normalised.substring(2);
      }
      while (normalised.endsWith("/") && normalised.length() > 1) {
        normalised = normalised.substring(0, normalised.length() - 1);
      }
      if (normalised.equals(".")) {
        continue;
      }
      out.add(normalised);
    }
    return out;
  }
}
