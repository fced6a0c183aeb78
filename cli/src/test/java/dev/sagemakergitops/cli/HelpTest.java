package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help}: examples, the exit codes it can end with, the shared options. */
class HelpTest {
  private static final List<String> OPERATION_COMMANDS = List.of("train", "register", "deploy", "shadow", "transform", "sync");

  @Test
  void help_whenAskedOfAnOperationCommand_showsExamplesEveryExitCodeAndTheSharedOptions() {
    for (String command : OPERATION_COMMANDS) {
      CommandLineRun run = CommandLineRun.of(command, "--help");

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command)
          .startsWith("Usage: sagemaker-gitops " + command)
          .contains("Examples:", "  sagemaker-gitops " + command + " ")
          .contains("Exit codes:", "  0  success", "  1  failure", "  2  invalid input", "  3  rolled back",
              "  4  rejected")
          .contains("--repo=DIR", "[PATH...]", "--ref=REF", "--state-dir=DIR", "--record-dir=DIR", "--json",
              "--build-url=URL", "--endpoint-url=URL", "--profile=NAME", "--role-arn=ARN", "--region=REGION");
    }
  }

  @Test
  void help_whenAskedOfEveryCommand_showsExamplesAndExitCodes() {
    CommandLine main = Main.commandLine();
    assertThat(main.getSubcommands().keySet()).containsAll(OPERATION_COMMANDS).contains("bump", "status", "explain", "validate", "plan",
        "local", "help");
    for (String command : main.getSubcommands().keySet()) {
      if (command.equals("help")) {
        continue;
      }
      CommandLineRun run = CommandLineRun.of(command, "--help");

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: sagemaker-gitops " + command, "Examples:", "Exit codes:");
      assertThat(run.err()).as(command).isEmpty();
    }
  }

  @Test
  void help_whenAskedOfTheCommandLine_listsEveryCommandAndTheExitCodes() {
    CommandLineRun run = CommandLineRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("  train ", "  register ", "  bump ", "  deploy ", "  shadow ", "  transform ",
        "  sync ", "  status ", "  explain ", "  3  rolled back", "  4  rejected");
  }

  @Test
  void help_whenAnExampleHasAPercentSign_showsItAsWritten() {
    assertThat(CommandLineRun.of("transform", "--help").out()).contains("--run-key \"$(date -u +%Y-%m-%d)\"");
  }
}
