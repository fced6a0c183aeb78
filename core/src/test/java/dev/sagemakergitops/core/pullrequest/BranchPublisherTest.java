package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which CodeCommit repository a pull request goes to when the branch was pushed to CodeCommit. */
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
}
