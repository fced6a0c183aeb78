package dev.sagemakergitops.cli;

/** The exit codes every command uses, documented in {@code --help} and {@code docs/cli.md}. */
final class ExitCodes {
  static final int SUCCESS = 0;
  static final int FAILURE = 1;
  static final int INVALID_INPUT = 2;

  private ExitCodes() {}
}
