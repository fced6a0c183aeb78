package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing bump and revert commits without touching the work tree, checked with the git CLI. */
class GitRepositoryWriteTest {

  private static final PersonIdent BOT = new PersonIdent("Release Bot", "bot@example.com");
  private static final String MANIFEST = "models/churn/prod.yaml";

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private String initial;

  @BeforeEach
  void buildHistory() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file(MANIFEST, SampleManifests.churn(7))
          .file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/1"));
      initial = repo.commit("Add models");
    }
  }

  @Test
  void bumpPackageVersion_whenBranchIsNew_writesACommitGitSeesAndLeavesTheWorkTreeAlone() throws Exception {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult result = git.bumpPackageVersion("bump/churn-8", "HEAD", MANIFEST, "churn/8", BOT, null);

      assertThat(result.changed()).isTrue();
      assertThat(result.branch()).isEqualTo("refs/heads/bump/churn-8");
      assertThat(result.shortBranchName()).isEqualTo("bump/churn-8");
      assertThat(result.parentId()).isEqualTo(initial);
      assertThat(result.changedPaths()).containsExactly(MANIFEST);
      assertThat(GitCli.runLine(dir, "rev-parse", "bump/churn-8")).isEqualTo(result.commitId());
      assertThat(GitCli.run(dir, "show", "bump/churn-8:" + MANIFEST)).isEqualTo(SampleManifests.churn(8));
      assertThat(GitCli.run(dir, "show", "bump/churn-8:" + MANIFEST))
          .contains("    package: churn/8   # the line a pull request bumps\n");
      assertThat(GitCli.run(dir, "log", "-1", "--format=%s|%an <%ae>|%cn|%cI", "bump/churn-8").strip())
          .isEqualTo("Bump churn-prod to model package churn/8|Release Bot <bot@example.com>|Release Bot"
              + "|2026-03-01T12:00:00+00:00");
      assertThat(GitCli.runLine(dir, "diff", "--name-only", "main", "bump/churn-8")).isEqualTo(MANIFEST);
      GitCli.run(dir, "fsck", "--strict");

      assertThat(GitCli.runLine(dir, "status", "--porcelain")).isEmpty();
      assertThat(GitCli.runLine(dir, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
      assertThat(Files.readString(dir.resolve(MANIFEST))).isEqualTo(SampleManifests.churn(7));
    }
  }

  @Test
  void bumpPackageVersion_whenBranchExistsAndNoStartRef_buildsOnTheBranchTip() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult first = git.bumpPackageVersion("bump/churn", "main", MANIFEST, "churn/8", BOT, "First");
      clock.advance(java.time.Duration.ofMinutes(5));
      CommitResult second = git.bumpPackageVersion("bump/churn", null, MANIFEST, "churn/9", BOT, "Second");

      assertThat(second.parentId()).isEqualTo(first.commitId());
      assertThat(GitCli.runLine(dir, "log", "--format=%s", "main..bump/churn")).isEqualTo("Second\nFirst");
      assertThat(git.readManifests("bump/churn", List.of(MANIFEST)).get(0).text())
          .isEqualTo(SampleManifests.churn(9));
    }
  }

  @Test
  void bumpPackageVersion_whenValueAlreadyEqual_writesNothing() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult result = git.bumpPackageVersion("bump/same", "HEAD", MANIFEST, "churn/7", BOT, null);

      assertThat(result.changed()).isFalse();
      assertThat(result.commitId()).isEqualTo(initial);
      assertThat(result.changedPaths()).isEmpty();
      assertThat(GitCli.runLine(dir, "branch", "--list", "bump/same")).isEmpty();
    }
  }

  @Test
  void bumpPackageVersion_whenBranchIsCheckedOut_refusesAndSaysWhy() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      assertThatThrownBy(() -> git.bumpPackageVersion("main", null, MANIFEST, "churn/8", BOT, null))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("branch 'main' is checked out in " + dir);
    }
    assertThat(GitCli.runLine(dir, "rev-parse", "main")).isEqualTo(initial);
  }

  @Test
  void bumpPackageVersion_whenManifestMissing_throwsNamingPathAndRef() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      assertThatThrownBy(() -> git.bumpPackageVersion("bump/x", "HEAD", "models/nope.yaml", "x/2", BOT, null))
          .isInstanceOf(GitPathNotFoundException.class)
          .hasMessageContaining("manifest 'models/nope.yaml' not found at ref 'HEAD'");
      assertThatThrownBy(() -> git.bumpPackageVersion("bump/x", null, MANIFEST, "churn/8", BOT, null))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("branch 'bump/x' does not exist");
    }
  }

  @Test
  void bumpPackageVersion_whenRepositoryIsBare_writesTheBranch(@TempDir Path elsewhere) {
    Path mirror = elsewhere.resolve("mirror.git");
    GitCli.run(dir, "clone", "-q", "--bare", ".", mirror.toString());
    try (GitRepository git = GitRepository.open(mirror, clock)) {
      CommitResult result = git.bumpPackageVersion("main", null, MANIFEST, "churn/8", null, null);

      assertThat(GitCli.run(mirror, "show", "main:" + MANIFEST)).isEqualTo(SampleManifests.churn(8));
      assertThat(GitCli.runLine(mirror, "log", "-1", "--format=%an <%ae>", result.commitId()))
          .isEqualTo("sagemaker-gitops <sagemaker-gitops@localhost>");
    }
  }

  @Test
  void revertCommit_whenRevertingABump_restoresTheTreeBeforeItAndWritesGitsMessage() {
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      bump = repo.file(MANIFEST, SampleManifests.churn(8)).commit("Bump churn-prod to model package churn/8");
    }

    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult result = git.revertCommit("rollback/churn", "main", bump, BOT);

      assertThat(result.changedPaths()).containsExactly(MANIFEST);
      assertThat(GitCli.runLine(dir, "rev-parse", result.commitId() + "^{tree}"))
          .isEqualTo(GitCli.runLine(dir, "rev-parse", bump + "~1^{tree}"));
      assertThat(GitCli.run(dir, "log", "-1", "--format=%B", result.commitId()))
          .isEqualTo("Revert \"Bump churn-prod to model package churn/8\"\n\nThis reverts commit " + bump + ".\n\n");
      assertThat(git.revertOf("rollback/churn")).contains(new RevertInfo(result.commitId(), bump, true));
      assertThat(GitCli.runLine(dir, "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void revertCommit_whenLaterCommitsChangedOtherFiles_keepsThemLikeGitRevert() {
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      bump = repo.file(MANIFEST, SampleManifests.churn(8)).commit("Bump churn");
      repo.file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/2")).commit("Bump fraud");
    }

    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult result = git.revertCommit("rollback/churn", "main", bump, BOT);

      GitCli.run(dir, "revert", "--no-edit", bump);
      assertThat(GitCli.runLine(dir, "rev-parse", result.commitId() + "^{tree}"))
          .as("same tree as the real git revert")
          .isEqualTo(GitCli.runLine(dir, "rev-parse", "HEAD^{tree}"));
      assertThat(GitCli.run(dir, "log", "-1", "--format=%B", result.commitId()))
          .isEqualTo(GitCli.run(dir, "log", "-1", "--format=%B", "HEAD"));
    }
  }

  @Test
  void revertCommit_whenTheLineChangedAgainLater_throwsNamingTheConflictingPath() {
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      bump = repo.file(MANIFEST, SampleManifests.churn(8)).commit("Bump churn to 8");
      repo.file(MANIFEST, SampleManifests.churn(9)).commit("Bump churn to 9");
    }

    try (GitRepository git = GitRepository.open(dir, clock)) {
      assertThatThrownBy(() -> git.revertCommit("rollback/churn", "main", bump, BOT))
          .isInstanceOf(GitRevertConflictException.class)
          .hasMessageContaining("conflicts in " + MANIFEST)
          .hasMessageContaining(bump.substring(0, 7))
          .satisfies(e -> assertThat(((GitRevertConflictException) e).conflictingPaths()).containsExactly(MANIFEST));
    }
    assertThat(GitCli.runLine(dir, "branch", "--list", "rollback/churn")).isEmpty();
  }

  @Test
  void revertCommit_whenCommitIsAMerge_rejectsItWithAClearMessage() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.branch("feature").checkout("feature").file(MANIFEST, SampleManifests.churn(8)).commit("Churn 8");
      repo.checkout("main").file("src/app.py", "x = 1\n").commit("Code");
    }
    GitCli.run(dir, "merge", "--no-ff", "--no-edit", "feature");

    try (GitRepository git = GitRepository.open(dir, clock)) {
      assertThatThrownBy(() -> git.revertCommit("rollback/merge", "main", "HEAD", BOT))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("is a merge commit")
          .hasMessageContaining("git revert -m 1");
    }
  }

  @Test
  void revertCommit_whenAlreadyReverted_writesNothing() {
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      bump = repo.file(MANIFEST, SampleManifests.churn(8)).commit("Bump churn");
      repo.file(MANIFEST, SampleManifests.churn(7)).commit("Undo by hand");
    }

    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult result = git.revertCommit("rollback/churn", "main", bump, BOT);
      assertThat(result.changed()).isFalse();
      assertThat(GitCli.runLine(dir, "branch", "--list", "rollback/churn")).isEmpty();
    }
  }
}
