package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories made by the real git CLI, the way CI systems leave them: packed objects and refs,
 * shallow clones, detached checkouts, bare mirrors, manifests in a folder of a larger repository.
 */
@IntegrationPhase
class GitRepositoryCliMadeTest {

  @TempDir Path root;

  private Path origin;

  @BeforeEach
  void createOrigin() throws IOException {
    origin = Files.createDirectories(root.resolve("origin"));
    GitCli.run(origin, "init", "-q");
    write(origin, "deploy/models/churn/prod.yaml", SampleManifests.churn(1));
    write(origin, "deploy/models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/1"));
    write(origin, ".github/workflows/ci.yml", SampleManifests.CI_WORKFLOW);
    write(origin, "buildspec.yml", SampleManifests.BUILDSPEC);
    write(origin, "deploy/helm/values.yaml", "replicaCount: 2\nkind: Deployment\n");
    write(origin, "src/train.py", "print('train')\n");
    commitAll(origin, "Initial layout");
    for (int version = 2; version <= 5; version++) {
      write(origin, "deploy/models/churn/prod.yaml", SampleManifests.churn(version));
      commitAll(origin, "Bump churn to " + version);
    }
    GitCli.run(origin, "tag", "-a", "v5", "-m", "Release 5");
    write(origin, "deploy/models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/2"));
    write(origin, "src/train.py", "print('train v2')\n");
    commitAll(origin, "Bump fraud to 2");
  }

  @Test
  void readManifests_whenRepositoryIsPackedByGc_readsRefsAndObjectsFromPacks() throws IOException {
    GitCli.run(origin, "gc", "-q", "--aggressive", "--prune=now");
    try (Stream<Path> loose = Files.list(origin.resolve(".git/refs/tags"))) {
      assertThat(loose).as("tags live in packed-refs").isEmpty();
    }

    try (GitRepository git = GitRepository.open(origin)) {
      assertThat(git.resolve("v5").id()).isEqualTo(GitCli.runLine(origin, "rev-parse", "v5^{commit}"));
      assertThat(git.readManifests("v5", List.of("deploy/models")))
          .extracting(ManifestFile::path, ManifestFile::blobId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("deploy/models/churn/prod.yaml",
                  GitCli.runLine(origin, "rev-parse", "v5:deploy/models/churn/prod.yaml")),
              org.assertj.core.groups.Tuple.tuple("deploy/models/fraud/prod.yaml",
                  GitCli.runLine(origin, "rev-parse", "v5:deploy/models/fraud/prod.yaml")));
      ManifestDiff diff = git.diff("HEAD~5", "main", List.of());
      assertThat(diff.changes()).extracting(ManifestChange::path)
          .containsExactly("deploy/models/churn/prod.yaml", "deploy/models/fraud/prod.yaml");
      assertThat(diff.changes().get(0).lastCommit().shortMessage()).isEqualTo("Bump churn to 5");
      assertThat(diff.changes().get(1).lastCommit().shortMessage()).isEqualTo("Bump fraud to 2");
    }
  }

  @Test
  void readManifests_whenLargerRepositoryHoldsOtherYaml_returnsOnlyManifests() {
    try (GitRepository git = GitRepository.open(origin.resolve("src"))) {
      assertThat(git.readManifests("HEAD", List.of()))
          .extracting(ManifestFile::path)
          .containsExactly("deploy/models/churn/prod.yaml", "deploy/models/fraud/prod.yaml");
      assertThat(git.readManifests("HEAD", List.of("deploy"))).hasSize(2);
    }
  }

  @Test
  void resolve_whenCloneHasOnlyRemoteBranchesAndDetachedHead_resolvesThemLikeGit() {
    Path clone = root.resolve("ci");
    GitCli.run(root, "clone", "-q", origin.toUri().toString(), clone.toString());
    GitCli.run(clone, "checkout", "-q", "--detach", "HEAD~1");

    try (GitRepository git = GitRepository.open(clone)) {
      assertThat(git.resolve("origin/main").id()).isEqualTo(GitCli.runLine(clone, "rev-parse", "origin/main"));
      assertThat(git.resolve("HEAD").id()).isEqualTo(GitCli.runLine(clone, "rev-parse", "HEAD"));
      assertThat(git.readManifests("HEAD", List.of("deploy/models/fraud/prod.yaml")).get(0).text())
          .contains("fraud/1");
      GitCli.run(clone, "branch", "-q", "-D", "main");
      assertThatThrownBy(() -> git.resolve("main"))
          .isInstanceOf(GitRefNotFoundException.class)
          .hasMessageContaining("try 'origin/main'");
    }
  }

  @Test
  void readManifests_whenRepositoryIsBare_readsFromTheGitFolder() {
    Path mirror = root.resolve("mirror.git");
    GitCli.run(root, "clone", "-q", "--bare", origin.toUri().toString(), mirror.toString());

    try (GitRepository git = GitRepository.open(mirror)) {
      assertThat(git.directory()).isEqualTo(mirror);
      assertThat(git.readManifests("main", List.of())).hasSize(2);
      assertThat(git.diff("main~1", "main", List.of()).changes()).extracting(ManifestChange::path)
          .containsExactly("deploy/models/fraud/prod.yaml");
    }
  }

  @Test
  void diff_whenCloneIsShallow_worksWithinTheHistoryAndLeavesBoundaryChangesUncredited() {
    GitCli.run(origin, "branch", "old", "HEAD~5");
    Path shallow = root.resolve("shallow");
    GitCli.run(root, "clone", "-q", "--depth", "2", "--no-single-branch", "--no-tags", origin.toUri().toString(),
        shallow.toString());

    try (GitRepository git = GitRepository.open(shallow)) {
      assertThat(git.isShallow()).isTrue();
      ResolvedCommit head = git.resolve("HEAD");
      ResolvedCommit boundary = git.resolve("HEAD~1");
      assertThat(boundary.shortMessage()).isEqualTo("Bump churn to 5");
      assertThat(boundary.parentIds()).as("the clone lacks the boundary's parents").isEmpty();
      assertThat(git.readManifests("HEAD~1", List.of("deploy/models/churn/prod.yaml")).get(0).text())
          .contains("churn/5");

      ManifestDiff within = git.diff("HEAD~1", "HEAD", List.of());
      assertThat(within.changes()).singleElement().satisfies(change -> {
        assertThat(change.path()).isEqualTo("deploy/models/fraud/prod.yaml");
        assertThat(change.lastCommit().id()).isEqualTo(head.id());
      });

      ManifestDiff acrossBoundary = git.diff("origin/old", "HEAD", List.of());
      assertThat(acrossBoundary.changes()).extracting(ManifestChange::path)
          .containsExactly("deploy/models/churn/prod.yaml", "deploy/models/fraud/prod.yaml");
      assertThat(acrossBoundary.changes().get(0).lastCommit()).as("changed at or before the boundary").isNull();
      assertThat(acrossBoundary.changes().get(1).lastCommit().id()).isEqualTo(head.id());

      assertThatThrownBy(() -> git.resolve("HEAD~3"))
          .isInstanceOf(GitRefNotFoundException.class)
          .hasMessageContaining("shallow clone");
    }
  }

  @Test
  void revertOf_whenCommitMadeByGitRevert_returnsTheRevertedCommit() throws IOException {
    String bump = GitCli.runLine(origin, "rev-parse", "HEAD");
    GitCli.run(origin, "revert", "--no-edit", "HEAD");

    try (GitRepository git = GitRepository.open(origin)) {
      assertThat(git.revertOf("HEAD")).contains(
          new RevertInfo(GitCli.runLine(origin, "rev-parse", "HEAD"), bump, true));
      assertThat(git.revertOf("HEAD~1")).isEmpty();
      assertThat(git.diff("HEAD~2", "HEAD", List.of()).changes()).isEmpty();
    }

    Path shallow = root.resolve("shallow");
    GitCli.run(root, "clone", "-q", "--depth", "1", origin.toUri().toString(), shallow.toString());
    try (GitRepository git = GitRepository.open(shallow)) {
      assertThat(git.revertOf("HEAD")).hasValueSatisfying(info -> {
        assertThat(info.revertedCommitId()).isEqualTo(bump);
        assertThat(info.revertedCommitPresent()).isFalse();
      });
    }
  }

  @Test
  void revertOf_whenOnlyTheSubjectSaysRevert_findsTheOriginalBySubject() throws IOException {
    String bump = GitCli.runLine(origin, "rev-parse", "HEAD~1");
    write(origin, "deploy/models/churn/prod.yaml", SampleManifests.churn(4));
    commitAll(origin, "Revert \"Bump churn to 5\" (#42)");

    try (GitRepository git = GitRepository.open(origin)) {
      assertThat(git.revertOf("HEAD")).map(RevertInfo::revertedCommitId).contains(bump);
    }
  }

  private static void write(Path repo, String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void commitAll(Path repo, String message) {
    GitCli.run(repo, "add", "-A");
    GitCli.run(repo, "commit", "-q", "-m", message);
  }
}
