package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.OperationFailure;

/** The exit codes every command uses, documented in {@code --help} and {@code docs/cli.md}. */
final class ExitCodes {
  static final int SUCCESS = 0;
  static final int FAILURE = 1;
  static final int INVALID_INPUT = 2;
  /** SageMaker rolled the deployment back: Git and the live endpoint now differ. */
  static final int ROLLED_BACK = 3;
  /** A shadow test ran and the shadow variant did not meet the manifest's criteria. */
  static final int REJECTED = 4;

  private ExitCodes() {}

  /** The exit code of an operation that finished with {@code failure}. */
  static int of(OperationFailure failure) {
    switch (failure.kind()) {
      case ROLLED_BACK:
        return ROLLED_BACK;
      case REJECTED:
        return REJECTED;
      default:
        return FAILURE;
    }
  }

  /** The footer lines every operation command shows. */
  static final String[] FOOTER = {
      "  0  success",
      "  1  failure (the job or deployment failed, AWS or Git could not be reached)",
      "  2  invalid input: a manifest, a ref or an argument is wrong; nothing was changed",
      "  3  rolled back: SageMaker rolled the deployment back (an alarm fired or the new fleet failed)",
      "  4  rejected: the shadow variant did not meet the manifest's criteria"};
}
