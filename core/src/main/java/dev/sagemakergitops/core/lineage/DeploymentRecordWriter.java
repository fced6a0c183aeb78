package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.operation.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes deployment records as JSON files. A file is written whole or not at all (a temporary file
 * in the same folder, then an atomic link or rename), so a build that archives the folder never
 * picks up half a record; and a record is never overwritten: each run's file name carries its run
 * id, and a name that is taken all the same gets a suffix.
 */
public final class DeploymentRecordWriter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** How many suffixed names are tried when a record's name is taken, before giving up. */
  private static final int NAME_ATTEMPTS = 100;

  /**
   * Writes {@code record} into {@code directory} (created if missing) under {@link #fileName}, or,
   * should that file exist, under the same name with {@code -2}, {@code -3} ... before
   * {@code .json}; an existing record is never replaced.
   *
   * @return the file written
   */
  public Path writeInto(Path directory, DeploymentRecord record) {
    String name = fileName(record);
    String base = name.substring(0, name.length() - ".json".length());
    String text = record.toJson();
    Path file = directory.resolve(name);
    for (int attempt = 2; ; attempt++) {
      try {
        AtomicFile.writeNew(file, text);
        return file;
      } catch (FileAlreadyExistsException e) {
        if (attempt > NAME_ATTEMPTS) {
          throw new UncheckedIOException("cannot write the deployment record: " + directory.resolve(name)
              + " and " + NAME_ATTEMPTS + " suffixed names are taken", e);
        }
        file = directory.resolve(base + "-" + attempt + ".json");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the deployment record " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * {@code <start, UTC>-<operation>-<manifest name>-<run id, first 8>.json}, for example
   * {@code 20261102T090000Z-safeDeploy-churn-prod-3f2a9c1e.json}: sorted by time, told apart by
   * operation, manifest and run.
   */
  public static String fileName(DeploymentRecord record) {
    String manifest = record.lineage().manifestName() == null ? "run"
        : record.lineage().manifestName().replaceAll("[^A-Za-z0-9._-]", "-");
    String run = record.runId().replace("-", "");
    return STAMP.format(record.startedAt()) + "-" + record.operation() + "-" + manifest + "-"
        + run.substring(0, Math.min(8, run.length())) + ".json";
  }
}
