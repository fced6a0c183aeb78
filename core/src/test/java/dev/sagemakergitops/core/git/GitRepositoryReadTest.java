package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving refs and reading manifests at a commit, on repositories built with the testkit. */
class GitRepositoryReadTest {

  @TempDir Path dir;

  private String first;
  private String second;
  private String third;

  @BeforeEach
  void buildHistory() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7))
          .file(".github/workflows/ci.yml", SampleManifests.CI_WORKFLOW)
          .file("buildspec.yml", SampleManifests.BUILDSPEC)
          .file("README.md", "# models\n");
      first = repo.commit("Add churn-prod");
      repo.tag("v1").annotatedTag("release-1", "First release");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(8))
          .file("models/fraud/prod.yml", SampleManifests.named("fraud-prod", "fraud/3"));
      second = repo.commit("Bump churn, add fraud");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(9));
      third = repo.commit("Bump churn to 9");
    }
  }

  @Test
  void resolve_whenGivenBranchTagsShortIdAndRelativeRefs_returnsTheirCommits() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.resolve("main").id()).isEqualTo(third);
      assertThat(git.resolve("HEAD").id()).isEqualTo(third);
      assertThat(git.resolve("HEAD~1").id()).isEqualTo(second);
      assertThat(git.resolve("HEAD~2").id()).isEqualTo(first);
      assertThat(git.resolve("main^").id()).isEqualTo(second);
      assertThat(git.resolve("v1").id()).isEqualTo(first);
      assertThat(git.resolve("release-1").id()).isEqualTo(first);
      assertThat(git.resolve(second.substring(0, 8)).id()).isEqualTo(second);
      assertThat(git.resolve(second).id()).isEqualTo(second);
    }
  }

  @Test
  void resolve_whenCommitExists_returnsMessageAuthorTimeAndParents() {
    try (GitRepository git = GitRepository.open(dir)) {
      ResolvedCommit commit = git.resolve("HEAD~1");

      assertThat(commit.shortMessage()).isEqualTo("Bump churn, add fraud");
      assertThat(commit.authorName()).isEqualTo(GitRepositoryBuilder.AUTHOR_NAME);
      assertThat(commit.authorEmail()).isEqualTo(GitRepositoryBuilder.AUTHOR_EMAIL);
      assertThat(commit.commitTime()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
      assertThat(commit.parentIds()).containsExactly(first);
      assertThat(commit.abbreviatedId()).isEqualTo(second.substring(0, 7));
    }
  }

  @Test
  void resolve_whenRefUnknown_throwsNamingRefAndRepository() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.resolve("no-such-branch"))
          .isInstanceOf(GitRefNotFoundException.class)
          .hasMessageContaining("ref 'no-such-branch' not found in " + dir)
          .hasMessageContaining("expected a commit id, branch, tag or HEAD~N");
      assertThatThrownBy(() -> git.resolve("HEAD~10")).isInstanceOf(GitRefNotFoundException.class);
      assertThatThrownBy(() -> git.resolve("0123456789012345678901234567890123456789"))
          .isInstanceOf(GitRefNotFoundException.class);
    }
  }

  @Test
  void resolve_whenRefNamesATree_throwsSayingItIsNoCommit() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.resolve("HEAD:models"))
          .isInstanceOf(GitRefNotFoundException.class)
          .hasMessageContaining("names a tree, not a commit");
    }
  }

  @Test
  void open_whenGivenSubfolder_findsTheRepositoryAndKeepsPathsRootRelative() throws Exception {
    try (GitRepository git = GitRepository.open(dir.resolve("models/churn"))) {
      assertThat(git.directory()).isEqualTo(dir);
      assertThat(git.readManifests("HEAD", List.of("models/churn/prod.yaml")))
          .extracting(ManifestFile::path)
          .containsExactly("models/churn/prod.yaml");
    }
  }

  @Test
  void open_whenNoRepositoryAbove_throwsNamingTheFolder(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> GitRepository.open(elsewhere))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("no Git repository found at or above " + elsewhere);
  }

  @Test
  void readManifests_whenNoPathsGiven_returnsOnlyManifestsSortedByPath() {
    try (GitRepository git = GitRepository.open(dir)) {
      List<ManifestFile> files = git.readManifests("HEAD", List.of());

      assertThat(files).extracting(ManifestFile::path)
          .containsExactly("models/churn/prod.yaml", "models/fraud/prod.yml");
      assertThat(files.get(0).text()).isEqualTo(SampleManifests.churn(9));
    }
  }

  @Test
  void readManifests_whenReadAtOlderRefs_returnsThatCommitsContent() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("v1", List.of())).singleElement()
          .satisfies(file -> assertThat(file.text()).isEqualTo(SampleManifests.churn(7)));
      assertThat(git.readManifests("release-1", List.of())).hasSize(1);
      assertThat(git.readManifests("HEAD~1", List.of("models/churn")))
          .singleElement()
          .satisfies(file -> assertThat(file.text()).isEqualTo(SampleManifests.churn(8)));
      assertThat(git.readManifests(first.substring(0, 7), List.of())).hasSize(1);
    }
  }

  @Test
  void readManifests_whenBlobIdReported_equalsGitRevParse() {
    try (GitRepository git = GitRepository.open(dir)) {
      for (ManifestFile file : git.readManifests("HEAD~1", List.of())) {
        assertThat(file.blobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", "HEAD~1:" + file.path()));
      }
    }
  }

  @Test
  void readManifests_whenWorkTreeAndIndexAreDirty_readsOnlyTheCommit() throws Exception {
    Files.writeString(dir.resolve("models/churn/prod.yaml"), SampleManifests.churn(42));
    Files.writeString(dir.resolve("models/new.yaml"), SampleManifests.named("new", "new/1"));
    GitCli.run(dir, "add", "models/new.yaml");

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of()))
          .extracting(ManifestFile::path, ManifestFile::text)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("models/churn/prod.yaml", SampleManifests.churn(9)),
              org.assertj.core.groups.Tuple.tuple("models/fraud/prod.yml",
                  SampleManifests.named("fraud-prod", "fraud/3")));
    }
  }

  @Test
  void readManifests_whenFolderGiven_returnsOnlyManifestsUnderIt() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of("models/fraud/")))
          .extracting(ManifestFile::path)
          .containsExactly("models/fraud/prod.yml");
      assertThat(git.readManifests("HEAD", List.of("./models", "models/churn/prod.yaml")))
          .extracting(ManifestFile::path)
          .containsExactly("models/churn/prod.yaml", "models/fraud/prod.yml");
      assertThat(git.readManifests("HEAD", List.of(".github"))).isEmpty();
    }
  }

  @Test
  void readManifests_whenAbsolutePathInsideWorkTree_treatsItAsRootRelative() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of(dir.resolve("models/fraud").toString())))
          .extracting(ManifestFile::path)
          .containsExactly("models/fraud/prod.yml");
    }
  }

  @Test
  void readManifests_whenNamedFileIsNoManifest_returnsItSoTheLoaderCanReportIt() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of("buildspec.yml", "README.md")))
          .extracting(ManifestFile::path)
          .containsExactly("README.md", "buildspec.yml");
    }
  }

  @Test
  void readManifests_whenNamedPathMissingAtRef_throwsNamingPathAndRef() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.readManifests("v1", List.of("models/fraud/prod.yml")))
          .isInstanceOf(GitPathNotFoundException.class)
          .hasMessageContaining("path 'models/fraud/prod.yml' not found at ref 'v1' (commit " + first.substring(0, 7))
          .hasMessageContaining("expected a manifest file or folder relative to the repository root")
          .extracting(e -> ((GitPathNotFoundException) e).path()).isEqualTo("models/fraud/prod.yml");
    }
  }

  @Test
  void readManifests_whenPathLeavesTheRepository_throwsIllegalArgument() {
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.readManifests("HEAD", List.of("../other")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'../other'");
    }
  }

  @Test
  void readManifests_whenHeadIsDetached_readsTheCheckedOutCommit() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.checkout(first);
    }
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.resolve("HEAD").id()).isEqualTo(first);
      assertThat(git.readManifests("HEAD", List.of())).singleElement()
          .satisfies(file -> assertThat(file.text()).isEqualTo(SampleManifests.churn(7)));
    }
  }

  @Test
  void readManifests_whenKindIsRightButApiVersionMisspelt_stillReturnsTheFile() {
    String misspelt = SampleManifests.churn(7).replace("sagemaker-gitops/v1", "sagemaker-gitop/v1");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.file("models/typo.yaml", misspelt).commit("Add a manifest with a typo");
    }
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of("models")))
          .extracting(ManifestFile::path)
          .contains("models/typo.yaml");
    }
  }

  @Test
  void readManifests_whenFileHasNonAsciiBytes_returnsThemUnchanged() throws Exception {
    String text = SampleManifests.churn(7) + "# owner: Zoë 🚀\n";
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.open(dir)) {
      repo.file("models/churn/prod.yaml", text).commit("Add an owner");
    }
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.readManifests("HEAD", List.of("models/churn/prod.yaml")).get(0).content())
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
