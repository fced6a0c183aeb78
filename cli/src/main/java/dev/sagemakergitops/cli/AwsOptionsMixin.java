package dev.sagemakergitops.cli;

import picocli.CommandLine.ArgGroup;

/** Mixes {@link AwsOptions} into a command. */
final class AwsOptionsMixin {
  @ArgGroup(exclusive = false, heading = "%nAWS (defaults follow the AWS conventions):%n")
  AwsOptions options = new AwsOptions();
}
