package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.testkit.GitCli;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code deploy} with {@code spec.endpoint.smokeTest}: exit 5, the located message, the revert, the record. */
class DeploySmokeTestCommandTest extends LocalWorldTest {

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  /** The serving manifest with a smoke test whose answers must lie within {@code min..max}. */
  private static String withSmokeTest(String modelPackage, String min, String max) {
    return Churn.serving(modelPackage, "").replace("    deployment: {strategy",
        "    smokeTest:\n"
            + "      requests:\n"
            + "        - name: typical-customer\n"
            + "          contentType: text/csv\n"
            + "          body: \"0.5,1.5\"\n"
            + "          expect: {status: 200, values: {min: " + min + ", max: " + max + "}}\n"
            + "    deployment: {strategy");
  }

  @Test
  void deploy_whenSmokeTestPasses_exitsZeroAndListsTheRequestsInTheResultAndRecord() throws Exception {
    world.commit(Churn.PATH, withSmokeTest("churn/1", "0", "1"), "Serve churn 1 with a smoke test");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().at("/result/smokeTests/0/passed").asBoolean()).isTrue();
    assertThat(run.json().at("/result/smokeTests/0/invokedVariant").asText()).isEqualTo("AllTraffic");
    JsonNode record = new ObjectMapper().readTree(Path.of(run.json().get("record").asText()).toFile());
    assertThat(record.at("/result/smokeTests/0/name").asText()).isEqualTo("typical-customer");
    assertThat(record.toString()).doesNotContain("0.5,1.5");
  }

  @Test
  void deploy_whenSmokeTestFailsAfterAnUpdate_exitsFiveRollsBackAndWritesTheRevert() throws Exception {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Deploy churn/1");
    CommandLineRun first = world.run("deploy", "--json", Churn.PATH);
    assertThat(first.exitCode()).as(first.err()).isZero();
    String bump = world.commit(Churn.PATH, withSmokeTest("churn/2", "2", "3"), "Bump churn to 2");

    CommandLineRun run = world.run("deploy", "--json", "--revert-branch", "revert/churn-prod", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
    JsonNode json = run.json();
    assertThat(json.at("/failure/kind").asText()).isEqualTo("SMOKE_TEST_FAILED");
    assertThat(json.at("/failure/message").asText()).containsPattern(Churn.PATH
        + ":\\d+: 'typical-customer' to variant AllTraffic, inline body of 7 bytes: expected every number from 2 to 3,"
        + " got 0\\.\\d+").contains("was rolled back to " + first.json().at("/result/endpointConfigName").asText());
    assertThat(json.at("/revert/written").asBoolean()).isTrue();
    assertThat(json.at("/revert/reverts").asText()).isEqualTo(bump);
    assertThat(GitCli.run(world.repository(), "show", "revert/churn-prod:" + Churn.PATH)).contains("package: churn/1");
    JsonNode record = new ObjectMapper().readTree(Path.of(json.get("record").asText()).toFile());
    assertThat(record.at("/failure/kind").asText()).isEqualTo("SMOKE_TEST_FAILED");
    assertThat(record.at("/result/smokeTests/0/passed").asBoolean()).isFalse();
    assertThat(record.toString()).doesNotContain("0.5,1.5");
  }
}
