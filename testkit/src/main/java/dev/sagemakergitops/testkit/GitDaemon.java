package dev.sagemakergitops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Git's own server, {@code git daemon}, on loopback, serving the bare repositories under a folder
 * over {@code git://} with pushes allowed ({@code --enable=receive-pack}): a real counterpart for
 * the project's pushes, checked afterwards with {@code git --git-dir ... log} ({@link #bareRepository}).
 *
 * <p>The daemon runs with git's isolated environment ({@link GitCli}'s rules: no system or user
 * configuration) and is stopped by {@link #close()}.
 */
public final class GitDaemon implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path root;
  private final int port;
  private final Process process;

  private GitDaemon(Path root, int port, Process process) {
    this.root = root;
    this.port = port;
    this.process = process;
  }

  /** Starts a daemon serving every repository under {@code root} (pushes included). */
  public static GitDaemon serving(Path root) {
    int port = freePort();
    try {
      Process process = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--export-all",
          "--enable=receive-pack", "--informative-errors", "--listen=127.0.0.1", "--port=" + port,
          "--base-path=" + root.toAbsolutePath(), root.toAbsolutePath().toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      GitDaemon daemon = new GitDaemon(root, port, process);
      daemon.awaitListening();
      return daemon;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start git daemon on " + root, e);
    }
  }

  /** Creates an empty bare repository {@code name} under the served folder (as {@code git init --bare}). */
  public Path bareRepository(String name) {
    return createBare(root, name);
  }

  /** The {@code git://} URL of repository {@code name}. */
  public String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name;
  }

  static Path createBare(Path root, String name) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    GitCli.run(dir, "init", "--bare", "--quiet");
    return dir;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private void awaitListening() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("git daemon exited with " + process.exitValue() + " before listening");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    close();
    throw new IllegalStateException("git daemon did not listen on port " + port + " within " + START_TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for git daemon", e);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
