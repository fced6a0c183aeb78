package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitDaemon;
import dev.sagemakergitops.testkit.GitHttpBackend;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing bump branches to real Git servers on loopback: {@code git daemon} for plain pushes and
 * {@code git http-backend} behind Basic authentication for token pushes, with git itself reading
 * what arrived.
 */
@IntegrationPhase
class BranchPushTest {
  private static final String MANIFEST = "models/churn/prod.yaml";
  private static final String BRANCH = "bump/churn-prod";
  private static final String TOKEN = "ghs_s3cretT0kenValue";

  @TempDir Path dir;
  @TempDir Path served;
  @TempDir Path elsewhere;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private String base;

  @BeforeEach
  void buildHistory() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file(MANIFEST, SampleManifests.churn(7));
      base = repo.commit("Add churn");
    }
  }

  @Test
  void push_whenBranchIsNewOnGitDaemon_createsItAndGitSeesTheBumpCommit() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = daemon.bareRepository("models.git");
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);

      PushOutcome outcome = git.push(BRANCH, git.remote(daemon.url("models.git")), new GitCredentials.Anonymous());

      assertThat(outcome.action()).isEqualTo(PushOutcome.Action.CREATED);
      assertThat(outcome.previous()).isNull();
      assertThat(outcome.commit()).isEqualTo(bump.commitId());
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "log", "--format=%H %s", BRANCH))
          .isEqualTo(bump.commitId() + " Bump churn-prod to model package churn/8\n" + base + " Add churn");
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "show", BRANCH + ":" + MANIFEST))
          .isEqualTo(SampleManifests.churn(8));
    }
  }

  @Test
  void push_whenRunAgainOnANewBase_replacesTheToolsOwnCommitAndKeepsOneBump() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = daemon.bareRepository("models.git");
      GitRemote remote = git.remote(daemon.url("models.git"));
      CommitResult first = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      git.push(BRANCH, remote, new GitCredentials.Anonymous());
      String newBase = commitOnMain("README.md", "docs\n", "Document");
      clock.advance(Duration.ofHours(1));
      CommitResult second = git.bumpPackageVersion(BRANCH, newBase, MANIFEST, "churn/9", null, null);

      PushOutcome outcome = git.push(BRANCH, remote, new GitCredentials.Anonymous());

      assertThat(outcome.action()).isEqualTo(PushOutcome.Action.UPDATED);
      assertThat(outcome.previous()).isEqualTo(first.commitId());
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "log", "--format=%s", BRANCH))
          .isEqualTo("Bump churn-prod to model package churn/9\nDocument\nAdd churn");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(second.commitId());
    }
  }

  @Test
  void push_whenNothingChanged_reportsUpToDate() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      daemon.bareRepository("models.git");
      GitRemote remote = git.remote(daemon.url("models.git"));
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      git.push(BRANCH, remote, new GitCredentials.Anonymous());

      assertThat(git.push(BRANCH, remote, new GitCredentials.Anonymous()).action())
          .isEqualTo(PushOutcome.Action.UP_TO_DATE);
    }
  }

  @Test
  void push_whenSomeoneElsePushedToTheBranch_refusesAndLeavesTheirCommit() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = daemon.bareRepository("models.git");
      GitRemote remote = git.remote(daemon.url("models.git"));
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      git.push(BRANCH, remote, new GitCredentials.Anonymous());
      // A reviewer adds a commit to the pull request's branch with git itself.
      Path clone = elsewhere.resolve("clone");
      GitCli.run(elsewhere, "clone", "--quiet", "--branch", BRANCH, daemon.url("models.git"), clone.toString());
      write(clone.resolve("NOTES.md"), "reviewed\n");
      GitCli.run(clone, "add", "NOTES.md");
      GitCli.run(clone, "commit", "--quiet", "-m", "Reviewer notes");
      GitCli.run(clone, "push", "--quiet", "origin", BRANCH);
      String theirs = GitCli.runLine(clone, "rev-parse", "HEAD");
      clock.advance(Duration.ofHours(1));
      git.bumpPackageVersion(BRANCH, base, MANIFEST, "churn/9", null, null);

      assertThatThrownBy(() -> git.push(BRANCH, remote, new GitCredentials.Anonymous()))
          .isInstanceOf(BranchPushException.class)
          .hasMessageContaining("branch '" + BRANCH + "' at " + daemon.url("models.git"))
          .hasMessageContaining(theirs.substring(0, 12) + " by " + GitRepositoryBuilder.AUTHOR_NAME
              + ": Reviewer notes")
          .hasMessageContaining("nothing was pushed");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(theirs);
    }
  }

  @Test
  void push_overHttpsWithGitHubToken_authenticatesAsXAccessTokenAndWritesTheTokenNowhere() throws IOException {
    try (GitHttpBackend server = GitHttpBackend.serving(served, "x-access-token", TOKEN);
        GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = server.bareRepository("models.git");
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url("models.git"));
      GitCredentials credentials = PushCredentials.choose(remote, PullRequestHostKind.GITHUB,
          Map.of("GITHUB_TOKEN", TOKEN), () -> null, clock);

      PushOutcome outcome = git.push(BRANCH, remote, credentials);

      assertThat(outcome.action()).isEqualTo(PushOutcome.Action.CREATED);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
      assertThat(server.authenticatedUsers()).isNotEmpty().containsOnly("x-access-token");
      assertThat(server.requestLines()).noneMatch(line -> line.contains(TOKEN));
      assertThat(outcome.toString()).doesNotContain(TOKEN);
      assertThat(credentials.toString()).doesNotContain(TOKEN).contains("GITHUB_TOKEN");
      assertThat(filesUnder(dir.resolve(".git"))).noneMatch(text -> text.contains(TOKEN));
    }
  }

  @Test
  void push_whenTheTokenIsWrong_failsNamingTheSchemeButNotTheToken() {
    try (GitHttpBackend server = GitHttpBackend.serving(served, "x-access-token", "the-right-one");
        GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = server.bareRepository("models.git");
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url("models.git"));
      GitCredentials credentials = PushCredentials.choose(remote, PullRequestHostKind.GITHUB,
          Map.of("GITHUB_TOKEN", TOKEN), () -> null, clock);

      assertThatThrownBy(() -> git.push(BRANCH, remote, credentials))
          .isInstanceOf(BranchPushException.class)
          .hasMessageContaining(server.url("models.git"))
          .hasMessageContaining("HTTPS user x-access-token with the token in GITHUB_TOKEN")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "branch", "--list")).isEmpty();
    }
  }

  @Test
  void push_whenTheUrlCarriesTheToken_usesItAndShowsTheUrlWithoutIt() {
    try (GitHttpBackend server = GitHttpBackend.serving(served, "oauth2", TOKEN);
        GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = server.bareRepository("models.git");
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url("models.git").replace("http://", "http://oauth2:" + TOKEN + "@"));

      PushOutcome outcome = git.push(BRANCH, remote,
          PushCredentials.choose(remote, null, Map.of(), () -> null, clock));

      assertThat(outcome.remote()).isEqualTo(server.url("models.git"));
      assertThat(remote.toString()).doesNotContain(TOKEN);
      assertThat(server.authenticatedUsers()).containsOnly("oauth2");
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "branch", "--list")).contains(BRANCH);
    }
  }

  @Test
  void push_whenTheRemoteIsAConfiguredName_pushesToItsUrl() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      Path bare = daemon.bareRepository("models.git");
      GitCli.run(dir, "remote", "add", "origin", daemon.url("models.git"));
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);

      git.push(BRANCH, git.remote("origin"), new GitCredentials.Anonymous());

      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
    }
  }

  @Test
  void remote_whenNameIsUnknown_namesTheRemotesThereAre() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      assertThatThrownBy(() -> git.remote("upstream"))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("no remote named 'upstream'")
          .hasMessageContaining("it has none");
    }
  }

  @Test
  void push_whenBranchDoesNotExist_saysToWriteItFirst() {
    try (GitDaemon daemon = GitDaemon.serving(served); GitRepository git = GitRepository.open(dir, clock)) {
      daemon.bareRepository("models.git");
      assertThatThrownBy(() -> git.push("bump/none", git.remote(daemon.url("models.git")),
          new GitCredentials.Anonymous()))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("branch 'bump/none' does not exist");
    }
  }

  private String commitOnMain(String path, String text, String message) {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.file(path, text);
      return repo.commit(message);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static java.util.List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(file -> {
        try {
          return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
