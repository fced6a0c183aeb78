package dev.sagemakergitops.jenkins;

import hudson.model.Run;
import java.io.File;
import java.nio.file.Path;

/**
 * A run as far as the steps use it here: its own folder on the controller. Its job is none, so
 * the steps find no authentication to act as (there is no Jenkins to ask). It uses the one
 * constructor of {@code Run} that only records its arguments (the others assign a build number or
 * load the build from disk), so the same class compiles and runs against the real Jenkins core.
 */
@SuppressWarnings("rawtypes")
final class BuildFolder extends Run {
  private final Path folder;

  BuildFolder(Path folder) {
    super(null, 0L);
    this.folder = folder;
  }

  @Override
  public File getRootDir() {
    return folder.toFile();
  }

  @Override
  public hudson.model.Job getParent() {
    return null;
  }
}
