package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BumpCommandTest {
  @TempDir Path directory;
  private GitRepositoryBuilder repository;
  private String base;

  @BeforeEach
  void setUp() {
    repository = GitRepositoryBuilder.init(directory);
    base = repository.file(Churn.PATH, Churn.training("churn/7")).commit("Add churn");
  }

  @AfterEach
  void tearDown() {
    repository.close();
  }

  private CommandLineRun bump(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "bump";
    all[1] = "--repo";
    all[2] = directory.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CommandLineRun.of(all);
  }

  @Test
  void bump_whenVersionDiffers_writesOneCommitChangingOnlyThePackageOnTheBranch() throws Exception {
    CommandLineRun run = bump("--to", "churn/8", "--branch", "sagemaker-gitops/churn-prod-8", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String commit = GitCli.runLine(directory, "rev-parse", "sagemaker-gitops/churn-prod-8");
    assertThat(run.out()).isEqualTo("Wrote " + commit.substring(0, 12) + " on sagemaker-gitops/churn-prod-8: "
        + Churn.PATH + " spec.model.package -> churn/8\n");
    assertThat(GitCli.run(directory, "diff", base, commit)).contains("-    package: churn/7   # the line a pull"
        + " request bumps", "+    package: churn/8   # the line a pull request bumps").containsOnlyOnce("\n@@ ");
    assertThat(GitCli.runLine(directory, "log", "-1", "--format=%s", commit))
        .isEqualTo("Bump churn-prod to model package churn/8");
    assertThat(GitCli.runLine(directory, "rev-parse", "HEAD")).isEqualTo(base);
    assertThat(Files.readString(directory.resolve(Churn.PATH))).contains("package: churn/7");
  }

  @Test
  void bump_whenJsonAsked_printsBranchCommitAndParent() {
    CommandLineRun run = bump("--to", "churn/8", "--branch", "bump/churn", "--message", "Churn 8 passed review",
        "--json", Churn.PATH);

    JsonNode json = run.json();
    assertThat(json.get("command").asText()).isEqualTo("bump");
    assertThat(json.get("changed").asBoolean()).isTrue();
    assertThat(json.get("branch").asText()).isEqualTo("bump/churn");
    assertThat(json.get("parent").asText()).isEqualTo(base);
    assertThat(json.get("commit").asText()).isEqualTo(GitCli.runLine(directory, "rev-parse", "bump/churn"));
    assertThat(GitCli.runLine(directory, "log", "-1", "--format=%s", "bump/churn")).isEqualTo("Churn 8 passed review");
  }

  @Test
  void bump_whenManifestAlreadyNamesTheVersion_writesNothingAndExitsZero() {
    CommandLineRun run = bump("--to", "churn/7", "--branch", "bump/churn", "--json", Churn.PATH);

    assertThat(run.exitCode()).isZero();
    assertThat(run.json().get("changed").asBoolean()).isFalse();
    assertThat(run.json().get("commit").asText()).isEqualTo(base);
  }

  @Test
  void bump_whenVersionIsMalformed_exitsTwoAndWritesNothing() {
    CommandLineRun run = bump("--to", "churn-8", "--branch", "bump/churn", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: --to: expected a model package version as <group>/<version>, such as"
        + " churn/8, got 'churn-8'\n");
    assertThat(GitCli.run(directory, "branch", "--list", "bump/churn")).isEmpty();
  }

  @Test
  void bump_whenManifestDoesNotExist_exitsTwoNamingIt() {
    CommandLineRun run = bump("--to", "churn/8", "--branch", "bump/churn", "models/none.yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: manifest 'models/none.yaml' not found");
  }
}
