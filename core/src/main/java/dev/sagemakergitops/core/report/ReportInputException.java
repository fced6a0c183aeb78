package dev.sagemakergitops.core.report;

import java.nio.file.Path;

/**
 * A file given to the report that is not a deployment record it can read: missing, not JSON, or
 * without a field every record has. The message names the file (and line and field when known),
 * says what was expected and what to do.
 */
public final class ReportInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public ReportInputException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public ReportInputException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
