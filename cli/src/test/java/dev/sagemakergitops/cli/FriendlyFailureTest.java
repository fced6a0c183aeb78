package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.testkit.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failures a user meets without doing anything wrong with the tool itself: a saved state that no
 * longer reads, a link named on the command line, a manifest grown too large to scan, a branch
 * checked out in another work tree. Each is said plainly, and none blocks what can go on.
 */
class FriendlyFailureTest extends LocalWorldTest {

  @Test
  void train_whenTheSavedStateIsUnreadable_setsItAsideSaysSoAndStartsOverAttachingByName() throws IOException {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    Path state = directory.resolve("state");
    CommandRuntime dying = world.runtime(dyingAfter(1));
    assertThatThrownBy(() -> world.run(dying, "train", "--state-dir", state.toString(), Churn.PATH))
        .isInstanceOf(OperationResumeTest.ProcessDeath.class);
    Path saved = files(state).get(0);
    // A disk that filled up mid-write elsewhere, or a hand edit: the file no longer parses.
    Files.writeString(saved, "{\"schemaVersion\": 1, \"operation\": \"sagemakerTrain\", \"sta");

    CommandLineRun run = world.run("train", "--json", "--state-dir", state.toString(), Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().get("outcome").asText()).isEqualTo("succeeded");
    assertThat(run.json().at("/warnings/0").asText()).startsWith("the saved state could not be read (")
        .contains("set aside as " + saved + ".unreadable").contains("starts over");
    assertThat(run.err()).contains("warning: the saved state could not be read");
    assertThat(saved.resolveSibling(saved.getFileName() + ".unreadable")).exists();
    assertThat(world.calls().count("CreateTrainingJob")).as("attached to the first run's job by name").isEqualTo(1);
  }

  @Test
  void validate_whenANamedPathIsASymbolicLink_refusesItSayingWhy() throws IOException {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    Files.createSymbolicLink(world.repository().resolve("models/churn/current.yaml"), Path.of("prod.yaml"));
    world.git().commit("Link the current manifest");

    CommandLineRun validate = world.run("validate", "--offline", "models/churn/current.yaml");
    CommandLineRun deploy = world.run("deploy", "--json", "models/churn/current.yaml");
    CommandLineRun plan = world.run("plan", "--offline", "--base", "HEAD~1", "models/churn/current.yaml");

    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err()).startsWith("error: 'models/churn/current.yaml' is a symbolic link in Git;")
        .contains("Name the file or folder it points to instead");
    assertThat(deploy.exitCode()).isEqualTo(2);
    assertThat(deploy.json().at("/failure/message").asText()).contains("is a symbolic link in Git");
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.err()).contains("is a symbolic link in Git");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void validate_whenAScannedManifestIsOverOneMebibyte_reportsItInsteadOfSkippingIt() {
    world.commit(Churn.PATH, Churn.serving("churn/1", "") + "# padding\n".repeat(120_000), "A manifest grown large");

    CommandLineRun folder = world.run("validate", "--offline", "models");
    CommandLineRun json = world.run("validate", "--offline", "--json");

    assertThat(folder.exitCode()).isEqualTo(2);
    assertThat(folder.err()).startsWith("error: models/churn/prod.yaml in ").contains(" bytes and looks like a"
        + " manifest, but manifests found by scanning folders are read only up to 1048576 bytes (1 MiB)");
    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(json.json().at("/failure/kind").asText()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void validate_whenALargeYamlFileIsNoManifest_stillIgnoresIt() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    world.commit("data/scores.yaml", "scores:\n" + "  - 0.5\n".repeat(200_000), "Scores");

    CommandLineRun run = world.run("validate", "--offline");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith("Valid: 1 manifest at ");
  }

  @Test
  void bump_whenTheBranchIsCheckedOutInAnotherWorkTree_refusesAndLeavesItAlone() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    Path linked = directory.resolve("linked");
    GitCli.run(world.repository(), "worktree", "add", "-q", "-b", "feature", linked.toString());
    String before = GitCli.runLine(world.repository(), "rev-parse", "feature");

    CommandLineRun fromMain = world.runWithoutAws("bump", "--to", "churn/2", "--branch", "feature", Churn.PATH);
    CommandLineRun fromLinked = CommandLineRun.of(world.runtime(), "bump", "--repo", linked.toString(), "--to",
        "churn/2", "--branch", "main", Churn.PATH);

    assertThat(fromMain.exitCode()).isEqualTo(2);
    assertThat(fromMain.err()).startsWith("error: branch 'feature' is checked out in ")
        .contains(linked.getFileName() + ";");
    assertThat(GitCli.runLine(world.repository(), "rev-parse", "feature")).isEqualTo(before);
    assertThat(fromLinked.exitCode()).isEqualTo(2);
    assertThat(fromLinked.err()).startsWith("error: branch 'main' is checked out in ");
  }

  private Sleeper dyingAfter(int sleeps) {
    int[] count = {0};
    return duration -> {
      if (count[0]++ >= sleeps) {
        throw new OperationResumeTest.ProcessDeath();
      }
      world.local().advance(duration);
    };
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
