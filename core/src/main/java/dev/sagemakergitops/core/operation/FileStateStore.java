package dev.sagemakergitops.core.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
      throw new UncheckedIOException("cannot save the state of " + operation + " to " + target + ": " + e.getMessage(), e);
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

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(fileOf(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the saved state " + fileOf(key) + ": " + e.getMessage(), e);
    }
  }
}
