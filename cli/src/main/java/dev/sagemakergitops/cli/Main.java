package dev.sagemakergitops.cli;

import dev.sagemakergitops.cli.demo.DemoCommand;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sagemaker-gitops} command: what buildspec.yml, a Jenkinsfile's {@code sh} and a terminal run. */
@Command(
    name = "sagemaker-gitops",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for Amazon SageMaker: model manifests in Git, validated, planned and deployed.",
    subcommands = {ValidateCommand.class, PlanCommand.class, TrainCommand.class, RegisterCommand.class,
        BumpCommand.class, DeployCommand.class, ShadowCommand.class, TransformCommand.class, SyncCommand.class,
        StatusCommand.class, ExplainCommand.class, ReportCommand.class, LocalCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What commands run with besides their options; tests put the local control plane's virtual clock here. */
  private final CommandRuntime runtime;

  private Main(CommandRuntime runtime) {
    this.runtime = runtime;
  }

  CommandRuntime runtime() {
    return runtime;
  }

  public static void main(String[] args) {
    // JGit measures the file system's timestamp resolution the first time it sees a file store and
    // waits for it (hundreds of milliseconds on some file systems) unless told to measure in the
    // background; reading objects from Git never depends on that resolution.
    FS.FileStoreAttributes.setBackground(true);
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
  public static int run(String... args) {
    CommandLine commandLine;
    try {
      commandLine = commandLine();
    } catch (InvalidInputException e) {
      // A bad SAGEMAKER_GITOPS_* variable: said like any other input error, before any command runs.
      System.err.println("error: " + e.getMessage());
      return ExitCode.INVALID_INPUT.code();
    }
    return commandLine.execute(args);
  }

  static CommandLine commandLine() {
    return commandLine(CommandRuntime.system());
  }

  /** The command line whose commands run with {@code runtime}. */
  static CommandLine commandLine(CommandRuntime runtime) {
    CommandLine commandLine = new CommandLine(new Main(runtime));
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(exception -> ExitCode.of(exception).code());
    List<String> footer = new ArrayList<>(ExitCode.footer());
    footer.add("");
    footer.add("Run 'sagemaker-gitops help <command>' for a command's options and examples.");
    commandLine.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
    for (CommandLine command : commandLine.getSubcommands().values()) {
      if (command.getCommand() instanceof OperationCommand || command.getCommand() instanceof SyncCommand) {
        addExitCodes(command.getCommandSpec().usageMessage());
      }
    }
    return commandLine;
  }

  /** Every command that runs operations documents the same exit codes, after its examples. */
  private static void addExitCodes(CommandLine.Model.UsageMessageSpec usage) {
    List<String> footer = new ArrayList<>(List.of(usage.footer()));
    footer.add("");
    footer.add("Exit codes:");
    footer.addAll(ExitCode.footer());
    usage.footer(footer.toArray(new String[0]));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
