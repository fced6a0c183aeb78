package dev.sagemakergitops.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.operation.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync of one commit still owes, kept in the state folder next to the operations' own
 * states, so that a sync killed at any point is finished by the next sync of the same commit.
 *
 * <p>Why a journal and not only the operations' states: an operation's state is forgotten the
 * moment it finishes, so a sync killed between two steps (the deploy done, the transform not yet
 * started) leaves no state behind, and the endpoint then runs the commit already: without the
 * journal the next sync would find nothing changed and never run the transform. The journal is
 * written before the first step runs, each step is struck off when it succeeds, and the journal is
 * removed when the sync ends (a failure included: what follows a failure is decided again from
 * AWS). It is kept only when the sync did not end: the process died or was interrupted.
 *
 * <p>The file is {@code sync-<commit>.json}: {@code {"commit": ..., "owed": {path: [step, ...]}}},
 * replaced atomically.
 */
public final class SyncJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final String commit;
  private final Map<String, List<String>> owed;

  private SyncJournal(Path file, String commit, Map<String, List<String>> owed) {
    this.file = file;
    this.commit = commit;
    this.owed = owed;
  }

  /**
   * The journal of a sync of {@code commit} in {@code stateDirectory}: what an earlier sync of the
   * same commit still owed, or nothing.
   *
   * @throws UncheckedIOException when the journal exists but cannot be read
   */
  public static SyncJournal open(Path stateDirectory, String commit) {
    Path file = stateDirectory.resolve("sync-" + commit + ".json");
    Map<String, List<String>> owed = new LinkedHashMap<>();
    if (Files.exists(file)) {
      try {
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        root.path("owed").fields().forEachRemaining(entry -> {
          List<String> steps = new ArrayList<>();
          entry.getValue().forEach(step -> steps.add(step.asText()));
          owed.put(entry.getKey(), steps);
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sync journal " + file + ": " + e.getMessage()
            + "; delete it to plan the sync afresh from AWS", e);
      }
    }
    return new SyncJournal(file, commit, owed);
  }

  /** The steps an earlier sync of this commit still owed, by manifest path, in order; empty when none. */
  public List<String> owed(String manifestPath) {
    return List.copyOf(owed.getOrDefault(manifestPath, List.of()));
  }

  /** True when an earlier sync of this commit did not end. */
  public boolean resuming() {
    return !owed.isEmpty();
  }

  /** Records the steps about to run for each manifest (in order), before the first one runs. */
  public void plan(Map<String, List<String>> steps) {
    owed.clear();
    steps.forEach((path, list) -> {
      if (!list.isEmpty()) {
        owed.put(path, new ArrayList<>(list));
      }
    });
    save();
  }

  /** Strikes {@code step} of {@code manifestPath} off: it succeeded. */
  public void done(String manifestPath, String step) {
    List<String> steps = owed.get(manifestPath);
    if (steps != null && steps.remove(step)) {
      if (steps.isEmpty()) {
        owed.remove(manifestPath);
      }
      save();
    }
  }

  /** The sync ended: nothing is owed any more. */
  public void finish() {
    owed.clear();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the sync journal " + file + ": " + e.getMessage(), e);
    }
  }

  private void save() {
    if (owed.isEmpty()) {
      finish();
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("commit", commit);
    ObjectNode steps = root.putObject("owed");
    owed.forEach((path, list) -> list.forEach(steps.withArray(path)::add));
    try {
      AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sync journal " + file + ": " + e.getMessage(), e);
    }
  }
}
