package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows docs/quickstart.md literally: its command blocks, sections 1 to 5, run in order in one
 * bash shell with the packaged command line and the local control plane the page starts, so the
 * page cannot drift from the tool.
 *
 * <p>What is run: every {@code ```sh} block as it stands, and every {@code $ command} line of a
 * {@code ```text} listing. What is checked: every sh block succeeds; every listed command exits
 * with the listing's {@code [exit N]} (0 when it shows none); every {@code file:line:column:} line
 * a listing shows appears in the real output, so line numbers cannot drift either. Section 6 needs
 * an AWS account and is not run.
 *
 * <p>The only departures from the page, because a test cannot clone or build itself: the line that
 * clones is replaced by {@code cd sagemaker-gitops}, a link to this project (so the build's
 * {@code cli/target} is the one the page puts on {@code PATH}), and the {@code mvn} line is skipped
 * (this runs in the integration phase, after {@code package}). Port 4566 becomes a free port, so
 * the test never meets another control plane on this machine. After a command put in the
 * background ({@code &}) the shell waits until the port answers, as a reader waits for the line
 * that says so.
 */
@IntegrationPhase
class QuickstartIT {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```\\s*$");
  private static final Pattern LOCATED = Pattern.compile("^[\\w./-]+\\.ya?ml:\\d+:\\d+: .*");
  private static final Pattern EXIT = Pattern.compile("^\\[exit (\\d+)]$");
  private static final Pattern STEP_END = Pattern.compile("\\n@@step (\\d+) exit (\\d+)@@\\n");
  private static final long TIMEOUT_MINUTES = 15;

  @TempDir Path workspace;

  @Test
  void quickstart_whenFollowedAsWritten_runsEveryStepWithTheExitCodesAndLocationsItShows() throws Exception {
    Path root = projectRoot();
    assertThat(root.resolve("cli/target/sagemaker-gitops")).as("the launcher `mvn package` makes").isExecutable();
    List<Step> steps = steps(Files.readString(root.resolve("docs/quickstart.md"), StandardCharsets.UTF_8));
    assertThat(steps).extracting(Step::kind).contains(Step.Kind.SCRIPT, Step.Kind.COMMAND);
    Files.createSymbolicLink(workspace.resolve("sagemaker-gitops"), root);
    int port = freePort();

    Path script = workspace.resolve("quickstart.sh");
    Files.writeString(script, script(steps, port), StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(workspace.toFile())
        .redirectErrorStream(true);
    environment(builder.environment());
    Path log = workspace.resolve("quickstart.log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("finished within %d minutes:%n%s", TIMEOUT_MINUTES, output).isTrue();

    List<String> ends = new ArrayList<>();
    Matcher end = STEP_END.matcher(output);
    int from = 0;
    while (end.find()) {
      ends.add(end.group(1));
      Step step = steps.get(Integer.parseInt(end.group(1)));
      String stepOutput = output.substring(from, end.start());
      from = end.end();
      assertThat(Integer.parseInt(end.group(2))).as("exit code of step %s:%n%s%n%s", end.group(1), step.text(),
          stepOutput).isEqualTo(step.expectedExit());
      for (String located : step.locatedLines()) {
        assertThat(stepOutput).as("step %s: %s", end.group(1), step.text()).contains(located);
      }
    }
    assertThat(process.exitValue()).as("the shell ran to the end:%n%s", output).isZero();
    assertThat(ends).as("every step ran").hasSize(steps.size());
  }

  /** The steps of sections 1 to 5, in page order. */
  static List<Step> steps(String page) {
    String runnable = page.substring(0, page.indexOf("\n## 6. "));
    List<Step> steps = new ArrayList<>();
    Matcher block = FENCE.matcher(runnable);
    while (block.find()) {
      String language = block.group(1);
      String body = block.group(2);
      if (language.equals("sh")) {
        steps.add(new Step(Step.Kind.SCRIPT, body, 0, List.of()));
      } else if (language.equals("text")) {
        steps.addAll(commands(body));
      }
    }
    return steps;
  }

  /** The {@code $ } lines of a listing, each with the exit code and located lines its output shows. */
  private static List<Step> commands(String listing) {
    List<Step> steps = new ArrayList<>();
    String command = null;
    int exit = 0;
    List<String> located = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (line.startsWith("$ ")) {
        if (command != null) {
          steps.add(new Step(Step.Kind.COMMAND, command, exit, located));
        }
        command = line.substring(2).replaceFirst("\\s+#.*$", "");
        exit = 0;
        located = new ArrayList<>();
      } else if (command != null) {
        Matcher code = EXIT.matcher(line.trim());
        if (code.matches()) {
          exit = Integer.parseInt(code.group(1));
        } else if (LOCATED.matcher(line).matches()) {
          located.add(line);
        }
      }
    }
    if (command != null) {
      steps.add(new Step(Step.Kind.COMMAND, command, exit, located));
    }
    return steps;
  }

  private static String script(List<Step> steps, int port) {
    StringBuilder out = new StringBuilder();
    out.append("set -e\n");
    out.append("trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT\n");
    out.append("wait_for_port() { for i in $(seq 1 600); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0;"
        + " sleep 0.2; done; echo \"nothing listens on port $1\"; return 1; }\n");
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String text = step.text().replace("4566", Integer.toString(port));
      if (step.kind() == Step.Kind.SCRIPT) {
        for (String line : text.split("\n", -1)) {
          if (line.startsWith("git clone <this repository> sagemaker-gitops && ")) {
            out.append(line.substring(line.indexOf("&& ") + 3)).append('\n');
          } else if (line.startsWith("mvn ")) {
            out.append("# (built by the phases before this test) ").append(line).append('\n');
          } else if (line.matches("sagemaker-gitops local .*&\\s*$")) {
            out.append(line.replaceFirst("&\\s*$", "--port " + port + " &")).append('\n');
            out.append("wait_for_port ").append(port).append('\n');
          } else {
            out.append(line).append('\n');
          }
        }
        out.append("printf '\\n@@step %d exit %d@@\\n' ").append(i).append(" 0\n");
      } else {
        out.append("set +e\n").append(text).append("\nrc=$?\nset -e\n");
        out.append("printf '\\n@@step %d exit %d@@\\n' ").append(i).append(" \"$rc\"\n");
      }
    }
    return out.toString();
  }

  /** A clean environment: no AWS or sagemaker-gitops settings, no git configuration but an identity. */
  private void environment(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SAGEMAKER_GITOPS_")
        || name.startsWith("GIT_"));
    environment.put("HOME", workspace.toString());
    environment.put("XDG_CONFIG_HOME", workspace.toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_AUTHOR_NAME", "Quickstart Reader");
    environment.put("GIT_AUTHOR_EMAIL", "reader@example.com");
    environment.put("GIT_COMMITTER_NAME", "Quickstart Reader");
    environment.put("GIT_COMMITTER_EMAIL", "reader@example.com");
    environment.put("GIT_PAGER", "cat");
    environment.put("PAGER", "cat");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  /** The folder holding docs/quickstart.md and the parent pom, at or above where the test runs. */
  static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/quickstart.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docs/quickstart.md at or above " + Path.of("").toAbsolutePath());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One thing the page tells the reader to run. */
  record Step(Kind kind, String text, int expectedExit, List<String> locatedLines) {
    enum Kind { SCRIPT, COMMAND }
  }
}
