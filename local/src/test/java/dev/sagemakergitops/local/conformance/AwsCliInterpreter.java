package dev.sagemakergitops.local.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Python interpreter that runs the AWS CLI's own {@code aws} script once per call, for {@link
 * AwsCli}: the same script, interpreter, arguments, environment and working directory as an {@code
 * aws} process, without starting a Python and importing botocore every time. A process per call
 * cost about 1 s of CPU on this project's 2-core build machines (0.3 s with the interpreter kept),
 * and the conformance tests make a few hundred calls.
 *
 * <p>The script runs as {@code __main__} in a fresh namespace and builds a new botocore session on
 * each call (see {@code aws-cli-runner.py} beside this class); only imported modules carry over, as
 * they would in a warm CLI. Used only when the {@code aws} found on the {@code PATH} is a Python
 * script (its first line names a Python interpreter); otherwise (a pyenv shim, a frozen binary)
 * {@link AwsCli} starts a process per call as before.
 *
 * <p>Interpreters are kept per test JVM, started on first use and ended when the JVM exits: a call
 * takes an idle one, or starts one when every kept interpreter is busy (test classes run side by
 * side, so there are as many as classes calling at once, one per test thread at most), and gives it
 * back when it answers. Each interpreter takes one call at a time. A call that does not answer in
 * 120 s ends its interpreter and fails the test.
 */
final class AwsCliInterpreter {
  private static final long CALL_TIMEOUT_SECONDS = 120;
  private static final Object LOCK = new Object();
  private static Optional<List<String>> launcher;
  private static final Deque<AwsCliInterpreter> IDLE = new ArrayDeque<>();

  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader answers;

  private AwsCliInterpreter(Process process) {
    this.process = process;
    this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code aws arguments} in the shared interpreter, or answers empty when the {@code aws} on
   * the {@code PATH} is not a Python script it can run.
   */
  static Optional<AwsCli.Result> run(List<String> command, Map<String, String> environment, Path workDirectory) {
    Optional<List<String>> found;
    synchronized (LOCK) {
      if (launcher == null) {
        launcher = launcher(System.getenv("PATH"));
      }
      found = launcher;
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AwsCliInterpreter interpreter = idleOrNew(found.get());
    AwsCli.Result result;
    try {
      result = interpreter.call(command, environment, workDirectory);
    } catch (RuntimeException | AssertionError e) {
      interpreter.process.destroyForcibly();
      throw e;
    }
    synchronized (LOCK) {
      IDLE.push(interpreter);
    }
    return Optional.of(result);
  }

  private static AwsCliInterpreter idleOrNew(List<String> launcher) {
    synchronized (LOCK) {
      while (!IDLE.isEmpty()) {
        AwsCliInterpreter idle = IDLE.pop();
        if (idle.process.isAlive()) {
          return idle;
        }
      }
    }
    return start(launcher);
  }

  /**
   * The command that starts the runner for the {@code aws} found first on {@code searchPath}: its
   * {@code #!} line's interpreter (with that line's arguments), {@code -c} and the runner's text,
   * then the script's path; empty when the script's first line names no Python.
   */
  static Optional<List<String>> launcher(String searchPath) {
    Optional<Path> script = onPath("aws", searchPath == null ? "" : searchPath);
    if (script.isEmpty()) {
      return Optional.empty();
    }
    String firstLine;
    try (BufferedReader reader = Files.newBufferedReader(script.get(), StandardCharsets.ISO_8859_1)) {
      firstLine = Optional.ofNullable(reader.readLine()).orElse("");
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!firstLine.startsWith("#!")) {
      return Optional.empty();
    }
    List<String> interpreter = List.of(firstLine.substring(2).trim().split("\\s+"));
    boolean python = interpreter.stream().map(word -> Path.of(word).getFileName())
        .anyMatch(name -> name != null && name.toString().startsWith("python"));
    if (!python) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(interpreter);
    command.addAll(List.of("-c", runnerText(), script.get().toString()));
    return Optional.of(command);
  }

  private static Optional<Path> onPath(String name, String searchPath) {
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String runnerText() {
    try (InputStream in = AwsCliInterpreter.class.getResourceAsStream("aws-cli-runner.py")) {
      if (in == null) {
        throw new IllegalStateException("aws-cli-runner.py is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AwsCliInterpreter start(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    try {
      AwsCliInterpreter interpreter = new AwsCliInterpreter(builder.start());
      Runtime.getRuntime().addShutdownHook(new Thread(interpreter::stop));
      return interpreter;
    } catch (IOException e) {
      throw new AssertionError("the AWS CLI's Python `" + command.get(0) + "` cannot be run (" + e.getMessage()
          + "); the conformance tests need the AWS CLI: pip install awscli (or apt-get install awscli)", e);
    }
  }

  /** Ends the interpreter (its standard input closed ends its loop) and waits, so its CPU time is counted. */
  private void stop() {
    try {
      requests.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private AwsCli.Result call(List<String> command, Map<String, String> environment, Path workDirectory) {
    ObjectNode request = Json.object();
    // command.get(0) is "aws" itself: the runner puts the script's path in its place, as a process would.
    request.set("argv", Json.MAPPER.valueToTree(command.subList(1, command.size())));
    request.set("env", Json.MAPPER.valueToTree(environment));
    request.put("cwd", workDirectory.toAbsolutePath().toString());
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
      try {
        requests.write(Json.MAPPER.writeValueAsString(request));
        requests.newLine();
        requests.flush();
        return answers.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    String line;
    try {
      line = answer.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("`aws` did not finish in " + CALL_TIMEOUT_SECONDS + " s: " + command, e);
    } catch (ExecutionException e) {
      throw new AssertionError("the AWS CLI's interpreter failed during " + command, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while `aws` ran: " + command, e);
    }
    if (line == null) {
      throw new AssertionError("the AWS CLI's interpreter ended during " + command);
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(line);
      return new AwsCli.Result(command, parsed.get("exit").asInt(), decode(parsed.get("out")), decode(parsed.get("err")));
    } catch (IOException e) {
      throw new AssertionError("the AWS CLI's interpreter answered no JSON for " + command + ": " + line, e);
    }
  }

  private static String decode(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }
}
