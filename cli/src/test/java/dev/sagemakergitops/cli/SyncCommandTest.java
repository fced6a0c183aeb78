package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationPhase
class SyncCommandTest extends LocalWorldTest {

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  private static List<String> operations(JsonNode sync) {
    List<String> out = new ArrayList<>();
    sync.get("runs").forEach(run -> out.add(run.get("operation").asText() + " " + run.get("outcome").asText()));
    return out;
  }

  private void syncedAt(String modelPackage) {
    world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Serve " + modelPackage);
    CommandLineRun run = world.run("sync");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    world.calls().clear();
  }

  @Test
  void sync_whenNothingIsDeployed_deploysThenRunsTheTransformsAndThenHasNothingToDo() {
    String commit = world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");

    CommandLineRun first = world.run("sync", "--json");
    CommandLineRun second = world.run("sync");

    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode json = first.json();
    assertThat(json.get("command").asText()).isEqualTo("sync");
    assertThat(json.get("commit").asText()).isEqualTo(commit);
    assertThat(json.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.at("/manifests/0/changed").asBoolean()).isTrue();
    assertThat(json.at("/manifests/0/reason").asText()).isEqualTo("endpoint churn-prod does not exist in us-east-1 yet");
    assertThat(operations(json)).containsExactly("safeDeploy succeeded", "batchTransform succeeded");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("sync " + commit.substring(0, 12) + ": 0 of 1 manifest changed")
        .contains("  models/churn/prod.yaml (churn-prod): unchanged: endpoint churn-prod runs commit "
            + commit.substring(0, 12) + ", where the manifest was the same")
        .contains("sync: nothing to run; AWS is in line with " + commit.substring(0, 12));
    assertThat(world.calls().count("CreateEndpoint")).isEqualTo(1);
    assertThat(world.calls().count("CreateTransformJob")).isEqualTo(1);
  }

  @Test
  void sync_whenTheShadowPasses_runsShadowTestDeployAndTransformInThatOrder() {
    syncedAt("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", Churn.SHADOW_TEST), "Bump churn to 2, shadow-tested");

    CommandLineRun run = world.run(world.runtime(world.withTraffic(Churn.NAME, 4)), "sync");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("changed: endpoint churn-prod runs commit ")
        .contains(" -> shadowTest, safeDeploy, batchTransform nightly");
    String out = run.out();
    int shadow = out.indexOf("\nshadowTest churn-prod: succeeded");
    int deploy = out.indexOf(" safeDeploy churn-prod  ");
    int transform = out.indexOf(" batchTransform churn-prod  ");
    assertThat(out.indexOf(" shadowTest churn-prod  ")).isPositive();
    assertThat(shadow).isLessThan(deploy);
    assertThat(deploy).isLessThan(transform);
    assertThat(out).contains("sync: 3 of 3 runs succeeded");
  }

  @Test
  void sync_whenTheShadowGetsNoTraffic_exitsFourAndDeploysNothing() {
    syncedAt("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", Churn.SHADOW_TEST), "Bump churn to 2, shadow-tested");

    CommandLineRun run = world.run("sync", "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    JsonNode json = run.json();
    assertThat(json.get("outcome").asText()).isEqualTo("failed");
    assertThat(json.get("exitCode").asInt()).isEqualTo(4);
    assertThat(operations(json)).containsExactly("shadowTest failed");
    assertThat(json.at("/runs/0/failure/kind").asText()).isEqualTo("REJECTED");
    assertThat(world.calls().count("UpdateEndpoint")).isZero();
    assertThat(world.calls().count("CreateTransformJob")).isZero();
  }

  @Test
  void sync_whenTheDeploymentRollsBack_exitsThreeAndDoesNotDeployTheSameChangeAgain() {
    syncedAt("churn/1");
    String bump = world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);

    CommandLineRun first = world.run("sync", "--json", "--revert-branch", "revert/churn");
    world.calls().clear();
    CommandLineRun second = world.run("sync");

    assertThat(first.exitCode()).isEqualTo(3);
    assertThat(operations(first.json())).containsExactly("safeDeploy failed");
    assertThat(first.json().at("/runs/0/revert/reverts").asText()).isEqualTo(bump);
    assertThat(GitCli.run(world.repository(), "show", "revert/churn:" + Churn.PATH)).contains("package: churn/1");
    assertThat(second.exitCode()).isEqualTo(3);
    assertThat(second.out()).contains(" -> blocked");
    assertThat(second.err()).contains("error: safeDeploy churn-prod rolled back: not deployed again: ");
    assertThat(world.calls().count("UpdateEndpoint")).isZero();
    assertThat(world.calls().count("CreateTransformJob")).isZero();
  }

  @Test
  void sync_whenAManifestHasNoEndpoint_comparesItWithBase() {
    syncedAt("churn/1");
    String scoring = Churn.serving("churn/1", "").replace("name: churn-prod\nspec", "name: churn-scoring\nspec");
    scoring = scoring.substring(0, scoring.indexOf("  endpoint:")) + scoring.substring(scoring.indexOf("  batchTransforms:"));
    world.commit("models/churn/scoring.yaml", scoring, "Add nightly scoring");

    CommandLineRun withoutBase = world.run("sync", "--json");
    CommandLineRun withBase = world.run("sync", "--json", "--base", "HEAD~1");

    assertThat(withoutBase.exitCode()).isZero();
    assertThat(withoutBase.json().at("/manifests/0/path").asText()).isEqualTo("models/churn/prod.yaml");
    assertThat(withoutBase.json().at("/manifests/1/reason").asText())
        .startsWith("the manifest is new since ").endsWith(" (what the endpoints run)");
    assertThat(operations(withoutBase.json())).containsExactly("batchTransform succeeded");
    assertThat(withBase.json().at("/manifests/0/changed").asBoolean()).isFalse();
    assertThat(withBase.json().at("/manifests/1/reason").asText()).isEqualTo("the manifest is new since HEAD~1");
  }

  @Test
  void sync_whenTheProcessDiesDuringTheDeploy_resumesItOnTheNextSync() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    Sleeper dying = duration -> {
      throw new OperationResumeTest.ProcessDeath();
    };

    assertThatThrownBy(() -> world.run(world.runtime(dying), "sync")).isInstanceOf(OperationResumeTest.ProcessDeath.class);
    CommandLineRun resumed = world.run("sync");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("safeDeploy churn-prod  resuming safeDeploy from its saved state");
    assertThat(world.calls().count("CreateEndpoint")).isEqualTo(1);
  }
}
