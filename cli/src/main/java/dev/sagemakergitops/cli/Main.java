package dev.sagemakergitops.cli;

import dev.sagemakergitops.cli.demo.DemoCommand;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sagemaker-gitops} command: what buildspec.yml, a Jenkinsfile's {@code sh} and a terminal run. */
@Command(
    name = "sagemaker-gitops",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for Amazon SageMaker: model manifests in Git, validated, planned and deployed.",
    subcommands = {ValidateCommand.class, PlanCommand.class, LocalCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  failure (AWS or Git could not be reached, an unexpected error)",
        "  2  invalid input: a manifest, a ref or an argument is wrong (every problem is listed)",
        "",
        "Run 'sagemaker-gitops help <command>' for a command's options and examples."})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // JGit measures the file system's timestamp resolution the first time it sees a file store and
    // waits for it (hundreds of milliseconds on some file systems) unless told to measure in the
    // background; reading objects from Git never depends on that resolution.
    FS.FileStoreAttributes.setBackground(true);
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
