package dev.sagemakergitops.core.plan;

import static dev.sagemakergitops.core.plan.TestManifests.churn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.git.ChangeKind;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanBuilderTest {
  @TempDir Path dir;

  private GitOpsPlan plan(String base, String head) {
    try (GitRepository git = GitRepository.open(dir)) {
      return PlanBuilder.offline().plan(git, base, head, List.of());
    }
  }

  @Test
  void plan_whenPackageBumped_showsVersionChangeAndCanaryUpdate() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/7")).file("README.md", "docs\n").commit("add churn");
      String bump = repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/8")).commit("Bump churn to 8");

      GitOpsPlan plan = plan("HEAD~1", "HEAD");

      assertThat(plan.models()).hasSize(1);
      ModelPlan model = plan.models().get(0);
      assertThat(model.kind()).isEqualTo(ChangeKind.CHANGED);
      assertThat(model.name()).isEqualTo("churn-prod");
      assertThat(model.lastCommit().id()).isEqualTo(bump);
      assertThat(model.changes()).containsExactly(new FieldChange("model package", "churn/7", "churn/8"));
      assertThat(model.actions()).anySatisfy(a -> assertThat(a).startsWith("update endpoint churn-prod (canary 50%,"
          + " bake 10m, termination wait 5m, timeout 2h, roll back on churn-prod-5xx"));
      assertThat(model.actions()).anySatisfy(a -> assertThat(a).startsWith("run batch transform nightly"));
      assertThat(model.problems()).isEmpty();
      assertThat(plan.digestsResolved()).isFalse();
      assertThat(plan.revert()).isNull();
    }
  }

  @Test
  void plan_whenManyManifestsChangedOverManyCommits_parsesInPathOrderAndCreditsEachToItsLastCommit() {
    // Above both thresholds: the last-commit walk runs on its own thread while the manifests are
    // parsed on several, and each parsed change must still get its own commit and keep its place.
    int manifests = PlanBuilder.PARALLEL_THRESHOLD + 5;
    String lastBump = null;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      for (int i = 0; i < manifests; i++) {
        repo.file("models/m" + i + "/prod.yaml", churn("m" + i + "-prod", "churn/1"));
      }
      repo.commit("add models");
      repo.tag("base");
      for (int i = manifests - 1; i >= 0; i--) {
        lastBump = repo.file("models/m" + i + "/prod.yaml", churn("m" + i + "-prod", "churn/" + (i + 2)))
            .commit("Bump m" + i);
      }
    }

    GitOpsPlan plan = plan("base", "HEAD");
    String newest = lastBump;

    assertThat(plan.models()).extracting(ModelPlan::path).isSorted().hasSize(manifests);
    assertThat(plan.models()).allSatisfy(model -> {
      int i = Integer.parseInt(model.path().replaceAll("\\D", ""));
      assertThat(model.name()).isEqualTo("m" + i + "-prod");
      assertThat(model.changes()).containsExactly(new FieldChange("model package", "churn/1", "churn/" + (i + 2)));
      assertThat(model.lastCommit().id())
          .isEqualTo(GitCli.runLine(dir, "log", "-1", "--format=%H", "base..HEAD", "--", model.path()));
      assertThat(model.lastCommit().shortMessage()).isEqualTo("Bump m" + i);
    });
    assertThat(plan.models()).filteredOn(model -> model.path().equals("models/m0/prod.yaml")).singleElement()
        .satisfies(model -> assertThat(model.lastCommit().id()).isEqualTo(newest));
  }

  @Test
  void plan_whenHeadRevertsBump_reportsRollbackByRevert() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/7")).commit("add churn");
      String bump = repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/8")).commit("Bump churn to 8");
      GitCli.run(dir, "revert", "--no-edit", bump);

      GitOpsPlan plan = plan("HEAD~1", "HEAD");

      assertThat(plan.revert()).isNotNull();
      assertThat(plan.revert().revertedCommitId()).isEqualTo(bump);
      assertThat(plan.models().get(0).changes()).containsExactly(new FieldChange("model package", "churn/8", "churn/7"));
      assertThat(PlanRenderer.markdown(plan)).contains("Rollback by revert").contains(bump.substring(0, 12));
    }
  }

  @Test
  void plan_whenVariantRenamed_blocksWithGuardrailProblemAtVariants() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7")).commit("add");
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7", "1.4.2", "Blue", "ml.m5.large")).commit("rename variant");

      GitOpsPlan plan = plan("HEAD~1", "HEAD");

      assertThat(plan.hasProblems()).isTrue();
      var problem = plan.models().get(0).problems().get(0);
      assertThat(problem.field()).isEqualTo("spec.endpoint.variants");
      assertThat(problem.line()).isEqualTo(15);
      assertThat(problem.message()).contains("from AllTraffic to Blue").contains("same variant names");
      assertThat(plan.models().get(0).actions()).isEmpty();
    }
  }

  @Test
  void plan_whenInstanceTypeChangesWithAutoscaling_saysAutoscalingIsReRegistered() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7")).commit("add");
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7", "1.4.2", "AllTraffic", "ml.c5.xlarge")).commit("bigger");

      ModelPlan model = plan("HEAD~1", "HEAD").models().get(0);

      assertThat(model.changes()).containsExactly(
          new FieldChange("variant AllTraffic", "2 x ml.m5.large", "2 x ml.c5.xlarge"));
      assertThat(model.actions()).anySatisfy(a -> assertThat(a).startsWith("deregister autoscaling before the update"));
      assertThat(model.actions()).anySatisfy(a -> assertThat(a)
          .startsWith("keep the live instance count of the autoscaled variants").contains("never cuts capacity"));
    }
  }

  @Test
  void plan_whenOnlyAlarmsChange_doesNotUpdateEndpointOrRunTransforms() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7")).commit("add");
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7").replace("bake: 10m", "bake: 15m")).commit("longer bake");

      ModelPlan model = plan("HEAD~1", "HEAD").models().get(0);

      assertThat(model.changes()).extracting(FieldChange::field).containsExactly("deployment");
      assertThat(model.actions()).containsExactly(
          "no endpoint update: only the deployment policy changed; it applies to the next deployment");
    }
  }

  @Test
  void plan_whenManifestRemovedAndAnotherAdded_reportsBothWithoutDeleting() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/old.yaml", churn("churn-old", "churn/3")).commit("add old");
      repo.delete("m/old.yaml").file("m/new.yaml", churn("churn-new", "churn/9")).commit("replace");

      GitOpsPlan plan = plan("HEAD~1", "HEAD");

      assertThat(plan.models()).extracting(ModelPlan::path, ModelPlan::kind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("m/new.yaml", ChangeKind.ADDED),
              org.assertj.core.groups.Tuple.tuple("m/old.yaml", ChangeKind.REMOVED));
      assertThat(plan.models().get(0).actions().get(0)).startsWith("deploy endpoint churn-new: create it");
      assertThat(plan.models().get(1).actions().get(0)).startsWith("stop managing endpoint churn-old")
          .contains("never deletes");
    }
  }

  @Test
  void plan_whenHeadManifestInvalid_isBlockedWithLocatedProblems() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7")).commit("add");
      repo.file("m/prod.yaml", churn("churn-prod", "churn/7").replace("canarySize: 50%", "canarySize: 80%"))
          .commit("too big a canary");

      GitOpsPlan plan = plan("HEAD~1", "HEAD");

      assertThat(plan.hasProblems()).isTrue();
      assertThat(plan.models().get(0).problems()).singleElement().satisfies(p -> {
        assertThat(p.file()).isEqualTo("m/prod.yaml");
        assertThat(p.line()).isEqualTo(19);
        assertThat(p.field()).isEqualTo("spec.endpoint.deployment.canarySize");
        assertThat(p.message()).contains("at most 50%").contains("80%");
      });
      assertThat(PlanRenderer.text(plan)).contains("problem: m/prod.yaml:19:");
    }
  }

  @Test
  void json_whenRendered_hasTheDocumentedStableShape() throws Exception {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/7")).commit("add churn");
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/8", "1.5.0", "AllTraffic", "ml.m5.large"))
          .commit("Bump churn to 8");

      JsonNode json = new ObjectMapper().readTree(PlanRenderer.json(plan("HEAD~1", "HEAD")));

      assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(json.get("digestsResolved").asBoolean()).isFalse();
      assertThat(json.get("blocked").asBoolean()).isFalse();
      assertThat(json.get("head").get("message").asText()).isEqualTo("Bump churn to 8");
      JsonNode model = json.get("models").get(0);
      assertThat(model.get("path").asText()).isEqualTo("models/churn/prod.yaml");
      assertThat(model.get("change").asText()).isEqualTo("changed");
      assertThat(model.get("newBlobId").asText()).hasSize(40);
      assertThat(model.get("after").get("image digest").asText()).isEqualTo("not resolved (offline)");
      assertThat(model.get("changes")).hasSize(2);
      assertThat(model.get("changes").get(0).get("field").asText()).isEqualTo("model package");
      assertThat(model.get("changes").get(1).get("before").asText()).endsWith(":1.4.2");
      assertThat(model.get("actions").get(0).asText()).startsWith("update endpoint");
      assertThat(model.get("problems")).isEmpty();
    }
  }

  @Test
  void markdown_whenRendered_isAPullRequestCommentWithATablePerModel() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/7")).commit("add churn");
      repo.file("models/churn/prod.yaml", churn("churn-prod", "churn/8")).commit("Bump churn to 8");

      String markdown = PlanRenderer.markdown(plan("HEAD~1", "HEAD"));

      assertThat(markdown).startsWith("### sagemaker-gitops plan")
          .contains("| ~ | churn-prod | `models/churn/prod.yaml` | 1 |")
          .contains("| model package | `churn/7` | `churn/8` |")
          .contains("On merge:\n\n1. update endpoint churn-prod");
    }
  }
}
