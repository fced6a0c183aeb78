package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command asked for JSON prints one JSON document with {@code outcome} and
 * {@code failure.kind} on every path after its options are parsed: wrong refs and paths, names
 * that do not exist, AWS out of reach, a state folder that cannot be written. Run through the real
 * command line against the local control plane.
 */
class JsonFailureTest extends LocalWorldTest {
  private String unreachable;

  @BeforeEach
  void setUp() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    try (ServerSocket socket = new ServerSocket(0)) {
      // Nothing listens here once the socket is closed: every connection is refused at once.
      unreachable = "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void operations_whenTheRefDoesNotExist_printOneRefusedDocument() {
    for (String command : List.of("deploy", "train", "register", "shadow", "transform")) {
      CommandLineRun run = world.run(command, "--json", "--ref", "no-such-branch", Churn.PATH);

      assertFailure(run, command, 2, "refused", "INVALID_INPUT");
      assertThat(run.json().at("/failure/message").asText()).contains("no-such-branch");
    }
  }

  @Test
  void readers_whenTheRefDoesNotExist_printOneRefusedDocument() {
    assertFailure(world.run("status", "--json", "--ref", "no-such-branch"), "status", 2, "refused", "INVALID_INPUT");
    assertFailure(world.run("sync", "--json", "--ref", "no-such-branch"), "sync", 2, "refused", "INVALID_INPUT");
    assertFailure(world.run("validate", "--format", "json", "--ref", "no-such-branch"), "validate", 2, "refused",
        "INVALID_INPUT");
    assertFailure(world.run("plan", "--json", "--base", "no-such-branch"), "plan", 2, "refused", "INVALID_INPUT");
    assertFailure(world.runWithoutAws("bump", "--json", "--to", "churn/2", "--branch", "bump/churn", "--ref",
        "no-such-branch", Churn.PATH), "bump", 2, "refused", "INVALID_INPUT");
  }

  @Test
  void commands_whenTheNamedThingDoesNotExist_printOneRefusedDocument() {
    assertFailure(world.runAws("explain", "--json", "no-such-endpoint"), "explain", 2, "refused", "INVALID_INPUT");
    assertFailure(world.run("deploy", "--json", "models/none.yaml"), "deploy", 2, "refused", "INVALID_INPUT");
    assertFailure(world.runWithoutAws("bump", "--json", "--to", "not a version", "--branch", "b", Churn.PATH), "bump",
        2, "refused", "INVALID_INPUT");
  }

  @Test
  void commands_whenAwsIsUnreachable_printOneFailedDocumentSayingSo() {
    for (String[] args : List.of(new String[] {"deploy", "--json", Churn.PATH},
        new String[] {"status", "--json"}, new String[] {"sync", "--json"},
        new String[] {"validate", "--json"})) {
      CommandLineRun run = unreachable(args);

      assertFailure(run, args[0], 1, "failed", "AWS_UNREACHABLE");
    }
    CommandLineRun explain = CommandLineRun.of(world.runtime(), "explain", "--json", "--endpoint-url", unreachable,
        "--region", LocalWorld.REGION, "churn-prod");
    assertFailure(explain, "explain", 1, "failed", "AWS_UNREACHABLE");
  }

  @Test
  void plan_whenEcrIsUnreachable_exitsOneWithAnErrorNotAManifestProblem() {
    String base = world.commit("README.md", "models\n", "Docs");
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");

    CommandLineRun json = unreachable("plan", "--json", "--base", base);
    CommandLineRun text = unreachable("plan", "--base", base);

    assertFailure(json, "plan", 1, "failed", "AWS_UNREACHABLE");
    assertThat(json.json().has("blocked")).isFalse();
    assertThat(json.json().has("digestsResolved")).isFalse();
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.err()).startsWith("error: could not look up image tag '1.4.2'");
    assertThat(text.out()).isEmpty();
  }

  @Test
  void deploy_whenTheStateFolderCannotBeWritten_printsOneFailedDocument() throws IOException {
    Path notAFolder = directory.resolve("state-file");
    Files.writeString(notAFolder, "not a folder");
    Churn.twoVersions(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");

    CommandLineRun run = world.run("deploy", "--json", "--state-dir", notAFolder.toString(), Churn.PATH);

    assertFailure(run, "deploy", 1, "failed", "STATE_ERROR");
    assertThat(world.calls().mutating()).isEmpty();
  }

  private CommandLineRun unreachable(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--repo", world.repository().toString(), "--endpoint-url", unreachable, "--region",
        LocalWorld.REGION));
    return CommandLineRun.of(world.runtime(), all.toArray(new String[0]));
  }

  private static void assertFailure(CommandLineRun run, String command, int exitCode, String outcome, String kind) {
    assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(exitCode);
    JsonNode json = run.json();
    assertThat(json.get("command").asText()).as(run.out()).isEqualTo(command);
    assertThat(json.get("outcome").asText()).as(run.out()).isEqualTo(outcome);
    assertThat(json.get("exitCode").asInt()).isEqualTo(exitCode);
    assertThat(json.at("/failure/kind").asText()).as(run.out()).isEqualTo(kind);
    assertThat(json.at("/failure/message").asText()).isNotBlank();
  }
}
