package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffing the manifests of two commits and crediting each change to the commit that made it. */
class GitRepositoryDiffTest {

  @TempDir Path dir;

  @Test
  void diff_whenManifestsAddedChangedAndRemoved_reportsEachWithGitsBlobIds() {
    String base;
    String head;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7))
          .file("models/old/prod.yaml", SampleManifests.named("old-prod", "old/1"))
          .file("models/same/prod.yaml", SampleManifests.named("same-prod", "same/1"));
      base = repo.commit("Initial models");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(8))
          .delete("models/old/prod.yaml")
          .file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/3"));
      head = repo.commit("Bump churn, retire old, add fraud");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("HEAD~1", "HEAD", List.of());

      assertThat(diff.base().id()).isEqualTo(base);
      assertThat(diff.head().id()).isEqualTo(head);
      assertThat(diff.changes()).extracting(ManifestChange::kind, ManifestChange::path).containsExactly(
          org.assertj.core.groups.Tuple.tuple(ChangeKind.CHANGED, "models/churn/prod.yaml"),
          org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED, "models/fraud/prod.yaml"),
          org.assertj.core.groups.Tuple.tuple(ChangeKind.REMOVED, "models/old/prod.yaml"));

      ManifestChange changed = diff.changes().get(0);
      assertThat(changed.oldBlobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", base + ":models/churn/prod.yaml"));
      assertThat(changed.newBlobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", head + ":models/churn/prod.yaml"));
      assertThat(changed.oldText()).isEqualTo(SampleManifests.churn(7));
      assertThat(changed.newText()).isEqualTo(SampleManifests.churn(8));

      ManifestChange added = diff.changes().get(1);
      assertThat(added.oldBlobId()).isNull();
      assertThat(added.oldContent()).isNull();
      assertThat(added.newBlobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", head + ":models/fraud/prod.yaml"));

      ManifestChange removed = diff.changes().get(2);
      assertThat(removed.newBlobId()).isNull();
      assertThat(removed.oldBlobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", base + ":models/old/prod.yaml"));
      assertThat(removed.oldText()).contains("old/1");

      assertThat(diff.changes()).allSatisfy(change -> assertThat(change.lastCommit().id()).isEqualTo(head));
    }
  }

  @Test
  void diff_whenSeveralCommitsBetween_creditsEachPathToTheNewestCommitThatChangedIt() {
    String churnBump;
    String fraudBump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7))
          .file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/1"));
      repo.commit("Initial models");
      repo.tag("base");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(8)).commit("Churn 8");
      churnBump = repo.file("models/churn/prod.yaml", SampleManifests.churn(9)).commit("Churn 9");
      fraudBump = repo.file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/2"))
          .commit("Fraud 2");
      repo.file("src/train.py", "print('unrelated')\n").commit("Unrelated code");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("base", "main", List.of());

      assertThat(diff.changes()).extracting(ManifestChange::path)
          .containsExactly("models/churn/prod.yaml", "models/fraud/prod.yaml");
      assertThat(diff.changes().get(0).lastCommit().id()).isEqualTo(churnBump);
      assertThat(diff.changes().get(0).lastCommit().shortMessage()).isEqualTo("Churn 9");
      assertThat(diff.changes().get(1).lastCommit().id()).isEqualTo(fraudBump);
      assertThat(diff.changes().get(0).lastCommit().id())
          .isEqualTo(GitCli.runLine(dir, "log", "-1", "--format=%H", "base..main", "--", "models/churn/prod.yaml"));
    }
  }

  @Test
  void diff_whenManyManifestsChangedInManyCommits_creditsEachAsGitLogDoesAndDropsNonManifests() {
    // Enough changes for the last-commit walk to run on its own thread while the blobs are read; a YAML
    // file that is no manifest is among the candidates the walk is given and must not come back.
    int manifests = ManifestDiffer.CONCURRENT_WALK_THRESHOLD + 4;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", SampleManifests.named("m" + i + "-prod", "m" + i + "/1"));
      }
      repo.file("models/m0/values.yaml", "threshold: 1\n");
      repo.commit("Initial models");
      repo.tag("base");
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", SampleManifests.named("m" + i + "-prod", "m" + i + "/2"))
            .commit("Bump m" + i);
      }
      repo.file("models/m3/prod.yaml", SampleManifests.named("m3-prod", "m3/3"))
          .file("models/m0/values.yaml", "threshold: 2\n").commit("Bump m3 again");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("base", "main", List.of());

      assertThat(diff.changes()).hasSize(manifests);
      assertThat(diff.changes()).allSatisfy(change -> assertThat(change.lastCommit().id()).isEqualTo(
          GitCli.runLine(dir, "log", "-1", "--format=%H", "base..main", "--", change.path())));
      assertThat(diff.changes()).filteredOn(change -> change.path().equals("models/m3/prod.yaml"))
          .singleElement()
          .satisfies(change -> assertThat(change.lastCommit().shortMessage()).isEqualTo("Bump m3 again"));
    }
  }

  @Test
  void diff_whenWorkGivenForTheMeanwhile_handsItTheDiffsChangesInOrderBeforeTheirLastCommitsAreKnown() {
    // Enough changes for the last-commit walk to run on its own thread, during the caller's work.
    int manifests = ManifestDiffer.CONCURRENT_WALK_THRESHOLD + 4;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", SampleManifests.named("m" + i + "-prod", "m" + i + "/1"));
      }
      repo.commit("Initial models");
      repo.tag("base");
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", SampleManifests.named("m" + i + "-prod", "m" + i + "/2"))
            .commit("Bump m" + i);
      }
    }

    try (GitRepository git = GitRepository.open(dir)) {
      List<ManifestChange> seen = new java.util.ArrayList<>();
      ManifestDiff.WithWork<String> result = git.diff("base", "main", List.of(), changes -> {
        seen.addAll(changes);
        return "parsed " + changes.size();
      });

      assertThat(result.work()).isEqualTo("parsed " + manifests);
      assertThat(result.diff()).isEqualTo(git.diff("base", "main", List.of()));
      assertThat(seen).extracting(ManifestChange::path)
          .containsExactlyElementsOf(result.diff().changes().stream().map(ManifestChange::path).toList());
      assertThat(seen).allSatisfy(change -> assertThat(change.lastCommit()).isNull());
      for (int i = 0; i < manifests; i++) {
        ManifestChange before = seen.get(i);
        ManifestChange after = result.diff().changes().get(i);
        assertThat(before.newText()).isEqualTo(after.newText());
        assertThat(before.oldBlobId()).isEqualTo(after.oldBlobId());
        assertThat(after.lastCommit().id()).isEqualTo(
            GitCli.runLine(dir, "log", "-1", "--format=%H", "base..main", "--", after.path()));
      }
    }
  }

  @Test
  void diff_whenWorkForTheMeanwhileFails_throwsItsErrorUnchanged() {
    // As many changes as start the concurrent walk: the error waits for it and then passes unchanged.
    int manifests = ManifestDiffer.CONCURRENT_WALK_THRESHOLD + 1;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("README.md", "models\n").commit("Start");
      repo.tag("base");
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", SampleManifests.named("m" + i + "-prod", "m" + i + "/1"));
      }
      repo.commit("Initial models");
    }
    IllegalStateException failure = new IllegalStateException("the caller's parse failed");

    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.diff("base", "main", List.of(), changes -> {
        assertThat(changes).hasSize(manifests);
        throw failure;
      })).isSameAs(failure);
    }
  }

  @Test
  void diff_whenChangeArrivesThroughAMerge_creditsTheCommitOnTheMergedBranch() {
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7)).commit("Initial");
      repo.tag("base").branch("bump").checkout("bump");
      bump = repo.file("models/churn/prod.yaml", SampleManifests.churn(8)).commit("Churn 8");
      repo.checkout("main").file("src/app.py", "x = 1\n").commit("Other work on main");
    }
    GitCli.run(dir, "merge", "--no-ff", "--no-edit", "bump");

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("base", "HEAD", List.of());

      assertThat(diff.changes()).singleElement().satisfies(change -> {
        assertThat(change.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(change.lastCommit().id()).isEqualTo(bump);
      });
    }
  }

  @Test
  void diff_whenManifestRenamed_reportsRemovedPlusAdded() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn.yaml", SampleManifests.churn(7)).commit("Initial");
      repo.delete("models/churn.yaml").file("models/churn/prod.yaml", SampleManifests.churn(7)).commit("Move");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.diff("HEAD~1", "HEAD", List.of()).changes())
          .extracting(ManifestChange::kind, ManifestChange::path)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ChangeKind.REMOVED, "models/churn.yaml"),
              org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED, "models/churn/prod.yaml"));
    }
  }

  @Test
  void diff_whenFileStopsLookingLikeAManifest_stillReportsTheChange() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7)).commit("Initial");
      repo.file("models/churn/prod.yaml", "apiVersoin: sagemaker-gitops/v1\nkidn: ModelDeployment\n")
          .commit("Break it");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.diff("HEAD~1", "HEAD", List.of()).changes()).singleElement().satisfies(change -> {
        assertThat(change.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(change.newText()).startsWith("apiVersoin");
      });
      assertThat(git.diff("HEAD", "HEAD~1", List.of()).changes()).singleElement()
          .extracting(ManifestChange::kind).isEqualTo(ChangeKind.CHANGED);
    }
  }

  @Test
  void diff_whenOnlyOtherYamlAndCodeChange_isEmpty() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7)).file("buildspec.yml", SampleManifests.BUILDSPEC)
          .commit("Initial");
      repo.file("buildspec.yml", SampleManifests.BUILDSPEC + "# changed\n")
          .file(".github/workflows/ci.yml", SampleManifests.CI_WORKFLOW)
          .file("src/app.py", "x = 2\n")
          .commit("CI only");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("HEAD~1", "HEAD", List.of());
      assertThat(diff.isEmpty()).isTrue();
      assertThat(git.diff("HEAD", "HEAD", List.of()).changes()).isEmpty();
    }
  }

  @Test
  void diff_whenPathsGiven_reportsOnlyChangesUnderThem() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7))
          .file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/1"))
          .commit("Initial");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(8))
          .file("models/fraud/prod.yaml", SampleManifests.named("fraud-prod", "fraud/2"))
          .commit("Bump both");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(git.diff("HEAD~1", "HEAD", List.of("models/fraud")).changes())
          .extracting(ManifestChange::path).containsExactly("models/fraud/prod.yaml");
      assertThat(git.diff("HEAD~1", "HEAD", List.of("models/churn/prod.yaml")).changes())
          .extracting(ManifestChange::path).containsExactly("models/churn/prod.yaml");
      assertThatThrownBy(() -> git.diff("HEAD~1", "HEAD", List.of("models/nope.yaml")))
          .isInstanceOf(GitPathNotFoundException.class)
          .hasMessageContaining("path 'models/nope.yaml' not found at ref 'HEAD~1'")
          .hasMessageContaining("nor at ref 'HEAD'");
    }
  }

  @Test
  void diff_whenHeadIsNotADescendantOfBase_comparesTreesAndLeavesForeignChangesUncredited() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7)).commit("Initial");
      repo.branch("other");
      repo.file("models/churn/prod.yaml", SampleManifests.churn(8)).commit("Churn 8 on main");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      ManifestDiff diff = git.diff("main", "other", List.of());
      assertThat(diff.changes()).singleElement().satisfies(change -> {
        assertThat(change.newText()).isEqualTo(SampleManifests.churn(7));
        assertThat(change.lastCommit()).isNull();
      });
    }
  }

  @Test
  void diff_whenBaseRefUnknown_throwsNamingIt() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", SampleManifests.churn(7)).commit("Initial");
    }
    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> git.diff("origin/main", "HEAD", List.of()))
          .isInstanceOf(GitRefNotFoundException.class)
          .hasMessageContaining("ref 'origin/main' not found");
    }
  }
}
