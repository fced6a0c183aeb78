package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStateStoreTest {
  @TempDir Path root;

  record JobState(String phase, String jobName, Instant deadline) implements OperationState {}

  @Test
  void load_whenNothingWasSaved_isEmptyAndCreatesNothing() {
    FileStateStore store = new FileStateStore(root.resolve("states"));

    assertThat(store.load("churn-prod.train", "train", JobState.class)).isEmpty();
    assertThat(root.resolve("states")).doesNotExist();
  }

  @Test
  void save_thenLoad_givesTheStateBack() {
    FileStateStore store = new FileStateStore(root.resolve("states/nested"));
    JobState state = new JobState("waiting", "churn-train-0123456789ab", Instant.parse("2026-11-02T11:00:00Z"));

    store.save("churn-prod.train", "train", state);

    assertThat(store.load("churn-prod.train", "train", JobState.class)).contains(state);
    assertThat(store.fileOf("churn-prod.train")).isEqualTo(root.resolve("states/nested/churn-prod.train.json")).exists();
  }

  @Test
  void save_whenAStateIsThere_replacesItWholeAndLeavesNoTemporaryFile() throws IOException {
    FileStateStore store = new FileStateStore(root);
    store.save("k", "train", new JobState("starting", "job", null));

    store.save("k", "train", new JobState("done", "job", null));

    assertThat(store.load("k", "train", JobState.class)).map(JobState::phase).contains("done");
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files).containsExactly(root.resolve("k.json"));
    }
  }

  @Test
  void save_whenTheStateCannotBeReplaced_failsNamingTheFileAndLeavesNoTemporaryFile() throws IOException {
    FileStateStore store = new FileStateStore(root);
    // A non-empty folder where the state file belongs: no rename can replace it, whoever runs the test.
    Files.createDirectories(root.resolve("k.json"));
    Files.writeString(root.resolve("k.json/occupied"), "x");

    assertThatThrownBy(() -> store.save("k", "train", new JobState("done", "job", null)))
        .hasMessageStartingWith("cannot save the state of train to " + root.resolve("k.json"));
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files).containsExactly(root.resolve("k.json"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../escape", "a/b", ".hidden", "-dash", "with space", "semi;colon", "ünïcode"})
  void fileOf_whenKeyIsNotSafe_refuses(String key) {
    FileStateStore store = new FileStateStore(root);

    assertThatThrownBy(() -> store.fileOf(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a state key is 1-200 letters, digits, '.', '_' and '-', got '" + key + "'");
    assertThatThrownBy(() -> store.save(key, "train", new JobState("x", "y", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileOf_whenKeyIsTooLong_refuses() {
    FileStateStore store = new FileStateStore(root);

    assertThat(store.fileOf("k".repeat(200))).hasFileName("k".repeat(200) + ".json");
    assertThatThrownBy(() -> store.fileOf("k".repeat(201))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void load_whenSavedByAnotherOperation_refusesNamingTheFile() {
    FileStateStore store = new FileStateStore(root);
    store.save("k", "train", new JobState("x", "y", null));

    assertThatThrownBy(() -> store.load("k", "safeDeploy", JobState.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(root.resolve("k.json") + ": the saved state is of operation 'train', not 'safeDeploy';"
            + " delete it or use the operation that wrote it");
  }

  @Test
  void delete_forgetsTheStateAndIgnoresMissingOnes() {
    FileStateStore store = new FileStateStore(root);
    store.save("k", "train", new JobState("x", "y", null));

    store.delete("k");
    store.delete("never-saved");

    assertThat(store.load("k", "train", JobState.class)).isEmpty();
  }
}
