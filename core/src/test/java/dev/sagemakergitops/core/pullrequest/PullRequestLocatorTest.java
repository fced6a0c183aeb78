package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRequestLocatorTest {
  @TempDir Path dir;

  @Test
  void locate_whenOptionGiven_takesItOverEveryVariable() {
    assertThat(PullRequestLocator.locate("12", Map.of("CHANGE_ID", "7"))).contains(new PullRequestNumber("12"));
  }

  @Test
  void locate_whenOptionNotANumber_refusesIt() {
    assertThatThrownBy(() -> PullRequestLocator.locate("PR-12", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'PR-12'");
  }

  @Test
  void locate_onGitHubActionsPullRequestEvent_readsTheEventFile() throws Exception {
    Path event = Files.writeString(dir.resolve("event.json"),
        "{\"action\": \"synchronize\", \"number\": 31, \"pull_request\": {\"number\": 31, \"title\": \"x\"}}");

    assertThat(PullRequestLocator.locate(null, Map.of("GITHUB_EVENT_PATH", event.toString())))
        .contains(new PullRequestNumber("31"));
  }

  @Test
  void locate_onGitHubActionsPushEvent_findsNone() throws Exception {
    Path event = Files.writeString(dir.resolve("event.json"), "{\"ref\": \"refs/heads/main\", \"commits\": []}");

    assertThat(PullRequestLocator.locate(null, Map.of("GITHUB_EVENT_PATH", event.toString()))).isEmpty();
  }

  @Test
  void locate_onCodeBuildPullRequestWebhook_readsTheTrigger() {
    assertThat(PullRequestLocator.locate(null, Map.of("CODEBUILD_WEBHOOK_TRIGGER", "pr/1204")))
        .contains(new PullRequestNumber("1204"));
    assertThat(PullRequestLocator.locate(null, Map.of("CODEBUILD_WEBHOOK_TRIGGER", "branch/main"))).isEmpty();
  }

  @Test
  void locate_onJenkinsAndGitLab_readsTheirVariables() {
    assertThat(PullRequestLocator.locate(null, Map.of("CHANGE_ID", "88"))).contains(new PullRequestNumber("88"));
    assertThat(PullRequestLocator.locate(null, Map.of("CI_MERGE_REQUEST_IID", "5")))
        .contains(new PullRequestNumber("5"));
    // Some Jenkins SCMs name a change with something else than a number: not guessed at.
    assertThat(PullRequestLocator.locate(null, Map.of("CHANGE_ID", "I8a7f3"))).isEqualTo(Optional.empty());
  }
}
