package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Which credentials a push uses, from the remote and the CI's environment. */
class PushCredentialsTest {
  @TempDir Path dir;
  private GitRepository git;

  @BeforeEach
  void open() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("README.md", "x\n").commit("init");
    }
    git = GitRepository.open(dir);
  }

  @AfterEach
  void close() {
    git.close();
  }

  @Test
  void choose_whenGitHubRemoteAndGithubToken_usesXAccessToken() {
    GitCredentials chosen = choose("https://github.com/acme/models.git", null, Map.of("GITHUB_TOKEN", "ghs_x"));

    assertThat(chosen).isEqualTo(new GitCredentials.Password("x-access-token", "ghs_x",
        "HTTPS user x-access-token with the token in GITHUB_TOKEN"));
  }

  @Test
  void choose_whenTheHostIsNotGitHubs_neverSendsTheGitHubToken() {
    assertThat(choose("https://git.example.com/acme/models.git", null, Map.of("GITHUB_TOKEN", "ghs_x")))
        .isInstanceOf(GitCredentials.Anonymous.class);
  }

  @Test
  void choose_whenGitHubEnterprise_readsTheHostFromGithubServerUrl() {
    assertThat(choose("https://ghe.acme.internal/ml/models.git", null,
        Map.of("GITHUB_TOKEN", "ghs_x", "GITHUB_SERVER_URL", "https://ghe.acme.internal")))
        .isInstanceOf(GitCredentials.Password.class);
  }

  @Test
  void choose_whenGitLab_prefersGitlabTokenAsOauth2ThenTheJobToken() {
    assertThat(choose("https://gitlab.com/acme/models.git", null, Map.of("GITLAB_TOKEN", "glpat", "CI_JOB_TOKEN", "j")))
        .extracting(c -> ((GitCredentials.Password) c).user()).isEqualTo("oauth2");
    assertThat(choose("https://gitlab.acme.io/acme/models.git", null,
        Map.of("CI_SERVER_HOST", "gitlab.acme.io", "CI_JOB_TOKEN", "j")))
        .extracting(c -> ((GitCredentials.Password) c).user()).isEqualTo("gitlab-ci-token");
  }

  @Test
  void choose_whenTheTokenIsMissing_saysWhichVariableToSet() {
    assertThatThrownBy(() -> choose("https://github.com/acme/models.git", null, Map.of()))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("GITHUB_TOKEN is not set")
        .hasMessageContaining(PushCredentials.USERNAME_VARIABLE);
  }

  @Test
  void choose_whenExplicitUserAndPassword_usesThemForAnyHost() {
    assertThat(choose("https://git.example.com/acme/models.git", PullRequestHostKind.GITHUB,
        Map.of(PushCredentials.USERNAME_VARIABLE, "bot", PushCredentials.PASSWORD_VARIABLE, "pw")))
        .extracting(c -> ((GitCredentials.Password) c).user()).isEqualTo("bot");
  }

  @Test
  void choose_whenCodeCommit_signsWithAwsCredentials() {
    assertThat(choose("codecommit::eu-west-1://models", null, Map.of()))
        .isInstanceOf(GitCredentials.CodeCommitSigned.class);
    assertThat(git.remote("codecommit::eu-west-1://models").display())
        .isEqualTo("https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/models");
  }

  @Test
  void choose_whenSsh_usesTheKeysOfHomeOrTheExplicitKey() {
    assertThat(choose("git@github.com:acme/models.git", PullRequestHostKind.GITHUB, Map.of("HOME", "/home/ci")))
        .isEqualTo(new GitCredentials.SshKeys(Path.of("/home/ci/.ssh"), null));
    assertThat(choose("ssh://git@github.com/acme/models.git", null,
        Map.of("HOME", "/home/ci", PushCredentials.SSH_KEY_VARIABLE, "/run/deploy_key")))
        .isEqualTo(new GitCredentials.SshKeys(Path.of("/home/ci/.ssh"), Path.of("/run/deploy_key")));
  }

  @Test
  void choose_whenGitDaemon_usesNone() {
    assertThat(choose("git://127.0.0.1/models", PullRequestHostKind.GITHUB, Map.of()))
        .isInstanceOf(GitCredentials.Anonymous.class);
  }

  private GitCredentials choose(String remote, PullRequestHostKind host, Map<String, String> environment) {
    return PushCredentials.choose(git.remote(remote), host, environment,
        () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")), Clock.systemUTC());
  }
}
