package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsAccess;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.lineage.DeploymentRecord;
import dev.sagemakergitops.core.lineage.DeploymentRecordWriter;
import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationDriver;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationHost;
import dev.sagemakergitops.core.operation.OperationState;
import hudson.AbortException;
import hudson.security.ACLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One start or resume of an {@link OperationStepExecution}: its clients (closed when the run ends), its driver, whose host is this
 * execution, and the operation as the driver runs it, watched for the deployment record. Never
 * persisted.
 */
final class OperationStepRun implements OperationHost {
  private final OperationStepExecution execution;
  private final StepRuntime runtime;
  private final AwsClients clients;
  private OperationContext context;
  private StepRequest request;
  private RecordedRun<?, ?, ?> recorded;
  OperationDriver<?, ?, ?> driver;

  private OperationStepRun(OperationStepExecution execution, StepRuntime runtime, AwsClients clients) {
    this.execution = execution;
    this.runtime = runtime;
    this.clients = clients;
  }

  ACLContext actAsBuild() {
    return runtime.actAsBuild();
  }

  static OperationStepRun start(OperationStepExecution execution) throws IOException, InterruptedException {
    StepSettings settings = execution.settings;
    StepRuntime runtime = StepRuntime.of(execution.getContext(), settings, execution.policy());
    Clock clock = execution.scheduler().clock();
    AwsAccess access;
    AwsClients clients;
    try {
      access = runtime.access(clock);
      clients = runtime.clients(access);
    } catch (IOException | RuntimeException e) {
      runtime.close();
      throw e;
    }
    OperationStepRun running = new OperationStepRun(execution, runtime, clients);
    try {
      running.context = runtime.context(clients, clock);
      running.request = new StepRequest(settings.step(), settings.manifest(), runtime.ref(), runtime.repository(),
          settings.options());
      PreparedOperation<?, ?, ?> prepared = execution.factory.prepare(running.request, running.context);
      if (execution.record == null) {
        execution.record = StepRecord.start(prepared.operation().name(), clock);
      }
      running.recorded = recorded(prepared, execution.record);
      running.driver = driver(running.recorded, running.request, running.context, running, execution.state);
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
    running.log(settings.step() + ": AWS credentials from " + access.source()
        + (execution.state == null ? "" : "; resuming after a restart"));
    return running;
  }

  private static <Q, S extends OperationState, R> RecordedRun<Q, S, R> recorded(PreparedOperation<Q, S, R> prepared,
      StepRecord record) {
    return new RecordedRun<>(prepared, record);
  }

  private static <Q, S extends OperationState, R> OperationDriver<Q, S, R> driver(RecordedRun<Q, S, R> run,
      StepRequest request, OperationContext context, OperationHost host, String savedState) {
    return OperationDriver.of(run, context, host, run.request(request, context), savedState);
  }

  @Override
  public void log(String line) {
    runtime.listener().getLogger().println(line);
  }

  @Override
  public void save(String stateJson) {
    execution.save(stateJson);
  }

  @Override
  public void schedule(Duration delay) {
    execution.schedule(delay);
  }

  /**
   * The operation succeeded. The driver's map is the core result as it is; the step returns its
   * own documented keys instead ({@link StepResult}), plus {@code outcome} and {@code recordPath}.
   */
  @Override
  public void succeeded(Map<String, Object> coreResult) {
    Map<String, Object> out;
    try {
      StepResult result = recorded.result();
      out = new LinkedHashMap<>(result.values());
      out.putAll(afterSuccess(result));
      out.put("outcome", DeploymentRecord.Status.SUCCEEDED.wireName());
      write(recorded.succeeded(recorder(), result)).ifPresent(path -> out.put("recordPath", path.toString()));
      runtime.returnBranches();
    } catch (RuntimeException e) {
      close();
      log(settings().step() + " succeeded, but its result could not be read: " + e);
      execution.failed(e);
      return;
    }
    close();
    execution.succeeded(out);
  }

  @Override
  public void failed(String message, Throwable unexpected) {
    boolean expired = unexpected != null && ExpiredCredentials.isExpired(unexpected)
        && runtime.usesEnvironmentSessionCredentials();
    StringBuilder text = new StringBuilder(expired ? ExpiredCredentials.fromEnvironment(settings().step()) : message);
    try {
      DeploymentRecorder recorder = recorder();
      for (String line : followUps()) {
        log(settings().step() + ": " + line);
        text.append('\n').append(line);
        recorder.accept(new OperationEvent(context.clock().instant(), "afterFailure", line));
      }
      write(recorded.failed(recorder, unexpected));
      runtime.returnBranches();
    } catch (RuntimeException e) {
      log(settings().step() + ": could not record the failure: " + e);
    } finally {
      close();
    }
    if (expired || unexpected == null || unexpected instanceof GitException || unexpected instanceof AwsConfigurationException
        || unexpected instanceof StepArgumentException) {
      // An outcome or a set-up problem the message explains: no stack trace.
      execution.failed(new AbortException(text.toString()));
    } else {
      log(message);
      execution.failed(unexpected);
    }
  }

  /** Stops the operation for Jenkins (the build was aborted) and records that. */
  void stop(String reason) {
    if (driver.isOver()) {
      return;
    }
    driver.stop(reason);
    try {
      write(recorded.stopped(recorder(), reason));
    } catch (RuntimeException e) {
      log(settings().step() + ": could not record the stop: " + e);
    }
  }

  /**
   * What the factory does after the operation succeeded (push the branch it wrote, open the pull
   * request), with the build's environment and the credentials of {@code gitCredentialsId} bound
   * ({@link GitHostCredentials}); each line it reports is logged.
   */
  private Map<String, Object> afterSuccess(StepResult result) {
    try {
      Map<String, Object> more = new LinkedHashMap<>(execution.factory.afterSuccess(request, context, result,
          gitAccess()));
      Object summary = more.remove(PullRequestOptions.SUMMARY);
      if (summary != null) {
        log(settings().step() + ": " + summary);
      }
      return more;
    } catch (hudson.AbortException | RuntimeException e) {
      log(settings().step() + ": warning: " + e.getMessage());
      return Map.of(PullRequestOptions.WARNING, String.valueOf(e.getMessage()));
    }
  }

  /** The build's environment with the credentials of {@code gitCredentialsId} bound, for a push and its pull request. */
  private GitAccess gitAccess() throws hudson.AbortException {
    GitAccess access = GitAccess.of(runtime.environment());
    String credentialsId = settings().options().get(PullRequestOptions.GIT_CREDENTIALS_ID);
    return credentialsId == null ? access : GitHostCredentials.bind(credentialsId, runtime.run(), access,
        PullRequestOptions.tokenVariable(settings().options()));
  }

  /** What the factory does after an operation failure, each line saying what was done. */
  private List<String> followUps() {
    Optional<OperationFailure> failure = recorded.failure();
    if (failure.isEmpty()) {
      return List.of();
    }
    String commit = execution.record.lineage().commit();
    Map<String, String> options = request.options();
    GitAccess access = GitAccess.of(runtime.environment());
    List<String> lines = new ArrayList<>();
    try {
      // Credentials are looked up only for a step asked to push (a lookup is recorded as a use).
      access = PullRequestOptions.requested(options) ? gitAccess() : access;
    } catch (hudson.AbortException e) {
      // The revert is still written; only its push needs the credentials that are missing.
      options = new LinkedHashMap<>(options);
      options.remove(PullRequestOptions.PUSH);
      options.remove(PullRequestOptions.OPEN_PULL_REQUEST);
      lines.add("warning: nothing is pushed: " + e.getMessage());
    }
    StepRequest atCommit = new StepRequest(request.step(), request.manifest(), commit != null ? commit : request.ref(),
        request.repository(), options);
    try {
      lines.addAll(0, execution.factory.afterFailure(atCommit, context, failure.get(), access));
    } catch (RuntimeException e) {
      lines.add(0, "could not finish after the failure: " + e.getMessage());
    }
    return lines;
  }

  private DeploymentRecorder recorder() {
    return execution.record.recorder(context.clock(), context.build());
  }

  /** Writes {@code record} where this run keeps records; a record that cannot be written is logged, not fatal. */
  private Optional<Path> write(DeploymentRecord record) {
    Optional<Path> directory = runtime.recordDirectory();
    if (directory.isEmpty()) {
      log(settings().step() + ": no workspace and no build folder to write the deployment record to");
      return Optional.empty();
    }
    try {
      Path file = new DeploymentRecordWriter().writeInto(directory.get(), record);
      log(settings().step() + ": deployment record " + file);
      if (record.operation().equals("safeDeploy")) {
        runtime.attachReport(file).forEach(problem -> log(settings().step() + ": " + problem));
      }
      return Optional.of(file);
    } catch (UncheckedIOException e) {
      log(settings().step() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private StepSettings settings() {
    return execution.settings;
  }

  void close() {
    clients.close();
    runtime.close();
  }
}
