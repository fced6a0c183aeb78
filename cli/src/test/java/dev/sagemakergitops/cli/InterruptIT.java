package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C and SIGTERM while a deploy waits: the packaged command line in its own process (signals
 * reach only a process), started by the launcher {@code target/sagemaker-gitops} as users start it
 * (the jar, its class-data-sharing archive, the launcher's JVM options), against the local control
 * plane of this test, whose clock stands still so the endpoint stays Creating until the signal
 * comes; then the same command in-process resumes. In the integration phase: it needs the packaged
 * jar, and each case starts a JVM of its own.
 */
@IntegrationPhase
class InterruptIT extends LocalWorldTest {
  private static final long TIMEOUT_SECONDS = 120;
  private static final Path LAUNCHER = Path.of("target", "sagemaker-gitops").toAbsolutePath();

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
  }

  @Test
  void deploy_whenTerminated_printsOneLineAndTheSameCommandResumes() throws Exception {
    Finished killed = killWhileWaiting("TERM", "deploy");

    assertThat(killed.errLines()).filteredOn(l -> l.startsWith("interrupted: ")).singleElement().satisfies(line ->
        assertThat(line).startsWith("interrupted: safeDeploy churn-prod stops waiting, SageMaker goes on")
            .contains("run the same command again to resume (state: "));
    assertThat(killed.stateFiles()).hasSize(1);

    CommandLineRun resumed = world.run("deploy", "--state-dir", directory.resolve("state").toString(), Churn.PATH);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming safeDeploy from its saved state");
    assertThat(world.calls().count("CreateEndpoint")).isZero();
  }

  @Test
  void deploy_whenInterruptedWithJson_printsTheLineAndOneInterruptedDocument() throws Exception {
    Finished killed = killWhileWaiting("INT", "deploy", "--json");

    assertThat(killed.errLines()).filteredOn(l -> l.startsWith("interrupted: ")).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(killed.out());
    assertThat(json.get("outcome").asText()).isEqualTo("interrupted");
    assertThat(json.at("/failure/kind").asText()).isEqualTo("INTERRUPTED");
    assertThat(json.get("state").asText()).isEqualTo(killed.stateFiles().get(0).toString());
  }

  /** Starts the command in its own JVM, waits until it waits for the new endpoint, sends {@code signal}. */
  private Finished killWhileWaiting(String signal, String... args) throws Exception {
    Path state = directory.resolve("state");
    // The launcher `mvn package` installs next to the jar, as the README runs it: its shell execs the
    // JVM, so the process the signal goes to is the command line's JVM.
    assertThat(LAUNCHER).as("the launcher `mvn package` makes").isExecutable();
    List<String> command = new java.util.ArrayList<>(List.of("env", "--default-signal=INT", LAUNCHER.toString()));
    command.addAll(List.of(args).subList(0, 1));
    command.addAll(List.of("--repo", world.repository().toString(), "--endpoint-url",
        world.local().endpoint().toString(), "--region", LocalWorld.REGION, "--state-dir", state.toString()));
    command.addAll(List.of(args).subList(1, args.length));
    command.add(Churn.PATH);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    builder.environment().remove("AWS_ENDPOINT_URL");
    Process process = builder.start();
    process.getOutputStream().close();
    List<String> err = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> errDone = CompletableFuture.runAsync(() -> lines(process, err));
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    // Text mode prints progress on standard output, JSON mode on standard error: the endpoint being
    // created shows in the control plane itself either way.
    while (!creating() && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(process.isAlive()).as("still waiting: " + err).isTrue();
    // The state is saved after the poll that created the endpoint; give that poll its moment.
    while (stateFiles(state).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("ended after SIG" + signal).isTrue();
    errDone.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    world.calls().clear();
    return new Finished(process.exitValue(), out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), err, stateFiles(state));
  }

  private boolean creating() {
    try {
      world.sageMaker().describeEndpoint(r -> r.endpointName(Churn.NAME));
      return true;
    } catch (software.amazon.awssdk.services.sagemaker.model.SageMakerException notYet) {
      return false;
    }
  }

  private static List<Path> stateFiles(Path state) {
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (var files = Files.list(state)) {
      return files.filter(f -> f.toString().endsWith(".json")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void lines(Process process, List<String> into) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        into.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Finished(int exitCode, String out, List<String> errLines, List<Path> stateFiles) {}
}
