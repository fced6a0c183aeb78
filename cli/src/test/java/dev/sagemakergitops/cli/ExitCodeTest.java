package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * The one exit-code policy: the table in {@link ExitCode} is the one docs/cli.md quotes, every
 * command's {@code --help} is exactly as recorded in src/test/resources/help (usage, options,
 * examples and its exit codes), and
 * an exception nobody expected (a bug) exits 1, never 2, which is kept for wrong input.
 */
class ExitCodeTest {
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (.*) \\|$");

  @Test
  void exitCodeTable_whenDocsCliMdQuotesIt_isTheEnumWordForWord() throws IOException {
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8)) {
      if (line.equals("## Exit codes")) {
        inTable = true;
      } else if (inTable && line.startsWith("#")) {
        break;
      } else if (inTable) {
        Matcher row = ROW.matcher(line);
        if (row.matches()) {
          documented.add(row.group(1) + " | " + row.group(2));
        }
      }
    }

    assertThat(documented).containsExactlyElementsOf(
        Arrays.stream(ExitCode.values()).map(exit -> exit.code() + " | " + exit.documentation()).toList());
  }

  @Test
  void severityOrder_whenDocsCliMdStatesIt_isTheOrderMostSevereUses() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);

    assertThat(docs).contains("in this order (a test compares it with `ExitCode.SEVERITY`): **"
        + ExitCode.severityOrder() + "**");
    assertThat(ExitCode.severityOrder()).isEqualTo("3 > 5 > 1 > 4 > 2 > 0");
    assertThat(ExitCode.SEVERITY).containsExactlyInAnyOrder(ExitCode.values());
  }

  @Test
  void mostSevere_whenRunsEndSideBySide_isTheRollbackBeforeAFailureBeforeARejectionBeforeARefusal() {
    IExitCodeGenerator rolledBack = () -> 3;
    IExitCodeGenerator failed = () -> 1;
    IExitCodeGenerator rejected = () -> 4;
    IExitCodeGenerator refused = () -> 2;
    IExitCodeGenerator succeeded = () -> 0;

    assertThat(ExitCode.mostSevere(List.of(succeeded, refused, rejected, failed, rolledBack)))
        .isEqualTo(ExitCode.ROLLED_BACK);
    assertThat(ExitCode.mostSevere(List.of(refused, rejected, failed, succeeded))).isEqualTo(ExitCode.FAILURE);
    assertThat(ExitCode.mostSevere(List.of(refused, rejected))).isEqualTo(ExitCode.REJECTED);
    assertThat(ExitCode.mostSevere(List.of(succeeded, refused))).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(ExitCode.mostSevere(List.of())).isEqualTo(ExitCode.SUCCESS);
  }

  @Test
  void help_whenAskedOfEachCommand_isExactlyAsRecorded() throws IOException {
    CommandLine main = Main.commandLine();
    List<String> commands = new ArrayList<>(main.getSubcommands().keySet());
    commands.remove("help");
    commands.add(0, "");
    for (String command : commands) {
      CommandLineRun run = command.isEmpty() ? CommandLineRun.of("--help") : CommandLineRun.of(command, "--help");

      String name = command.isEmpty() ? "sagemaker-gitops" : command;
      if (System.getProperty("help.record") != null) {
        // Records the help texts after a deliberate change: mvn test -Dtest=ExitCodeTest -Dhelp.record
        Files.writeString(recorded(name), run.out(), StandardCharsets.UTF_8);
      }

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).isEqualTo(Files.readString(recorded(name), StandardCharsets.UTF_8));
    }
  }

  @Test
  void help_whenAnOperationCommandListsItsExitCodes_listsTheTableInOrder() {
    for (String command : List.of("train", "register", "deploy", "shadow", "transform", "sync")) {
      String out = CommandLineRun.of(command, "--help").out();

      assertThat(out.substring(out.lastIndexOf("Exit codes:"))).as(command).isEqualTo("""
          Exit codes:
            0  success
            1  failure (the job or deployment failed, AWS or Git could not be reached, an
          unexpected error)
            2  invalid input: a manifest, a ref or an argument is wrong (every problem is
          listed); nothing changed
            3  rolled back: SageMaker rolled the deployment back (an alarm fired or the
          new fleet failed)
            4  rejected: the shadow variant did not meet the manifest's criteria
            5  smoke test failed: the deployment took but a smoke-test request did not
          answer as expected
          """);
    }
  }

  @Test
  void execute_whenACommandThrowsAnUnexpectedIllegalArgumentException_exitsOneNotTwo() {
    Run run = runThrowing(new IllegalArgumentException("index 3 out of bounds"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: IllegalArgumentException: index 3 out of bounds");
  }

  @Test
  void execute_whenACommandThrowsARuntimeException_exitsOne() {
    assertThat(runThrowing(new IllegalStateException("no state")).exitCode()).isEqualTo(1);
    assertThat(runThrowing(new NullPointerException()).exitCode()).isEqualTo(1);
  }

  @Test
  void execute_whenACommandThrowsTheProjectsOwnInvalidInput_exitsTwo() {
    Run run = runThrowing(new InvalidInputException("--to: expected a version such as churn/8"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: --to: expected a version such as churn/8\n");
  }

  @Test
  void execute_whenAnOptionIsUnknown_exitsTwo() {
    assertThat(CommandLineRun.of("deploy", "--no-such-option").exitCode()).isEqualTo(2);
    assertThat(CommandLineRun.of("no-such-command").exitCode()).isEqualTo(2);
  }

  private static Path recorded(String command) {
    return Path.of("src", "test", "resources", "help", command + ".txt");
  }

  private record Run(int exitCode, String err) {}

  /** Runs a command (added to the real command line, with its error handling) whose body throws {@code thrown}. */
  private static Run runThrowing(RuntimeException thrown) {
    CommandLine commandLine = Main.commandLine();
    commandLine.addSubcommand("throwing", new Throwing(thrown));
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute("throwing");
    return new Run(exitCode, err.toString());
  }

  @Command(name = "throwing")
  private static final class Throwing implements Callable<Integer> {
    private final RuntimeException thrown;

    Throwing(RuntimeException thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() {
      throw thrown;
    }
  }
}
