package dev.sagemakergitops.core.operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a text file whole or not at all: a temporary file in the same folder, then a rename over
 * the target. A crash mid-write leaves the previous content; a reader never sees half a file. Used
 * for saved states (replaced) and deployment records (written once, never replaced).
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code text} (UTF-8) to {@code target}, creating its folder if needed and replacing what was there. */
  public static void write(Path target, String text) throws IOException {
    write(target, text, true);
  }

  /**
   * Writes {@code text} (UTF-8) to {@code target}, which must not exist yet, creating its folder if
   * needed: what is written once (a deployment record) is never overwritten.
   *
   * @throws FileAlreadyExistsException when {@code target} exists; it is left as it was
   */
  public static void writeNew(Path target, String text) throws IOException {
    write(target, text, false);
  }

  private static void write(Path target, String text, boolean replace) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null) {
      throw new IOException(target + " names a file system root, not a file");
    }
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      if (!replace) {
        // A hard link is created only where no file is, atomically; a rename would replace one.
        try {
          Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
          throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
          // No hard links on this file system: a move without REPLACE_EXISTING refuses an existing target too.
          Files.move(temporary, target);
        }
        return;
      }
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
