package dev.sagemakergitops.core.git;

/** A path the user named explicitly does not exist in the commit it was looked up in. */
public class GitPathNotFoundException extends GitException {

  private static final long serialVersionUID = 1L;

  private final String path;

  public GitPathNotFoundException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The path relative to the repository root, as it was looked up. */
  public String path() {
    return path;
  }
}
