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
  private final BuildFolder previous;

  BuildFolder(Path folder) {
    this(folder, null);
  }

  /** A build whose job ran {@code previous} before it. */
  BuildFolder(Path folder, BuildFolder previous) {
    super(null, 0L);
    this.folder = folder;
    this.previous = previous;
  }

  @Override
  public Run getPreviousBuild() {
    return previous;
  }

  @Override
  public String getDisplayName() {
    return "#" + folder.getFileName();
  }

  @Override
  public File getRootDir() {
    return folder.toFile();
  }

  @Override
  public hudson.model.Job getParent() {
    return null;
  }

  /** Keeps the run's actions in memory, and tells a RunAction2 it was attached, as Run#addAction does. */
  @Override
  public void addAction(hudson.model.Action action) {
    actions.add(action);
    if (action instanceof jenkins.model.RunAction2 runAction) {
      runAction.onAttached(this);
    }
  }

  @Override
  public hudson.model.Action getAction(Class type) {
    return actions.stream().filter(type::isInstance).findFirst().map(a -> (hudson.model.Action) a).orElse(null);
  }

  private final java.util.List<hudson.model.Action> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
}
