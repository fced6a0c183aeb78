package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.git.GitCredentials;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which CodeCommit repository a pull request goes to when the branch was pushed to CodeCommit, and
 * credentials the caller holds that cannot reach the remote.
 */
class BranchPublisherTest {
  @TempDir Path dir;

  @Test
  void settingsFor_whenPushedToCodeCommit_opensThePullRequestInThatRepositoryAndRegion() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("README.md", "x\n").commit("init");
    }
    BranchPublisher publisher = new BranchPublisher(Map.of(), PullRequestHostSettings.defaults(), () -> null,
        Clock.systemUTC(), (kind, settings) -> null);
    try (GitRepository git = GitRepository.open(dir)) {
      PullRequestHostSettings codeCommit = publisher.settingsFor(PullRequestHostKind.CODECOMMIT,
          git.remote("codecommit::eu-west-1://churn-models"));
      PullRequestHostSettings named = new BranchPublisher(Map.of(),
          new PullRequestHostSettings("other", AwsSettings.defaults()), () -> null, Clock.systemUTC(),
          (kind, settings) -> null).settingsFor(PullRequestHostKind.CODECOMMIT,
          git.remote("https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/churn-models"));
      PullRequestHostSettings github = publisher.settingsFor(PullRequestHostKind.GITHUB,
          git.remote("https://github.com/acme/models.git"));

      assertThat(codeCommit.codeCommitRepository()).isEqualTo("churn-models");
      assertThat(codeCommit.aws().region()).isEqualTo("eu-west-1");
      assertThat(named.codeCommitRepository()).isEqualTo("other");
      assertThat(github).isEqualTo(PullRequestHostSettings.defaults());
    }
  }

  @Test
  void publish_withAnSshKeyForAnHttpsRemote_refusesBeforeConnectingAndNamesBoth() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("README.md", "x\n").commit("init");
      repo.branch("bump/churn");
    }
    GitCredentials key = new GitCredentials.SshPrivateKey("git", List.of("-----BEGIN OPENSSH PRIVATE KEY-----"), null,
        dir.resolve(".ssh"), "SSH key of Jenkins credentials 'deploy-key'");
    BranchPublisher publisher = new BranchPublisher(Map.of(), PullRequestHostSettings.defaults(), () -> null,
        Clock.systemUTC(), (kind, settings) -> {
          throw new AssertionError("no pull request without a push");
        });
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> publisher.publish(git, "bump/churn",
          new BranchPublisher.Request("https://127.0.0.1:9/acme/models.git", PullRequestHostKind.GITHUB, null, key),
          base -> new PullRequestDraft("bump/churn", base, "t", "b")))
          .isInstanceOf(GitException.class)
          .hasMessage("cannot push to https://127.0.0.1:9/acme/models.git with the SSH key of Jenkins credentials"
              + " 'deploy-key': an SSH key pushes over SSH only; push to the repository's SSH URL (ssh://HOST/PATH or"
              + " git@HOST:PATH), or give token or user name and password credentials for HTTPS");
    }
  }
}
