package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The repository name recorded as lineage (tags, model package metadata, deployment records) comes
 * from the {@code origin} remote the way CI systems set it up, credentials and all, and must never
 * carry them on.
 */
class GitRepositoryLineageNameTest {
  @TempDir Path root;

  @ParameterizedTest
  @CsvSource({
      "https://x-access-token:ghs_T0ken@github.com/acme/models.git, https://github.com/acme/models.git",
      "https://jenkins:p4ss@gitlab.example.com:8443/ml/models.git, https://gitlab.example.com:8443/ml/models.git",
      "https://ghp_0nlyT0ken@github.com/acme/models, https://github.com/acme/models",
      "https://user:p@ss@bitbucket.org/acme/models.git, https://bitbucket.org/acme/models.git",
      "http://oauth2:glpat-xyz@git.internal/acme/models.git, http://git.internal/acme/models.git",
      "ssh://git@github.com/acme/models.git, ssh://github.com/acme/models.git",
      "https://github.com/acme/models.git, https://github.com/acme/models.git",
      "https://github.com/acme/models@v2.git, https://github.com/acme/models@v2.git"})
  void lineageName_whenOriginIsAUrl_isTheUrlWithoutUserInfo(String remote, String expected) {
    Path dir = repository();
    GitCli.run(dir, "remote", "add", "origin", remote);

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.lineageName()).isEqualTo(expected);
    }
  }

  @Test
  void lineageName_whenOriginIsScpLike_keepsItAsWritten() {
    Path dir = repository();
    GitCli.run(dir, "remote", "add", "origin", "git@github.com:acme/models.git");

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.lineageName()).isEqualTo("git@github.com:acme/models.git");
    }
  }

  @Test
  void lineageName_whenCloneOfACloneWithCredentials_stripsThemToo() {
    Path origin = repository();
    Path clone = root.resolve("clone");
    GitCli.run(root, "clone", "-q", origin.toString(), clone.toString());
    GitCli.run(clone, "remote", "set-url", "origin", "https://ci-bot:s3cret@git.example.com/acme/models.git");

    try (GitRepository git = GitRepository.open(clone)) {
      assertThat(git.lineageName()).isEqualTo("https://git.example.com/acme/models.git").doesNotContain("s3cret");
    }
  }

  @Test
  void lineageName_whenThereIsNoRemote_isTheDirectory() throws java.io.IOException {
    Path dir = repository();

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.lineageName()).isEqualTo(git.directory().toString());
      assertThat(Path.of(git.lineageName()).toRealPath()).isEqualTo(dir.toAbsolutePath().toRealPath());
    }
  }

  private Path repository() {
    Path dir = root.resolve("repo");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7));
      repo.commit("Add churn");
    }
    return dir;
  }
}
