package dev.sagemakergitops.core.operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a text file whole or not at all: a temporary file in the same folder, then a rename over
 * the target. A crash mid-write leaves the previous content; a reader never sees half a file. Used
 * for saved states and deployment records.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code text} (UTF-8) to {@code target}, creating its folder if needed and replacing what was there. */
  public static void write(Path target, String text) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      // Gone after a successful move; after a failed write it would otherwise pile up next to the target.
      Files.deleteIfExists(temporary);
    }
  }
}
