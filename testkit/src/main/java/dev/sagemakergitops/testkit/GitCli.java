package dev.sagemakergitops.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} command, isolated from the machine's and the developer's configuration.
 *
 * <p>Tests use it to make repositories the way CI systems make them (packfiles after {@code git gc},
 * shallow clones, detached checkouts) and to check what the project writes with an independent
 * implementation. Each run sees no system configuration ({@code GIT_CONFIG_NOSYSTEM=1}), an empty
 * {@code HOME}, no inherited {@code GIT_DIR}-style variables, no editor and no terminal prompts, and
 * a fixed identity ({@link GitRepositoryBuilder#AUTHOR_NAME}).
 */
public final class GitCli {

  private static final long TIMEOUT_SECONDS = 120;

  // Variables that would point git at another repository than the one the test names.
  private static final List<String> INHERITED_GIT_VARIABLES = List.of(
      "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
      "GIT_CEILING_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_PARAMETERS", "GIT_NAMESPACE",
      "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
      "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE");

  private GitCli() {}

  /**
   * Runs {@code git <args>} in {@code dir} and returns its standard output as it is.
   *
   * @throws IllegalStateException when git exits with a non-zero status; the message carries the
   *     command, the status and git's standard error
   */
  public static String run(Path dir, String... args) {
    Objects.requireNonNull(dir, "dir");
    Path home = null;
    Path stderrFile = null;
    try {
      home = Files.createTempDirectory("gitcli-home");
      stderrFile = Files.createTempFile("gitcli-stderr", ".txt");
      List<String> command = new ArrayList<>();
      command.add("git");
      command.addAll(List.of(
          "-c", "user.name=" + GitRepositoryBuilder.AUTHOR_NAME,
          "-c", "user.email=" + GitRepositoryBuilder.AUTHOR_EMAIL,
          "-c", "init.defaultBranch=" + GitRepositoryBuilder.INITIAL_BRANCH,
          "-c", "commit.gpgSign=false",
          "-c", "tag.gpgSign=false",
          "-c", "protocol.file.allow=always",
          "-c", "advice.detachedHead=false",
          "-c", "core.autocrlf=false"));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectError(stderrFile.toFile());
      Map<String, String> environment = builder.environment();
      INHERITED_GIT_VARIABLES.forEach(environment::remove);
      environment.put("GIT_CONFIG_NOSYSTEM", "1");
      environment.put("HOME", home.toString());
      environment.put("XDG_CONFIG_HOME", home.toString());
      environment.put("GIT_EDITOR", "true");
      environment.put("GIT_TERMINAL_PROMPT", "0");
      environment.put("LC_ALL", "C");
      Process process = builder.start();
      // No input: a git that waits for an answer fails fast instead of hanging the build.
      process.getOutputStream().close();
      String stdout;
      try (InputStream out = process.getInputStream()) {
        stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("git " + String.join(" ", args) + " in " + dir
            + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " in " + dir + " exited with "
            + process.exitValue() + ":\n" + Files.readString(stderrFile, StandardCharsets.UTF_8));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git " + String.join(" ", args) + " in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git " + String.join(" ", args), e);
    } finally {
      deleteQuietly(stderrFile);
      deleteTreeQuietly(home);
    }
  }

  /** Like {@link #run(Path, String...)}, without the trailing newline: for one-line answers such as {@code rev-parse}. */
  public static String runLine(Path dir, String... args) {
    return run(dir, args).stripTrailing();
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A left-over temp file is harmless; the answer from git matters more.
      }
    }
  }

  private static void deleteTreeQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(GitCli::deleteQuietly);
    } catch (IOException ignored) {
      // As above: an empty temp folder left behind is harmless.
    }
  }
}
