package dev.sagemakergitops.core.validate;

import static dev.sagemakergitops.core.plan.TestManifests.churn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestValidatorOfflineTest {
  @TempDir Path dir;

  private ValidationReport validate(String ref, String... paths) {
    try (GitRepository git = GitRepository.open(dir)) {
      return ManifestValidator.offline("us-east-1").validate(git, ref, List.of(paths));
    }
  }

  @Test
  void validate_whenAllManifestsValid_reportsEveryManifestAndNoProblem() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", churn("churn-a", "churn/1"))
          .file("models/b.yaml", churn("churn-b", "churn/2"))
          .file("buildspec.yml", "version: 0.2\n")
          .commit("two models");

      ValidationReport report = validate("HEAD");

      assertThat(report.isValid()).isTrue();
      assertThat(report.offline()).isTrue();
      assertThat(report.manifestPaths()).containsExactly("models/a.yaml", "models/b.yaml");
      assertThat(report.digests()).isEmpty();
    }
  }

  @Test
  void validate_whenTwoManifestsShareNameAndEndpoint_reportsBothAtTheSecondFile() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", churn("churn-prod", "churn/1"))
          .file("models/b.yaml", churn("churn-prod", "churn/2"))
          .commit("copy-paste");

      ValidationReport report = validate("HEAD");

      assertThat(report.problems()).extracting(p -> p.file() + ":" + p.line() + " " + p.field()).containsExactly(
          "models/b.yaml:5 metadata.name", "models/b.yaml:13 spec.endpoint.name");
      assertThat(report.problems().get(0).message()).contains("already used by models/a.yaml");
      assertThat(report.problems().get(1).message()).contains("already deployed by models/a.yaml");
    }
  }

  @Test
  void validate_whenOlderRefIsAsked_readsThatCommitNotTheWorkTree() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", churn("churn-a", "churn/1")).commit("good");
      repo.file("models/a.yaml", churn("churn-a", "churn/1").replace("ml.m5.large", "m5.large")).commit("bad");

      assertThat(validate("HEAD").problems()).singleElement()
          .satisfies(p -> assertThat(p.toString()).startsWith("models/a.yaml:15:").contains("instanceType"));
      assertThat(validate("HEAD~1").isValid()).isTrue();
    }
  }

  @Test
  void validate_whenPathsGiven_checksOnlyThose() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", churn("churn-a", "churn/1"))
          .file("other/b.yaml", churn("churn-b", "churn/x"))
          .commit("one bad");

      assertThat(validate("HEAD", "models").manifestPaths()).containsExactly("models/a.yaml");
      assertThat(validate("HEAD", "models").isValid()).isTrue();
      assertThat(validate("HEAD").isValid()).isFalse();
    }
  }

  @Test
  void validate_whenRefUnknown_throwsNamingTheRef() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", churn("churn-a", "churn/1")).commit("one");

      assertThatThrownBy(() -> validate("no-such-branch")).isInstanceOf(GitException.class)
          .hasMessageContaining("no-such-branch");
    }
  }
}
