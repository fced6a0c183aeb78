package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI ({@code aws}) against a local control plane, for tests: botocore parses our
 * answers strictly, so a malformed answer fails the command. Every call runs
 * {@code aws --endpoint-url <endpoint> --region us-east-1 --output json <arguments>} in a hermetic
 * environment: every inherited {@code AWS_*} variable is dropped, the credentials are
 * {@code local}/{@code local}, {@code AWS_PAGER} is empty, and {@code AWS_CONFIG_FILE} and
 * {@code AWS_SHARED_CREDENTIALS_FILE} point at empty files, so no profile of the machine leaks in.
 *
 * <p>The CLI is part of the build machine: when {@code aws} is not on the {@code PATH} the call
 * fails (an {@link AssertionError} saying how to install it), it is never skipped. When that {@code
 * aws} is a Python script (pip's and Debian's are), the calls of a test JVM run it in one kept
 * interpreter ({@link AwsCliInterpreter}: the same script and botocore, about 0.3 s of CPU a call);
 * otherwise each call starts an {@code aws} process (about 1 s of CPU).
 */
public final class AwsCli {
  public static final String REGION = "us-east-1";

  private final URI endpoint;
  private final Path workDirectory;
  private final List<String> prefix;
  private final Map<String, String> environment;

  private AwsCli(URI endpoint, Path workDirectory, List<String> prefix, Map<String, String> environment) {
    this.endpoint = endpoint;
    this.workDirectory = workDirectory;
    this.prefix = List.copyOf(prefix);
    this.environment = Map.copyOf(environment);
  }

  /**
   * A CLI for {@code endpoint} that keeps its empty config and credentials files (and the files of
   * {@link #file}) in {@code workDirectory}, typically a JUnit {@code @TempDir}.
   */
  public static AwsCli against(URI endpoint, Path workDirectory) {
    try {
      Path config = workDirectory.resolve("aws-config");
      Path credentials = workDirectory.resolve("aws-credentials");
      if (!Files.exists(config)) {
        Files.writeString(config, "");
      }
      if (!Files.exists(credentials)) {
        Files.writeString(credentials, "");
      }
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("AWS_ACCESS_KEY_ID", "local");
      environment.put("AWS_SECRET_ACCESS_KEY", "local");
      environment.put("AWS_DEFAULT_REGION", REGION);
      environment.put("AWS_PAGER", "");
      environment.put("AWS_CONFIG_FILE", config.toString());
      environment.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
      return new AwsCli(endpoint, workDirectory, List.of(), environment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same CLI with {@code arguments} put before every call's own (for example a service name). */
  public AwsCli withPrefix(String... arguments) {
    List<String> longer = new ArrayList<>(prefix);
    longer.addAll(List.of(arguments));
    return new AwsCli(endpoint, workDirectory, longer, environment);
  }

  /** The same CLI with one more environment variable (for example {@code AWS_DATA_PATH}). */
  public AwsCli withEnvironment(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(environment);
    more.put(name, value);
    return new AwsCli(endpoint, workDirectory, prefix, more);
  }

  /** What one call did. */
  public record Result(List<String> command, int exit, String out, String err) {
    /** The standard output as JSON; an empty output (commands that answer nothing) is {@code {}}. */
    public JsonNode json() {
      if (out.isBlank()) {
        return Json.object();
      }
      try {
        return Json.MAPPER.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("`aws` printed no JSON for " + command + ":\n" + out, e);
      }
    }
  }

  /** Runs one call and answers what it did, whatever its exit status. */
  public Result run(String... arguments) {
    List<String> command = command(arguments);
    return AwsCliInterpreter.run(command, environment, workDirectory).orElseGet(() -> runProcess(command));
  }

  /** Runs one call as an {@code aws} process of its own, what {@link #run} does without a kept interpreter. */
  Result runProcess(String... arguments) {
    return runProcess(command(arguments));
  }

  private List<String> command(String... arguments) {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(),
        "--region", REGION, "--output", "json"));
    command.addAll(prefix);
    command.addAll(List.of(arguments));
    return command;
  }

  private Result runProcess(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("the AWS CLI `aws` cannot be run (" + e.getMessage() + "); the conformance "
          + "tests need it on the PATH: pip install awscli (or apt-get install awscli)", e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("`aws` finished: %s", command).isTrue();
      return new Result(command, process.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while `aws` ran: " + command, e);
    } finally {
      process.destroy();
    }
  }

  /** Runs one call that must succeed (exit 0) and answers its parsed JSON output. */
  public JsonNode json(String... arguments) {
    Result result = run(arguments);
    assertThat(result.exit()).as("exit status of %s; stderr:%n%s", result.command(), result.err()).isZero();
    return result.json();
  }

  /** Runs one call that must fail and answers its standard error (where the CLI prints the AWS error). */
  public String failure(String... arguments) {
    Result result = run(arguments);
    assertThat(result.exit()).as("exit status of %s; stdout:%n%s", result.command(), result.out()).isNotZero();
    return result.err();
  }

  /** A file in the work directory, written with {@code content}: for {@code --body} and the like. */
  public Path file(String name, byte[] content) {
    try {
      Path path = workDirectory.resolve(name);
      Files.createDirectories(path.getParent());
      Files.write(path, content);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path in the work directory for the CLI to write to (for example get-object's outfile). */
  public Path path(String name) {
    return workDirectory.resolve(name);
  }

  /** The CLI v1 prints timestamps as it parsed them: epoch seconds (a number) or ISO-8601 text. */
  public static long epochSeconds(JsonNode timestamp) {
    if (timestamp.isNumber()) {
      return timestamp.asLong();
    }
    assertThat(timestamp.isTextual()).as("a timestamp: %s", timestamp).isTrue();
    return java.time.OffsetDateTime.parse(timestamp.asText()).toEpochSecond();
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
