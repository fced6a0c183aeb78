package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's class-data-sharing step ({@code src/build/train-cds-archive.sh}), run as the build
 * runs it, with a stand-in {@code java} that records each training instead of spending tens of
 * seconds on one. The JVM maps an archive only for the jar file it was made with, same size and
 * same modification time, and the shade plugin writes the jar again on every package: a rebuild of
 * unchanged code must keep the archive usable, not only skip the training.
 */
class TrainCdsArchiveScriptTest {
  private static final Path SCRIPT = Path.of("src/build/train-cds-archive.sh");

  @TempDir Path target;
  private Path jar;
  private Path trainings;
  private Path java;

  @BeforeEach
  void setUp() throws IOException {
    jar = target.resolve("sagemaker-gitops.jar");
    trainings = target.resolve("trainings.log");
    java = target.resolve("java");
    Files.writeString(java, """
        #!/bin/sh
        case "$1" in
          -version) echo 'openjdk version "17.0.15"' >&2 ;;
          -XX:ArchiveClassesAtExit=*) echo archive > "${1#-XX:ArchiveClassesAtExit=}"; echo trained >> "$TRAININGS" ;;
          *) echo "unexpected: $*" >&2; exit 3 ;;
        esac
        """);
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Files.writeString(trainings, "");
  }

  @Test
  void run_whenTheJarIsWrittenAgainWithTheSameBytes_keepsTheArchiveAndGivesTheJarBackItsTime() throws Exception {
    Files.writeString(jar, "the shaded jar, version 1");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
    assertThat(run()).doesNotContain("up to date");
    assertThat(trainingCount()).isEqualTo(1);
    FileTime trained = Files.getLastModifiedTime(jar);

    // What the shade plugin does on the next package of unchanged code: the same bytes, a new time.
    Files.writeString(jar, "the shaded jar, version 1");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_060_000L));
    String second = run();

    assertThat(second).contains("up to date with the jar: not trained again");
    assertThat(trainingCount()).isEqualTo(1);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(trained);
  }

  @Test
  void run_whenTheJarsBytesChanged_trainsAgainAndKeepsTheNewJarsTime() throws Exception {
    Files.writeString(jar, "the shaded jar, version 1");
    run();

    Files.writeString(jar, "the shaded jar, version 2");
    FileTime rebuilt = FileTime.fromMillis(1_700_000_120_000L);
    Files.setLastModifiedTime(jar, rebuilt);
    run();

    assertThat(trainingCount()).isEqualTo(2);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(rebuilt);
  }

  @Test
  void run_whenTheStampWasWrittenBeforeItKeptTheJarsTime_trainsOnceMore() throws Exception {
    Files.writeString(jar, "the shaded jar, version 1");
    run();
    // A stamp as the build wrote it before: the checksum of `java -version` and the jar alone.
    Path stamp = target.resolve("sagemaker-gitops.jsa.sha256");
    Files.writeString(stamp, sh("{ \"$JAVA\" -version 2>&1; sha256sum < \"$TARGET/sagemaker-gitops.jar\"; }"
        + " | sha256sum") + "\n");

    run();

    assertThat(trainingCount()).isEqualTo(2);
  }

  private long trainingCount() throws IOException {
    return Files.readAllLines(trainings).stream().filter("trained"::equals).count();
  }

  private String run() throws Exception {
    return exec(List.of("sh", SCRIPT.toAbsolutePath().toString()));
  }

  private String sh(String command) throws Exception {
    return exec(List.of("sh", "-c", command)).strip();
  }

  private String exec(List<String> argv) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("JAVA", java.toString());
    builder.environment().put("TARGET", target.toString());
    builder.environment().put("TRAININGS", trainings.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
