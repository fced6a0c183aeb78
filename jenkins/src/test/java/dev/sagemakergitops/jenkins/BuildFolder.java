package dev.sagemakergitops.jenkins;

import hudson.model.Run;
import java.io.File;
import java.nio.file.Path;

/**
 * A run as far as the steps use it here: its own folder on the controller. Its job is none, so
 * the steps find no authentication to act as (there is no Jenkins to ask).
 */
@SuppressWarnings("rawtypes")
final class BuildFolder extends Run {
  private final Path folder;

  BuildFolder(Path folder) {
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
