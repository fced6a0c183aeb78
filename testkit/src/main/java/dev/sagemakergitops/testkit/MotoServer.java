package dev.sagemakergitops.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code moto_server} child process on a free loopback port: the independent AWS emulator the
 * tests run the real AWS SDK against.
 *
 * <p>moto serves every service on one port and tells them apart by the request (signing name,
 * {@code X-Amz-Target}, form {@code Action}), so a single {@link #endpoint()} is the endpoint
 * override for ECR, SageMaker, CloudWatch and STS alike. Its state lives in the process; {@link
 * #reset()} empties it.
 *
 * <p>The executable is taken from the environment variable {@value #EXECUTABLE_VARIABLE} when set,
 * otherwise from {@code PATH}. When it cannot be found, {@link #start()} throws with the command that
 * installs it: a test suite that silently skipped its emulator tests would pass while testing nothing.
 */
public final class MotoServer implements AutoCloseable {

  /** Names the {@code moto_server} executable to run, overriding the search of {@code PATH}. */
  public static final String EXECUTABLE_VARIABLE = "MOTO_SERVER";

  static final String NOT_FOUND_MESSAGE =
      "moto_server not found on PATH; install it with: pip install 'moto[server]'"
          + " (or point the environment variable " + EXECUTABLE_VARIABLE + " at the executable)";

  /** A cold moto start takes about 0.6 s; 30 s leaves room for a loaded CI machine. */
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  /** A port picked free can be taken before moto binds it; a few tries make that race harmless. */
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final Duration startupTime;
  private final HttpClient http;

  private MotoServer(Process process, URI endpoint, Path log, Duration startupTime, HttpClient http) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.startupTime = startupTime;
    this.http = http;
  }

  /** Starts moto with the executable found by {@link #locateExecutable(Map)} and waits up to 30 s for it. */
  public static MotoServer start() {
    Path executable = locateExecutable(System.getenv())
        .orElseThrow(() -> new IllegalStateException(NOT_FOUND_MESSAGE));
    return start(executable, DEFAULT_STARTUP_TIMEOUT);
  }

  /**
   * Starts {@code executable -H 127.0.0.1 -p <free port>} and returns once it answers HTTP.
   *
   * @throws IllegalStateException when it exits or stays silent past {@code startupTimeout}; the
   *     message carries the end of moto's own output
   */
  public static MotoServer start(Path executable, Duration startupTimeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(executable, startupTimeout, http);
      } catch (PortTakenException e) {
        failure = e;
      }
    }
    throw failure;
  }

  private static MotoServer startOnce(Path executable, Duration startupTimeout, HttpClient http) {
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path log;
    try {
      log = Files.createTempFile("moto-server-" + port + "-", ".log");
      // Kept while the run lasts, for a failing test to be diagnosed; gone with the JVM.
      log.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file for moto_server", e);
    }
    // Output goes to a file, never to a pipe nobody drains: a full pipe would block moto mid-request.
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage() + "; " + NOT_FOUND_MESSAGE, e);
    }
    MotoServer server = new MotoServer(process, endpoint, log, Duration.ZERO, http);
    long deadline = started + startupTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = tail(log);
        if (output.contains("Address already in use")) {
          throw new PortTakenException(output);
        }
        throw new IllegalStateException("moto_server exited with status " + process.exitValue()
            + " before answering on " + endpoint + "; its output:\n" + output);
      }
      if (server.answers()) {
        return new MotoServer(process, endpoint, log, Duration.ofNanos(System.nanoTime() - started), http);
      }
      sleep(POLL_INTERVAL);
    }
    server.close();
    throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + startupTimeout
        + "; its output:\n" + tail(log));
  }

  /**
   * Where the executable is: {@value #EXECUTABLE_VARIABLE} if set (it must then exist), else the first
   * executable {@code moto_server} on {@code PATH}.
   */
  public static Optional<Path> locateExecutable(Map<String, String> environment) {
    String explicit = environment.get(EXECUTABLE_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      return Files.isExecutable(path) && !Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
    String searchPath = environment.getOrDefault("PATH", "");
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      for (String name : List.of("moto_server", "moto_server.exe")) {
        Path candidate = Path.of(directory, name);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override for every AWS service moto serves. */
  public URI endpoint() {
    return endpoint;
  }

  /** How long the process took from start to its first HTTP answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** moto's own output (request log and tracebacks), for diagnosing a failing test. */
  public Path log() {
    return log;
  }

  /** Forgets every resource in every service and region ({@code POST /moto-api/reset}). */
  public void reset() {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto_server refused the reset with HTTP " + response.statusCode()
            + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto_server at " + endpoint + " did not answer the reset", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto_server", e);
    }
  }

  /** True while the process lives. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops moto and anything it started; waits briefly, then kills. */
  @Override
  public void close() {
    // Descendants first: a launcher script may have started the Python process as a child.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint + (process.isAlive() ? "" : ", stopped") + "]";
  }

  private boolean answers() {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
        .timeout(Duration.ofSeconds(2))
        .GET()
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for moto_server", e);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }

  /** moto lost the race for the port it was given; another port is tried. */
  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(String output) {
      super("the port picked for moto_server was taken before it could bind; its output:\n" + output);
    }
  }
}
