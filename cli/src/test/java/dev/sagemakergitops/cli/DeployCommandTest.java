package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** deploy, status and explain on one endpoint, through a canary that bakes, a rollback and its revert. */
@IntegrationPhase
class DeployCommandTest extends LocalWorldTest {
  static final String ALARM = Churn.ALARM;

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  private String deployed(String modelPackage) {
    String commit = world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Deploy " + modelPackage);
    CommandLineRun run = world.run("deploy", Churn.PATH);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return commit;
  }

  @Test
  void deploy_whenEndpointIsNew_createsAndVerifiesIt() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("operation").asText()).isEqualTo("safeDeploy");
    assertThat(json.at("/result/endpointName").asText()).isEqualTo("churn-prod");
    assertThat(json.at("/result/change").asText()).isEqualTo("CREATED");
    assertThat(json.at("/result/endpointConfigName").asText()).matches("churn-prod-[0-9a-f]{12}");
    assertThat(world.sageMaker().describeEndpoint(r -> r.endpointName("churn-prod")).endpointStatusAsString())
        .isEqualTo("InService");
  }

  @Test
  void deploy_whenTheRecordCannotBeWritten_stillSucceedsWithAWarningAndNoRecord() throws Exception {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    Path notAFolder = world.repository().resolve("records.txt");
    Files.writeString(notAFolder, "a file where the record folder should be");

    CommandLineRun json = world.run("deploy", "--json", "--record-dir", notAFolder.toString(), Churn.PATH);

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.json().get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.json().get("record").isNull()).isTrue();
    assertThat(json.json().at("/warnings/0").asText()).startsWith("the deployment record was not written: ");

    CommandLineRun text = world.run("deploy", "--record-dir", notAFolder.toString(), Churn.PATH);
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.err()).startsWith("warning: the deployment record was not written: ");
  }

  @Test
  void deploy_whenEndpointIsNew_recordsTheModelConfigurationAndEndpointItCreated() throws Exception {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");

    CommandLineRun first = world.run("deploy", "--json", Churn.PATH);
    CommandLineRun again = world.run("deploy", "--json", Churn.PATH);

    JsonNode created = new ObjectMapper().readTree(Path.of(first.json().get("record").asText()).toFile());
    assertThat(created.get("resources")).extracting(r -> r.get("kind").asText() + " " + r.get("action").asText())
        .containsExactly("model created", "endpoint-config created", "endpoint created");
    assertThat(created.at("/resources/0/name").asText()).isEqualTo(first.json().at("/result/modelName").asText());
    JsonNode reused = new ObjectMapper().readTree(Path.of(again.json().get("record").asText()).toFile());
    assertThat(reused.get("resources")).extracting(r -> r.get("kind").asText() + " " + r.get("action").asText())
        .containsExactly("model reused", "endpoint-config reused", "endpoint reused");
    assertThat(reused.get("runId").asText()).isNotEqualTo(created.get("runId").asText());
  }

  @Test
  void deploy_whenRolledBack_recordsTheConfigurationItCreatedAndTheEndpointItUpdated() throws Exception {
    deployed("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, ALARM, 1);

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    JsonNode record = new ObjectMapper().readTree(Path.of(run.json().get("record").asText()).toFile());
    assertThat(record.get("outcome").asText()).isEqualTo("rolledBack");
    assertThat(record.get("resources")).extracting(r -> r.get("kind").asText() + " " + r.get("action").asText())
        .containsExactly("model created", "endpoint-config created", "endpoint updated");
  }

  @Test
  void deploy_whenCanaryBakes_printsTheTrafficStepAndTheBakeTimeLeft() {
    deployed("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");

    CommandLineRun run = world.run("deploy", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^2026-11-02T\\d\\d:\\d\\d:\\d\\dZ safeDeploy churn-prod  .* s of bake left")
        .contains("safeDeploy churn-prod: succeeded", "  change: UPDATED");
    assertThat(world.calls().count("UpdateEndpoint")).isEqualTo(1);
  }

  @Test
  void deploy_whenAlarmTrips_exitsThreeWritesTheRevertWhichThenChangesNothing() {
    String good = deployed("churn/1");
    String bump = world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, ALARM, 1);

    CommandLineRun run = world.run("deploy", "--json", "--revert-branch", "revert/churn-prod", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    JsonNode json = run.json();
    assertThat(json.get("outcome").asText()).isEqualTo("failed");
    assertThat(json.at("/failure/kind").asText()).isEqualTo("ROLLED_BACK");
    assertThat(json.at("/failure/alarms/0").asText()).isEqualTo(ALARM);
    assertThat(json.at("/revert/written").asBoolean()).isTrue();
    assertThat(json.at("/revert/reverts").asText()).isEqualTo(bump);
    Path repo = world.repository();
    assertThat(GitCli.runLine(repo, "log", "-1", "--format=%s", "revert/churn-prod"))
        .isEqualTo("Revert \"Bump churn to 2\"");
    assertThat(GitCli.run(repo, "show", "revert/churn-prod:" + Churn.PATH)).contains("package: churn/1");

    CommandLineRun status = world.run("status", "--json");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.json().at("/endpoints/0/state").asText()).isEqualTo("ROLLED_BACK");
    assertThat(status.json().at("/endpoints/0/offendingCommit").asText()).isEqualTo(bump);

    GitCli.run(repo, "merge", "--ff-only", "revert/churn-prod");
    world.calls().clear();
    CommandLineRun revert = world.run("deploy", "--json", Churn.PATH);

    // SageMaker already rolled the endpoint back to churn/1's configuration: the revert finds it live.
    assertThat(revert.exitCode()).as(revert.err()).isZero();
    assertThat(revert.json().at("/result/change").asText()).isEqualTo("UNCHANGED");
    assertThat(revert.json().at("/result/endpointConfigName").asText())
        .isEqualTo(status.json().at("/endpoints/0/liveConfig").asText());
    assertThat(world.calls().mutating()).doesNotContain("CreateModel", "CreateEndpointConfig", "UpdateEndpoint");
    CommandLineRun inSync = world.run("status");
    assertThat(inSync.exitCode()).isZero();
    assertThat(inSync.out()).startsWith("churn-prod (models/churn/prod.yaml): IN_SYNC");
    // The live configuration is the one made at the first deploy, and its lineage says so.
    assertThat(world.runAws("explain", "--json", "churn-prod").json().at("/lineage/commit").asText()).isEqualTo(good);
  }

  @Test
  void deploy_whenAlarmTripsWithoutJson_saysRolledBackNamingTheAlarmOnStderr() {
    deployed("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, ALARM, 1);

    CommandLineRun run = world.run("deploy", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).startsWith("error: safeDeploy churn-prod rolled back: ").contains("alarms in ALARM: " + ALARM);
  }

  @Test
  void deploy_whenPackageIsNotRegistered_exitsTwoAtThePackageLineAndCreatesNothing() {
    world.commit(Churn.PATH, Churn.serving("churn/9", ""), "Serve a version that does not exist");

    CommandLineRun run = world.run("deploy", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("models/churn/prod.yaml:22:").contains("spec.model.package");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void status_whenEndpointServesAnotherConfig_isOutOfSyncAndFailsOnlyWithFailOnDrift() {
    deployed("churn/1");
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");

    CommandLineRun status = world.run("status");
    CommandLineRun strict = world.run("status", "--fail-on-drift", "--json");

    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).startsWith("churn-prod (models/churn/prod.yaml): OUT_OF_SYNC: ");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.json().get("inSync").asBoolean()).isFalse();
  }

  @Test
  void status_whenRolledBack_writesTheRevertBranchItself() {
    deployed("churn/1");
    String bump = world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, ALARM, 1);
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isEqualTo(3);

    CommandLineRun status = world.run("status", "--write-revert-branch", "revert/churn");

    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.out()).contains("ROLLED_BACK").contains("  revert: branch: revert/churn, written: true, reverts: "
        + bump);
    assertThat(GitCli.runLine(world.repository(), "rev-parse", "revert/churn~1")).isEqualTo(bump);
  }

  @Test
  void explain_afterDeploy_namesTheCommitAndManifestTheEndpointRuns() {
    String commit = deployed("churn/1");

    world.calls().clear();

    CommandLineRun text = world.runAws("explain", "churn-prod");
    CommandLineRun json = world.runAws("explain", "--json", "churn-prod");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains(commit).contains(Churn.PATH);
    assertThat(json.json().at("/lineage/commit").asText()).isEqualTo(commit);
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void explain_whenEndpointDoesNotExist_exitsTwo() {
    CommandLineRun run = world.runAws("explain", "no-such-endpoint");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: endpoint 'no-such-endpoint' not found in us-east-1");
  }
}
