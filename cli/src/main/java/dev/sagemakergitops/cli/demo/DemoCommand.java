package dev.sagemakergitops.cli.demo;

import dev.sagemakergitops.cli.ExitCode;
import dev.sagemakergitops.cli.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sagemaker-gitops demo}: the whole story on the embedded local control plane. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the whole GitOps story with the real operations on the embedded local control plane (no AWS"
            + " account): a repository with real commits, train, register, a pull-request bump and its plan,"
            + " shadow test, canary deploy, a bad version rolled back by an alarm (detected, revert written),"
            + " rollback by revert (nothing recreated), batch transform, explain. Simulated time; about 10 to"
            + " 30 seconds of wall time. The repository is kept for you to look at.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops demo",
        "  sagemaker-gitops demo --dir /tmp/churn-gitops",
        "",
        "Exit codes: 0 the story ran as told, 1 it did not (the output says where)."})
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where to create the demo's Git repository (default: a new folder under the system's temporary folder).")
  Path directory;

  @Option(names = "--consistency-delay", paramLabel = "DURATION", defaultValue = "0",
      converter = dev.sagemakergitops.cli.DurationConverter.class,
      description = "Simulated time each new model, endpoint configuration, model package and scalable target stays"
          + " invisible to the calls that use it, as AWS's eventual consistency allows (default: 0).")
  java.time.Duration consistencyDelay;

  @Override
  public Integer call() throws Exception {
    Path target = directory != null ? directory : newFolder();
    if (Files.exists(target.resolve(".git"))) {
      throw new InvalidInputException("--dir: " + target + " already holds a Git repository; name an empty or new folder");
    }
    boolean asTold = new DemoStory(spec.commandLine().getOut(), target.toAbsolutePath(), consistencyDelay).run();
    return (asTold ? ExitCode.SUCCESS : ExitCode.FAILURE).code();
  }

  private static Path newFolder() {
    try {
      return Files.createTempDirectory("sagemaker-gitops-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the demo repository: " + e.getMessage(), e);
    }
  }
}
