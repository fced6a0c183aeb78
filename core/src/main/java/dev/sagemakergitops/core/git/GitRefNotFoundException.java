package dev.sagemakergitops.core.git;

/** A ref (branch, tag, commit id, {@code HEAD~N}) does not name a commit in the repository. */
public class GitRefNotFoundException extends GitException {

  private static final long serialVersionUID = 1L;

  private final String ref;

  public GitRefNotFoundException(String ref, String message) {
    super(message);
    this.ref = ref;
  }

  public GitRefNotFoundException(String ref, String message, Throwable cause) {
    super(message, cause);
    this.ref = ref;
  }

  /** The ref as the user wrote it. */
  public String ref() {
    return ref;
  }
}
