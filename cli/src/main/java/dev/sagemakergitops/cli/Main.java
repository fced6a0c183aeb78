package dev.sagemakergitops.cli;

import dev.sagemakergitops.cli.demo.DemoCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sagemaker-gitops} command: what buildspec.yml, a Jenkinsfile's {@code sh} and a terminal run.
 *
 * <p>Its subcommands are not declared in the annotation but added by {@link #commandLine(CommandRuntime,
 * String...)}: picocli builds a command's model by reflection over its options, mixins and argument
 * groups, and a process runs one command, so a run builds only the model of the command its first
 * argument names, and {@code --version} alone builds none. Usage, help, an unknown command or no
 * command at all get the whole tree, in the order of {@link #COMMANDS}, which is the order
 * {@code --help} lists them in.
 */
@Command(
    name = "sagemaker-gitops",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for Amazon SageMaker: model manifests in Git, validated, planned and deployed.",
    footerHeading = "%nExit codes:%n")
public final class Main implements Runnable {
  /**
   * Every subcommand by the name it answers to, in the order {@code --help} lists them. A test holds
   * each name to its class's {@code @Command} name (no command has aliases).
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  /** The options of {@code mixinStandardHelpOptions} that print the version. */
  private static final Set<String> VERSION_OPTIONS = Set.of("--version", "-V");

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
      commandLine = commandLine(CommandRuntime.system(), args);
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

  /** The command line with every command, whose commands run with {@code runtime}. */
  static CommandLine commandLine(CommandRuntime runtime) {
    return commandLine(runtime, COMMANDS.values());
  }

  /**
   * The command line that runs {@code args} with {@code runtime}: the top level and, when the first
   * argument is exactly a command's name (other than {@code help}), that command alone, since picocli
   * looks no further than the first argument's command for the rest of the line; otherwise every
   * command; for {@code --version} or {@code -V} alone, none. The output, exit code and behaviour of
   * every command line are those of the whole tree.
   */
  static CommandLine commandLine(CommandRuntime runtime, String... args) {
    if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
      // The version alone (the first line of every buildspec.yml build) is the top level's: no
      // command's model is needed, and building all of them was most of that run's CPU.
      return commandLine(runtime, List.of());
    }
    Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
    return commandLine(runtime, named == null || named == CommandLine.HelpCommand.class
        ? COMMANDS.values() : List.of(named));
  }

  private static CommandLine commandLine(CommandRuntime runtime, Iterable<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new Main(runtime));
    for (Class<?> command : commands) {
      // As the annotation's subcommands were: the model built from the class, the object created
      // when the command runs, Main injected as its @ParentCommand (no mixin declares one).
      commandLine.addSubcommand(command);
    }
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

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("validate", ValidateCommand.class);
    commands.put("plan", PlanCommand.class);
    commands.put("train", TrainCommand.class);
    commands.put("register", RegisterCommand.class);
    commands.put("bump", BumpCommand.class);
    commands.put("deploy", DeployCommand.class);
    commands.put("shadow", ShadowCommand.class);
    commands.put("transform", TransformCommand.class);
    commands.put("sync", SyncCommand.class);
    commands.put("status", StatusCommand.class);
    commands.put("explain", ExplainCommand.class);
    commands.put("report", ReportCommand.class);
    commands.put("local", LocalCommand.class);
    commands.put("demo", DemoCommand.class);
    commands.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(commands);
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
