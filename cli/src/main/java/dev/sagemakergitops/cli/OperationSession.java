package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ClientRateLimits;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.lineage.DeploymentRecord;
import dev.sagemakergitops.core.lineage.DeploymentRecordWriter;
import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationRun;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.sync.ParallelSyncRun;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One command's way to AWS, Git and the operations: the repository at {@code --repo}, the AWS
 * clients of the AWS options (built on first use), the operation context (the runtime's clock and
 * polling, the build from the CI environment), manifests resolved at {@code --ref} with their
 * images pinned, and {@link #run}, which drives an operation to its end with its state saved in the
 * state folder after every poll that changed it and writes its deployment record into the record folder.
 */
final class OperationSession implements AutoCloseable {
  private final String command;
  private final CommandRuntime runtime;
  private final OperationOptions options;
  private final AwsOptions aws;
  private final Path repositoryDirectory;
  private final PrintWriter progress;
  private GitRepository git;
  private AwsClients clients;
  private OperationContext context;
  private RunFolders folders;
  private FileStateStore states;
  private ClientRateLimits rateLimits = ClientRateLimits.none();

  OperationSession(CommandRuntime runtime, OperationOptions options, AwsOptions aws, Path repositoryDirectory,
      PrintWriter progress) {
    this(null, runtime, options, aws, repositoryDirectory, progress);
  }

  /** A session of the command named {@code command} ({@code deploy} ...), which its interrupt notice names. */
  OperationSession(String command, CommandRuntime runtime, OperationOptions options, AwsOptions aws,
      Path repositoryDirectory, PrintWriter progress) {
    this.command = command;
    this.runtime = runtime;
    this.options = options;
    this.aws = aws;
    this.repositoryDirectory = repositoryDirectory;
    this.progress = progress;
  }

  CommandRuntime runtime() {
    return runtime;
  }

  OperationOptions options() {
    return options;
  }

  /** Where progress lines go: standard output, or standard error when the result is printed as JSON. */
  PrintWriter progress() {
    return progress;
  }

  GitRepository git() {
    if (git == null) {
      git = GitRepository.open(repositoryDirectory, runtime.clock());
    }
    return git;
  }

  AwsClients clients() {
    if (clients == null) {
      clients = AwsClients.create(aws.settings(), runtime.interceptors(), rateLimits);
    }
    return clients;
  }

  /**
   * Keeps every AWS call of this session under {@code limits} (and the SDK's adaptive retry mode);
   * before the first call only, as the clients are built then.
   */
  void limitRates(ClientRateLimits limits) {
    if (clients != null) {
      throw new IllegalStateException("the AWS clients are built already; limit the rates before the first call");
    }
    rateLimits = limits;
  }

  OperationContext context() {
    if (context == null) {
      context = new OperationContext(clients(), runtime.clock(), build(), runtime.polling(), runtime.random());
    }
    return context;
  }

  RunFolders folders() {
    if (folders == null) {
      folders = RunFolders.of(options, runtime, git().directory());
    }
    return folders;
  }

  /**
   * The state folder's store, one for the session: its codec finds each state type's serializers
   * once, instead of once per run (a parallel sync starts hundreds). Synchronized because the
   * workers of a parallel sync start runs.
   */
  synchronized FileStateStore states() {
    if (states == null) {
      states = new FileStateStore(folders().state());
    }
    return states;
  }

  /** The manifests at {@code --ref} under {@code paths} (every manifest when empty), images pinned. */
  List<ResolvedManifest> resolveAll(List<String> paths) {
    return resolveAll(options.ref, paths);
  }

  List<ResolvedManifest> resolveAll(String ref, List<String> paths) {
    return new ManifestResolver(ImagePinner.using(clients())).resolve(git(), ref, paths);
  }

  /**
   * The one manifest {@code paths} select at {@code --ref}.
   *
   * @throws OperationInputException when they select none or several (naming them), or the manifest
   *     does not load or names an image that does not exist
   */
  ResolvedManifest resolveOne(List<String> paths) {
    List<ResolvedManifest> all = resolveAll(paths);
    if (all.size() == 1) {
      return all.get(0);
    }
    String where = paths.isEmpty() ? "the repository" : String.join(", ", paths);
    String message = all.isEmpty()
        ? "no manifest found in " + where + " at " + options.ref + "; name a manifest file (a .yaml/.yml file with"
            + " 'apiVersion: sagemaker-gitops/v1')"
        : all.size() + " manifests found in " + where + " at " + options.ref + " ("
            + all.stream().map(m -> m.origin().manifestPath()).collect(Collectors.joining(", "))
            + "); this command runs for one: name its file";
    throw new OperationInputException(new ManifestProblem(paths.isEmpty() ? "." : paths.get(0), 0, 0, "", message));
  }

  /**
   * Runs {@code operation} for {@code request} (or resumes the state saved for the same operation,
   * manifest, commit and {@code keyParts}), printing progress lines as it goes. The state is
   * forgotten when the run finishes, and kept when it is interrupted (cancellation requested) or
   * the process dies, so that the same command resumes it.
   */
  <Q, S extends OperationState, R> OperationOutcome run(ResolvedManifest manifest, Operation<Q, S, R> operation,
      Q request, String... keyParts) {
    FileStateStore store = states();
    String key = StateKey.of(operation.name(), manifest, keyParts);
    DeploymentRecorder recorder = new DeploymentRecorder(operation.name(), runtime.clock(), build());
    Consumer<OperationEvent> printer = new ProgressPrinter(progress, operation.name(), manifest.name());
    OperationRunner runner = new OperationRunner(context(), runtime.sleeper(),
        printer.andThen(recorder));
    String setAside = setAsideIfUnreadable(store, key, operation);
    Step<S, R> last;
    InterruptNotice notice = InterruptNotice.install(command, operation.name(), manifest.name(), store.fileOf(key),
        options.json);
    try {
      last = runner.run(operation, request, store, key);
    } catch (OperationInputException refusal) {
      return warned(refused(operation.name(), manifest, refusal), setAside);
    } catch (InterruptedException interrupted) {
      // Not over: the saved state carries the cancellation, and the run that sees it through writes the record.
      return warned(OperationOutcome.interrupted(operation.name(), manifest, store.fileOf(key)), setAside);
    } catch (RuntimeException error) {
      recordError(recorder, manifest, error);
      throw error;
    } finally {
      notice.close();
    }
    return finished(store, key, operation, manifest, recorder, last, setAside);
  }

  /** The outcome of a finished run, its state forgotten and its record written. */
  private <S extends OperationState, R> OperationOutcome finished(FileStateStore store, String key,
      Operation<?, S, R> operation, ResolvedManifest manifest, DeploymentRecorder recorder, Step<S, R> last,
      String setAside) {
    store.delete(key);
    OperationOutcome outcome = last instanceof Step.Succeeded<S, R> succeeded
        ? OperationOutcome.succeeded(operation.name(), manifest, succeeded.result())
        : OperationOutcome.failed(operation.name(), manifest, ((Step.Failed<S, R>) last).failure());
    return warned(withRecord(outcome, recorder.finish(Lineage.of(manifest, build()), context().regionOf(manifest),
        last)), setAside);
  }

  /** Writes the record of a run that ended with {@code error}; a failure to write it is suppressed in it. */
  private void recordError(DeploymentRecorder recorder, ResolvedManifest manifest, RuntimeException error) {
    try {
      write(recorder.finish(Lineage.of(manifest, build()), context().regionOf(manifest),
          DeploymentRecord.Outcome.error(error), null));
    } catch (RuntimeException recordError) {
      error.addSuppressed(recordError);
    }
  }

  /**
   * Starts {@code operation} for {@code request} (or the state saved for it, as {@link #run} does)
   * as a run that a scheduler wakes when its next poll is due, instead of a thread that sleeps:
   * what {@code sync --parallel} runs. Its progress lines start with {@code prefix}; {@code after}
   * gets the outcome once the run has ended (a deploy writes its revert there). The caller installs
   * one {@link InterruptNotice} for all the runs it follows.
   */
  <Q, S extends OperationState, R> ScheduledOperation start(ResolvedManifest manifest, Operation<Q, S, R> operation,
      Q request, String prefix, UnaryOperator<OperationOutcome> after, String... keyParts) {
    FileStateStore store = states();
    String key = StateKey.of(operation.name(), manifest, keyParts);
    DeploymentRecorder recorder = new DeploymentRecorder(operation.name(), runtime.clock(), build());
    Consumer<OperationEvent> printer = new ProgressPrinter(progress, prefix, operation.name(), manifest.name());
    String setAside = setAsideIfUnreadable(store, key, operation);
    OperationRun<Q, S, R> run = new OperationRun<>(context(), operation, request, store, key,
        printer.andThen(recorder));
    return new ScheduledOperation() {
      private OperationOutcome outcome;

      @Override
      public Optional<Duration> wake() {
        Optional<Duration> wait;
        try {
          wait = run.advance();
        } catch (OperationInputException refusal) {
          outcome = warned(refused(operation.name(), manifest, refusal), setAside);
          return Optional.empty();
        } catch (RuntimeException error) {
          recordError(recorder, manifest, error);
          outcome = warned(OperationOutcome.failed(operation.name(), manifest, OperationFailure.of(
              OperationFailure.Kind.FAILED, operation.name() + " failed: " + (error.getMessage() == null
                  ? error.getClass().getSimpleName() : error.getMessage()))), setAside);
          return Optional.empty();
        }
        if (wait.isEmpty()) {
          outcome = after.apply(finished(store, key, operation, manifest, recorder, run.finished(), setAside));
        }
        return wait;
      }

      @Override
      public void interrupted() {
        try {
          run.cancel();
        } catch (RuntimeException cancelFailure) {
          // Reported on the progress lines; the saved state stays as it was, which a later run resumes.
        }
        outcome = warned(OperationOutcome.interrupted(operation.name(), manifest, store.fileOf(key)), setAside);
      }

      @Override
      public OperationOutcome outcome() {
        return outcome;
      }
    };
  }

  /** An operation run that a scheduler wakes; its outcome once it is over. */
  interface ScheduledOperation extends ParallelSyncRun.StepRun<OperationOutcome> {}

  /**
   * A saved state that cannot be read (cut short, edited by hand, written by another version) would
   * block every re-run; it is renamed instead, and the run starts over. Starting over is safe: every
   * name is a hash of the resolved spec, so the run attaches to what the lost state had made.
   *
   * @return the warning that says so, or {@code null} when the state was readable or absent
   */
  private String setAsideIfUnreadable(FileStateStore store, String key, Operation<?, ?, ?> operation) {
    try {
      store.load(key, operation.name(), operation.stateType());
      return null;
    } catch (IllegalArgumentException | UncheckedIOException unreadable) {
      Path aside = store.setAside(key).orElse(null);
      String warning = "the saved state could not be read (" + unreadable.getMessage() + "); it was set aside as "
          + aside + " and the run starts over, attaching by name to what AWS already has";
      progress.println("warning: " + warning);
      progress.flush();
      return warning;
    }
  }

  private static OperationOutcome warned(OperationOutcome outcome, String warning) {
    return warning == null ? outcome : outcome.withWarning(warning);
  }

  /**
   * The outcome of a run refused before any change, its record written.
   *
   * @param manifest the manifest, or {@code null} when it could not be read
   */
  OperationOutcome refused(String operation, ResolvedManifest manifest, OperationInputException refusal) {
    DeploymentRecorder recorder = new DeploymentRecorder(operation, runtime.clock(), build());
    DeploymentRecord record = manifest == null ? recorder.refused(Lineage.none(), null, refusal)
        : recorder.refused(Lineage.of(manifest, build()), context().regionOf(manifest), refusal);
    return withRecord(OperationOutcome.refused(operation, manifest, refusal), record);
  }

  /**
   * {@code outcome} with {@code record} written; when it cannot be written, {@code outcome} as it is
   * with a warning: the run's result is what matters, and it stands without its bookkeeping.
   */
  private OperationOutcome withRecord(OperationOutcome outcome, DeploymentRecord record) {
    try {
      return outcome.withRecord(write(record));
    } catch (RuntimeException e) {
      return outcome.withWarning("the deployment record was not written: " + e.getMessage()
          + "; the run's outcome above stands. Check --record-dir (or " + RunFolders.RECORD_VARIABLE + ")");
    }
  }

  /** The build running this, from {@code --build-url} or the CI system's variables. */
  BuildInfo build() {
    return BuildEnvironment.detect(runtime.environment(), options.buildUrl);
  }

  private Path write(DeploymentRecord record) {
    return new DeploymentRecordWriter().writeInto(folders().records(), record);
  }

  @Override
  public void close() {
    try {
      if (clients != null) {
        clients.close();
      }
    } finally {
      if (git != null) {
        git.close();
      }
    }
  }
}
