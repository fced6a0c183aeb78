package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.operation.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes deployment records as JSON files. A file is written whole or not at all (a temporary file
 * in the same folder, then an atomic rename), so a build that archives the folder never picks up
 * half a record.
 */
public final class DeploymentRecordWriter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /**
   * Writes {@code record} into {@code directory} (created if missing) under {@link #fileName}.
   *
   * @return the file written
   */
  public Path writeInto(Path directory, DeploymentRecord record) {
    return write(record, directory.resolve(fileName(record)));
  }

  /** Writes {@code record} to {@code file}, replacing it atomically. */
  public Path write(DeploymentRecord record, Path file) {
    try {
      AtomicFile.write(file, record.toJson());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the deployment record " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code <start, UTC>-<operation>-<manifest name>.json}, for example
   * {@code 20261102T090000Z-safeDeploy-churn-prod.json}: sorted by time, told apart by operation and
   * manifest.
   */
  public static String fileName(DeploymentRecord record) {
    String manifest = record.lineage().manifestName() == null ? "run"
        : record.lineage().manifestName().replaceAll("[^A-Za-z0-9._-]", "-");
    return STAMP.format(record.startedAt()) + "-" + record.operation() + "-" + manifest + ".json";
  }
}
