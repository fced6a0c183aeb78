package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationPhase
class GitCliTest {

  @TempDir Path dir;

  @Test
  void run_whenGitSucceeds_returnsStdoutAndUsesTheFixedIdentity() throws Exception {
    GitCli.run(dir, "init", "-q");
    Files.writeString(dir.resolve("a.txt"), "a\n");
    GitCli.run(dir, "add", "a.txt");
    GitCli.run(dir, "commit", "-q", "-m", "First");

    assertThat(GitCli.run(dir, "log", "--format=%an <%ae>")).isEqualTo("Test Author <author@example.com>\n");
    assertThat(GitCli.runLine(dir, "symbolic-ref", "--short", "HEAD")).isEqualTo("main");
  }

  @Test
  void run_whenGitFails_throwsWithItsStandardError() {
    GitCli.run(dir, "init", "-q");

    assertThatThrownBy(() -> GitCli.run(dir, "rev-parse", "--verify", "no-such-ref"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("git rev-parse --verify no-such-ref")
        .hasMessageContaining("exited with 128")
        .hasMessageContaining("fatal");
  }
}
