package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.core.git.ChangeKind;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.ModelPlan;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanMatrixTest {
  @TempDir java.nio.file.Path dir;

  private static final String MANIFEST = """
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata:
        name: %s
      spec:
        image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
        model:
          package: %s
          executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        endpoint:
          name: %s
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
          deployment: {strategy: canary, canarySize: 50%%, bake: 10m, rollbackAlarms: [churn-5xx]}
      """;

  @Test
  void json_whenManifestsAddedChangedAndRemoved_listsAddedAndChangedAsBuildsAndLeavesRemovedOut() {
    GitOpsPlan plan = new GitOpsPlan(commit("a".repeat(40)), commit("b".repeat(40)), null, List.of(
        model("models/churn/prod.yaml", "churn-prod", ChangeKind.CHANGED, List.of()),
        model("models/fraud/prod.yaml", "fraud-prod", ChangeKind.REMOVED, List.of()),
        model("models/rank/2024-prod.yml", "rank-prod", ChangeKind.ADDED,
            List.of(new ManifestProblem("models/rank/2024-prod.yml", 4, 9, "metadata.name", "bad")))), true);

    JsonNode json = PlanMatrix.json(plan);

    assertThat(json.get("base").asText()).isEqualTo("a".repeat(40));
    assertThat(json.get("head").asText()).isEqualTo("b".repeat(40));
    assertThat(json.get("manifests")).hasSize(2);
    JsonNode churn = json.get("manifests").get(0);
    assertThat(churn.get("identifier").asText()).isEqualTo("models_churn_prod");
    assertThat(churn.get("path").asText()).isEqualTo("models/churn/prod.yaml");
    assertThat(churn.get("name").asText()).isEqualTo("churn-prod");
    assertThat(churn.get("kind").asText()).isEqualTo("changed");
    assertThat(churn.get("blocked").asBoolean()).isFalse();
    assertThat(json.get("manifests").get(1).get("blocked").asBoolean()).isTrue();
    assertThat(json.get("manifests").get(1).get("kind").asText()).isEqualTo("added");
    assertThat(json.get("buildList")).hasSize(2);
    JsonNode build = json.get("buildList").get(1);
    assertThat(build.get("identifier").asText()).isEqualTo("models_rank_2024_prod");
    assertThat(build.get("env").get("variables").get("MANIFESTS").asText()).isEqualTo("models/rank/2024-prod.yml");
    assertThat(build.fieldNames()).toIterable().containsExactly("identifier", "env");
  }

  @Test
  void identifier_whenPathsDifferOnlyInPunctuationOrStartWithADigit_areLettersDigitsUnderscoresAndUnique() {
    GitOpsPlan plan = new GitOpsPlan(commit("a".repeat(40)), commit("b".repeat(40)), null, List.of(
        model("m/a-b.yaml", "a", ChangeKind.CHANGED, List.of()),
        model("m/a_b.yaml", "b", ChangeKind.CHANGED, List.of()),
        model("7/x.yaml", "c", ChangeKind.ADDED, List.of())), true);

    JsonNode builds = PlanMatrix.json(plan).get("buildList");

    assertThat(builds.findValuesAsText("identifier")).containsExactly("m_a_b", "m_a_b_2", "m_7_x");
  }

  @Test
  void plan_whenFormatMatrix_printsTheChangedManifestsBetweenTheTwoRefs() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", MANIFEST.formatted("churn-prod", "churn/1", "churn-prod"))
          .file("models/fraud/prod.yaml", MANIFEST.formatted("fraud-prod", "fraud/1", "fraud-prod"))
          .file("models/rank/prod.yaml", MANIFEST.formatted("rank-prod", "rank/1", "rank-prod"));
      String base = repo.commit("three models");
      repo.file("models/churn/prod.yaml", MANIFEST.formatted("churn-prod", "churn/2", "churn-prod"))
          .file("models/search/prod.yaml", MANIFEST.formatted("search-prod", "search/1", "search-prod"))
          .delete("models/fraud/prod.yaml");
      String head = repo.commit("bump churn, add search, remove fraud");

      CommandLineRun run = CommandLineRun.of("plan", "--offline", "--format", "matrix", "--base", base,
          "--repo", dir.toString());

      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode json = run.json();
      assertThat(json.get("base").asText()).isEqualTo(base);
      assertThat(json.get("head").asText()).isEqualTo(head);
      assertThat(json.get("manifests").findValuesAsText("path"))
          .containsExactly("models/churn/prod.yaml", "models/search/prod.yaml");
      assertThat(json.get("buildList").findValuesAsText("MANIFESTS"))
          .containsExactly("models/churn/prod.yaml", "models/search/prod.yaml");
    }
  }

  private static ResolvedCommit commit(String id) {
    return new ResolvedCommit(id, "message", "Dana", "dana@example.com", Instant.parse("2026-11-02T09:00:00Z"),
        List.of());
  }

  private static ModelPlan model(String path, String name, ChangeKind kind, List<ManifestProblem> problems) {
    return new ModelPlan(path, name, kind, null, null, null, Map.of(), Map.of(), List.of(), List.of(), problems);
  }
}
