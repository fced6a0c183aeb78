package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run that dies or is interrupted, and the same command run again. */
@IntegrationPhase
class OperationResumeTest extends LocalWorldTest {

  /** What the process "dying" throws: nothing catches an Error on its way out of the command line. */
  static final class ProcessDeath extends Error {
    private static final long serialVersionUID = 1L;
  }

  @BeforeEach
  void setUp() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
  }

  /** A sleeper that advances virtual time {@code sleeps} times, then does {@code then}. */
  private Sleeper dyingAfter(int sleeps, Sleeper then) {
    int[] count = {0};
    return duration -> {
      if (count[0]++ >= sleeps) {
        then.sleep(duration);
      }
      world.local().advance(duration);
    };
  }

  private List<Path> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void train_whenTheProcessDiesMidRun_resumesFromTheStateDirWithoutASecondJob() throws IOException {
    Path state = directory.resolve("state");
    CommandRuntime dying = world.runtime(dyingAfter(1, duration -> {
      throw new ProcessDeath();
    }));

    assertThatThrownBy(() -> world.run(dying, "train", "--state-dir", state.toString(), Churn.PATH))
        .isInstanceOf(ProcessDeath.class);
    assertThat(files(state)).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).matches("sagemakerTrain-churn-prod-[0-9a-f]{12}-[0-9a-f]{8}\\.json");
      assertThat(Files.readString(file)).contains("\"operation\" : \"sagemakerTrain\"", "\"jobArn\"");
    });
    CommandLineRun resumed = world.run("train", "--state-dir", state.toString(), Churn.PATH);

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("sagemakerTrain churn-prod  resuming sagemakerTrain from its saved state")
        .contains("sagemakerTrain churn-prod: succeeded").contains("  reused: false");
    assertThat(world.calls().count("CreateTrainingJob")).isEqualTo(1);
    assertThat(files(state)).as("a finished run forgets its state").isEmpty();
  }

  @Test
  void train_whenNoStateDirGiven_keepsTheStateInsideTheGitFolder() {
    CommandRuntime dying = world.runtime(dyingAfter(0, duration -> {
      throw new ProcessDeath();
    }));

    assertThatThrownBy(() -> world.run(dying, "train", Churn.PATH)).isInstanceOf(ProcessDeath.class);

    assertThat(world.repository().resolve(".git/sagemaker-gitops/state")).isDirectoryContaining("glob:**.json");
    assertThat(world.run("train", Churn.PATH).out()).contains("resuming sagemakerTrain");
  }

  @Test
  void train_whenInterrupted_requestsCancellationAndTheNextRunSeesItThrough() throws IOException {
    Path state = directory.resolve("state");
    CommandRuntime interrupted = world.runtime(dyingAfter(1, duration -> {
      throw new InterruptedException();
    }));

    CommandLineRun first = world.run(interrupted, "train", "--state-dir", state.toString(), Churn.PATH);
    CommandLineRun second = world.run("train", "--json", "--state-dir", state.toString(), Churn.PATH);

    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(first.out()).contains("sagemakerTrain interrupted: cancellation requested");
    assertThat(first.err()).contains("error: sagemakerTrain churn-prod cancelled: sagemakerTrain was interrupted;"
        + " cancellation was requested and saved in " + state);
    assertThat(world.calls().count("StopTrainingJob")).isEqualTo(1);
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.json().at("/failure/kind").asText()).isEqualTo("CANCELLED");
    assertThat(files(state)).isEmpty();
  }
}
