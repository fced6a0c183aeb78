package dev.sagemakergitops.cli;

import picocli.CommandLine.ArgGroup;

/** Mixes {@link OperationOptions} into a command. */
final class OperationOptionsMixin {
  @ArgGroup(exclusive = false, heading = "%nRun:%n")
  OperationOptions options = new OperationOptions();
}
