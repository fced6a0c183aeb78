package dev.sagemakergitops.jenkins;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context as the Pipeline engine gives one to a step outside {@code node {}}: the build's
 * environment and log, no workspace unless given, no body. It records how the step ended and how
 * often it asked to be saved. Serialized, it becomes a handle that resolves to the same live context
 * again, the way the engine re-attaches a step's context after a restart.
 */
final class RecordingStepContext extends StepContext {
  private static final long serialVersionUID = 1L;
  private static final Map<String, RecordingStepContext> LIVE = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final transient PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
  private final transient EnvVars environment;
  private final transient FilePath workspace;
  private transient volatile Object result;
  private transient volatile Throwable failure;
  private transient volatile int completions;
  private transient volatile int saves;
  private transient volatile Throwable saveFailure;
  private transient volatile Run<?, ?> run;

  RecordingStepContext(Map<String, String> environment, FilePath workspace) {
    this.environment = new EnvVars(environment);
    this.workspace = workspace;
    LIVE.put(id, this);
  }

  @Override
  public <T> T get(Class<T> key) {
    if (key == TaskListener.class) {
      TaskListener listener = () -> logger;
      return key.cast(listener);
    }
    if (key == EnvVars.class) {
      return key.cast(new EnvVars(environment));
    }
    if (key == FilePath.class) {
      return key.cast(workspace);
    }
    if (key == Run.class) {
      return key.cast(run);
    }
    return null;
  }

  @Override
  public synchronized void onSuccess(Object value) {
    completions++;
    result = value;
  }

  @Override
  public synchronized void onFailure(Throwable t) {
    completions++;
    failure = t;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public ListenableFuture<Void> saveState() {
    saves++;
    Throwable failure = saveFailure;
    return failure == null ? Futures.immediateVoidFuture() : Futures.immediateFailedFuture(failure);
  }

  @Override
  public void setResult(Result r) {}

  @Override
  public BodyInvoker newBodyInvoker() {
    throw new IllegalStateException("this step takes no body");
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  Object result() {
    return result;
  }

  Throwable failure() {
    return failure;
  }

  /** How many times the step reported an end; Jenkins accepts one. */
  int completions() {
    return completions;
  }

  int saves() {
    return saves;
  }

  /** The run the step belongs to, from now on; none by default. */
  RecordingStepContext withRun(Run<?, ?> given) {
    run = given;
    return this;
  }

  /** From now on every save fails with {@code failure}, as Jenkins' asynchronous save can. */
  void failSaves(Throwable failure) {
    saveFailure = failure;
  }

  private Object writeReplace() {
    return new Handle(id);
  }

  /** What a serialized context is: its identity, resolved to the live context when read back. */
  private record Handle(String id) implements Serializable {
    private Object readResolve() {
      return LIVE.get(id);
    }
  }
}
