package dev.sagemakergitops.cli;

import dev.sagemakergitops.local.replay.InputLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link LocalWorld} prepared once and restored as often as a test needs one, for the command
 * line's kill-point tests ({@link SyncResumeTest}): each kill point needs a world of its own where
 * the same commands (train, register, a first sync, a bump commit) have run, and running them
 * through the SDK again for every kill point was most of such a test's time.
 *
 * <p>A prepared world is two things, and the snapshot keeps both. The control plane's state is a
 * deterministic function of what it was given (see {@code dev.sagemakergitops.local.replay}): the
 * preparation runs with {@link LocalWorld#recordInputs} on, and a restored world's fresh control
 * plane (same seed, a fresh virtual clock at the same start) replays those inputs in process, no
 * SDK or HTTP in the way. The files (the Git repository, with the journal and the saved states the
 * command line keeps in its {@code .git} folder) are copied: the preparation's folder is kept aside
 * and copied back into the same folder for each restored world. The same folder, because the
 * repository's path is in what the command line sends (lineage tags), which the replay sends again
 * as recorded.
 *
 * <p>What does not go through the endpoint (images published, objects put directly in Java) is the
 * {@code unrecorded} preparation: it runs before the recording starts, in the first world and again
 * in every restored one, before the replay. During the {@code recorded} preparation the world
 * refuses such changes ({@link LocalWorld#recordInputs}).
 *
 * <p>It fails loudly where a restored world could differ from the prepared one: the replay throws,
 * naming the call, if any answer differs from the recorded one; the restored files must hash as
 * the prepared ones did; the restored clock must read what the prepared one read.
 * {@code WorldSnapshotTest} shows a restored world equal to the prepared world (files, Git's index,
 * AWS resources with their states and tags, the clock), and the two going on alike.
 */
final class WorldSnapshot {
  private final Path folder;
  private final Path files;
  private final String filesDigest;
  private final Consumer<LocalWorld> unrecorded;
  private final List<InputLog.Entry> inputs;
  private final Instant clock;

  private WorldSnapshot(Path folder, Path files, String filesDigest, Consumer<LocalWorld> unrecorded,
      List<InputLog.Entry> inputs, Instant clock) {
    this.folder = folder;
    this.files = files;
    this.filesDigest = filesDigest;
    this.unrecorded = unrecorded;
    this.inputs = List.copyOf(inputs);
    this.clock = clock;
  }

  /**
   * Prepares a world in {@code folder} (emptied first): {@code unrecorded}, then, recorded,
   * {@code recorded}; keeps its files beside the folder ({@code folder.snapshot}) and closes it.
   * Nothing may write to the folder but the preparation: its files are copied while its Git
   * repository is still open, before the world closes.
   *
   * @param unrecorded what changes the control plane directly in Java; runs again in every restored world
   * @param recorded what goes through the control plane's endpoint and clock, and the files
   */
  static WorldSnapshot prepare(Path folder, Consumer<LocalWorld> unrecorded, Consumer<LocalWorld> recorded) {
    return prepare(folder, unrecorded, recorded, world -> { });
  }

  /**
   * {@link #prepare(Path, Consumer, Consumer)}, then {@code afterwards} in the prepared world, once
   * its snapshot is taken and before it closes: what it does is in no restored world (a test
   * compares the prepared world with a restored one there).
   */
  static WorldSnapshot prepare(Path folder, Consumer<LocalWorld> unrecorded, Consumer<LocalWorld> recorded,
      Consumer<LocalWorld> afterwards) {
    Objects.requireNonNull(unrecorded, "unrecorded");
    Objects.requireNonNull(recorded, "recorded");
    Path files = folder.resolveSibling(folder.getFileName() + ".snapshot");
    try (LocalWorld world = LocalWorld.create(empty(folder))) {
      unrecorded.accept(world);
      InputLog log = world.recordInputs();
      recorded.accept(world);
      List<InputLog.Entry> inputs = log.entries();
      Instant clock = world.local().clock().instant();
      copy(folder, empty(files));
      WorldSnapshot snapshot = new WorldSnapshot(folder, files, digest(files), unrecorded, inputs, clock);
      afterwards.accept(world);
      return snapshot;
    }
  }

  /**
   * A world as the preparation left it, in the preparation's folder (emptied first, so the world
   * restored before must be closed), on a fresh control plane.
   *
   * @throws IllegalStateException when the restored files, the replayed answers or the clock differ
   */
  LocalWorld restore() {
    copy(files, empty(folder));
    String restored = digest(folder);
    if (!restored.equals(filesDigest)) {
      throw new IllegalStateException("the files restored in " + folder + " hash to " + restored
          + ", where the prepared world's hashed to " + filesDigest);
    }
    LocalWorld world = LocalWorld.open(folder);
    try {
      unrecorded.accept(world);
      world.local().replay(inputs);
      Instant now = world.local().clock().instant();
      if (!now.equals(clock)) {
        throw new IllegalStateException("the replayed clock reads " + now + ", where the prepared one read " + clock);
      }
      return world;
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }

  /** Where the prepared files are kept (a test of this class tampers with them). */
  Path files() {
    return files;
  }

  /** How many inputs a restored world replays. */
  int inputs() {
    return inputs.size();
  }

  private static Path empty(Path folder) {
    try {
      if (Files.exists(folder)) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + folder, e);
    }
  }

  /** Copies {@code from}'s tree into {@code to}, keeping modification times (Git's index compares them). */
  private static void copy(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  /** A digest of every file under {@code folder}: its relative path, length and bytes, in path order. */
  static String digest(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(folder.relativize(path).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(path);
        digest.update(java.nio.ByteBuffer.allocate(Long.BYTES + 1).put((byte) 0).putLong(bytes.length).flip());
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
