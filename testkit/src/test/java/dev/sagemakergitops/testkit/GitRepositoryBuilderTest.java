package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryBuilderTest {

  @TempDir Path dir;

  @Test
  void commit_whenSameCallsInTwoRepositories_givesTheSameCommitIds(@TempDir Path other) {
    assertThat(buildSample(dir)).isEqualTo(buildSample(other));
  }

  @Test
  void commit_whenFilesWrittenAndDeleted_recordsThemAsGitSeesThem() {
    String second;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", "a: 1\n").file("models/b.yaml", "b: 1\n").commit("Two files");
      second = repo.delete("models/a.yaml").file("models/b.yaml", "b: 2\n").commit("Delete a, change b");
    }

    assertThat(GitCli.runLine(dir, "rev-parse", "HEAD")).isEqualTo(second);
    assertThat(GitCli.runLine(dir, "ls-tree", "-r", "--name-only", "HEAD")).isEqualTo("models/b.yaml");
    assertThat(GitCli.run(dir, "show", "HEAD:models/b.yaml")).isEqualTo("b: 2\n");
    assertThat(GitCli.runLine(dir, "log", "--format=%s|%an|%ae|%aI|%cI"))
        .isEqualTo("Delete a, change b|Test Author|author@example.com|2026-01-01T00:01:00+00:00|2026-01-01T00:01:00+00:00\n"
            + "Two files|Test Author|author@example.com|2026-01-01T00:00:00+00:00|2026-01-01T00:00:00+00:00");
    assertThat(GitCli.runLine(dir, "status", "--porcelain")).isEmpty();
  }

  @Test
  void branchCheckoutAndTag_whenUsed_createRefsTheGitCliSees() {
    String onMain;
    String onFeature;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      onMain = repo.file("a.txt", "1\n").commit("Main");
      repo.tag("v1").annotatedTag("release-1", "Release 1").branch("feature").checkout("feature");
      onFeature = repo.file("a.txt", "2\n").commit("Feature");
      repo.checkout("main");
      assertThat(Files.exists(dir.resolve("a.txt"))).isTrue();
    }

    assertThat(GitCli.runLine(dir, "symbolic-ref", "--short", "HEAD")).isEqualTo("main");
    assertThat(GitCli.runLine(dir, "rev-parse", "main")).isEqualTo(onMain);
    assertThat(GitCli.runLine(dir, "rev-parse", "feature")).isEqualTo(onFeature);
    assertThat(GitCli.runLine(dir, "rev-parse", "v1")).isEqualTo(onMain);
    assertThat(GitCli.runLine(dir, "cat-file", "-t", "release-1")).isEqualTo("tag");
    assertThat(GitCli.runLine(dir, "rev-parse", "release-1^{commit}")).isEqualTo(onMain);
  }

  @Test
  void fastForward_whenTheBranchDescends_movesTheCheckedOutBranchAndWorkTreeToIt() {
    String onFeature;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("a.txt", "1\n").commit("Main");
      repo.branch("feature").checkout("feature");
      onFeature = repo.file("a.txt", "2\n").commit("Feature");
      repo.checkout("main").fastForward("feature");
    }

    assertThat(GitCli.runLine(dir, "rev-parse", "main")).isEqualTo(onFeature);
    assertThat(GitCli.run(dir, "show", "main:a.txt")).isEqualTo("2\n");
    assertThat(GitCli.runLine(dir, "status", "--porcelain")).isEmpty();
  }

  @Test
  void fastForward_whenTheBranchesDiverged_refusesAndLeavesTheBranch() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("a.txt", "1\n").commit("Main");
      repo.branch("feature").checkout("feature").file("a.txt", "2\n").commit("Feature");
      String onMain = repo.checkout("main").file("b.txt", "1\n").commit("Main again");

      assertThatThrownBy(() -> repo.fastForward("feature")).hasMessageContaining("cannot fast-forward to feature");
      assertThat(GitCli.runLine(dir, "rev-parse", "main")).isEqualTo(onMain);
    }
  }

  @Test
  void open_whenRepositoryExists_continuesAfterItsNewestCommitTime() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("a.txt", "1\n").commit("First");
    }
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.file("a.txt", "2\n").commit("Second");
    }

    assertThat(GitCli.runLine(dir, "log", "-1", "--format=%cI")).isEqualTo("2026-01-01T00:01:00+00:00");
  }

  @Test
  void file_whenPathEscapesTheWorkTree_isRejected() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      assertThatThrownBy(() -> repo.file("../outside.txt", "x")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repo.delete("missing.txt")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static String buildSample(Path dir) {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", "apiVersion: sagemaker-gitops/v1\n").commit("One");
      return repo.file("models/churn/prod.yaml", "apiVersion: sagemaker-gitops/v2\n").commit("Two");
    }
  }
}
