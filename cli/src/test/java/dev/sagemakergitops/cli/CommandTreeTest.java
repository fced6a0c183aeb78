package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command tree a run builds: only the command its first argument names, or all of them, and in
 * either case exactly what the whole tree prints and exits with.
 */
class CommandTreeTest {
  @Test
  void commands_whenListed_answerToTheNamesOfTheirAnnotationsInTheOrderHelpListsThem() {
    CommandLine whole = Main.commandLine(CommandRuntime.system());

    assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(Main.COMMANDS.keySet());
    Main.COMMANDS.forEach((name, type) ->
        assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
    assertThat(CommandLineRun.of("--help").out()).containsSubsequence(
        Main.COMMANDS.keySet().stream().map(name -> "\n  " + name + " ").toList());
  }

  @Test
  void commandLine_whenTheFirstArgumentNamesACommand_buildsThatCommandAlone() {
    for (String command : Main.COMMANDS.keySet()) {
      if (command.equals("help")) {
        continue;
      }
      Map<String, CommandLine> built = Main.commandLine(CommandRuntime.system(), command, "--help").getSubcommands();

      assertThat(built.keySet()).as(command).containsExactly(command);
    }
  }

  @Test
  void commandLine_whenHelpNoCommandOrAnUnknownOneIsAsked_buildsEveryCommand() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "explain"},
        new String[] {"explian", "churn-prod"}, new String[] {"-V", "explain"}, new String[] {"@args.txt"},
        new String[] {"--", "explain"}, new String[] {"EXPLAIN"})) {
      assertThat(Main.commandLine(CommandRuntime.system(), args).getSubcommands().keySet()).as(String.join(" ", args))
          .containsExactlyElementsOf(Main.COMMANDS.keySet());
    }
  }

  @Test
  void commandLine_whenOnlyTheVersionIsAsked_buildsNoCommand() {
    for (String version : List.of("--version", "-V")) {
      CommandLine built = Main.commandLine(CommandRuntime.system(), version);

      assertThat(built.getSubcommands()).as(version).isEmpty();
      assertThat(CommandLineRun.of(built, version)).as(version).isEqualTo(new CommandLineRun(0,
          new VersionProvider().getVersion()[0] + System.lineSeparator(), ""));
    }
  }

  @Test
  void execute_whenTheTreeHoldsOnlyTheNamedCommand_printsAndExitsExactlyAsTheWholeTree(@TempDir Path empty) {
    List<String[]> lines = new ArrayList<>();
    for (String command : Main.COMMANDS.keySet()) {
      lines.add(new String[] {command, "--help"});
      lines.add(new String[] {command, "-h"});
      lines.add(new String[] {command, "--no-such-option"});
      lines.add(new String[] {"help", command});
    }
    String repo = empty.toString();
    lines.addAll(List.of(
        new String[] {"explain"},
        new String[] {"explain", "a", "b"},
        new String[] {"explain", "--endpont-url", "http://localhost:1", "churn-prod"},
        new String[] {"explain", "--model-package", "arn", "--training-job", "job"},
        new String[] {"explain", "deploy"},
        new String[] {"validate", "plan", "--offline", "--repo", repo},
        new String[] {"validate", "--offline", "--repo", repo},
        new String[] {"validate", "--offline", "--repo", repo, "--format", "json"},
        new String[] {"plan", "--format", "nope", "--offline", "--repo", repo},
        new String[] {"plan", "--offline", "--repo", repo, "--format", "json"},
        new String[] {"sync", "--parallel", "zero"},
        new String[] {"deploy", "--timeout", "soon"},
        new String[] {"status", "--json", "--repo", repo},
        new String[] {"local", "--port", "http"},
        new String[] {"help"},
        new String[] {"help", "no-such-command"},
        new String[] {"no-such-command"},
        new String[] {"--version"},
        new String[] {"-V"},
        new String[] {"-V", "explain"},
        new String[] {}));

    for (String[] args : lines) {
      CommandLineRun whole = CommandLineRun.of(Main.commandLine(CommandRuntime.system()), args);
      CommandLineRun built = CommandLineRun.of(Main.commandLine(CommandRuntime.system(), args), args);

      assertThat(built).as(String.join(" ", args)).isEqualTo(whole);
    }
  }
}
