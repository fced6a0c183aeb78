package dev.sagemakergitops.core.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * States as JSON files in a folder, one per key, replaced atomically so a crash mid-write leaves the
 * previous state whole.
 */
public final class FileStateStore implements StateStore {
  private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private final Path directory;
  private final StateCodec codec = new StateCodec();

  public FileStateStore(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The file {@code key} is kept in. */
  public Path fileOf(String key) {
    if (!SAFE_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a state key is 1-200 letters, digits, '.', '_' and '-', got '" + key + "'");
    }
    return directory.resolve(key + ".json");
  }

  @Override
  public void save(String key, String operation, OperationState state) {
    Path target = fileOf(key);
    try {
      AtomicFile.write(target, codec.write(operation, state));
    } catch (IOException e) {
      throw new StateStoreException("cannot save the state of " + operation + " to " + target + ": " + e
          + "; check the state folder (--state-dir, SAGEMAKER_GITOPS_STATE_DIR)", e);
    }
  }

  @Override
  public <S extends OperationState> Optional<S> load(String key, String operation, Class<S> type) {
    Path file = fileOf(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.read(operation, type, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the saved state " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the state saved under {@code key} out of the way, to {@code <key>.json.unreadable} (or
   * {@code .unreadable-2}, ...) in the same folder, so that a state that cannot be read (cut short,
   * edited, written by another version) no longer blocks the run, and is still there to look at.
   *
   * @return where it went, or empty when nothing was saved under {@code key}
   */
  public Optional<Path> setAside(String key) {
    Path file = fileOf(key);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
    for (int attempt = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); attempt++) {
      aside = file.resolveSibling(file.getFileName() + ".unreadable-" + attempt);
    }
    try {
      return Optional.of(Files.move(file, aside));
    } catch (IOException e) {
      throw new StateStoreException("cannot set the unreadable state " + file + " aside: " + e
          + "; delete it by hand and run the same command again", e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(fileOf(key));
    } catch (IOException e) {
      throw new StateStoreException("cannot delete the saved state " + fileOf(key) + ": " + e, e);
    }
  }
}
