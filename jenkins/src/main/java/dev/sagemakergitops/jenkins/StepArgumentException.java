package dev.sagemakergitops.jenkins;

/**
 * A step argument that cannot be used (a training job that has not completed, {@code keepCommits}
 * without {@code cleanUp}): found before any change in AWS, reported as the step's one-line
 * failure without a stack trace, and recorded as a refused run.
 */
public final class StepArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepArgumentException(String message) {
    super(message);
  }
}
