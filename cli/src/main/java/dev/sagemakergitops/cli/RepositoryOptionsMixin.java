package dev.sagemakergitops.cli;

import picocli.CommandLine.ArgGroup;

/** Mixes {@link RepositoryOptions} into a command. */
final class RepositoryOptionsMixin {
  @ArgGroup(exclusive = false, heading = "%nRepository:%n")
  RepositoryOptions options = new RepositoryOptions();
}
