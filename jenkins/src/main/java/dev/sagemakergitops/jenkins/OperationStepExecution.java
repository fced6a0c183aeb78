package dev.sagemakergitops.jenkins;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.operation.OperationDriver;
import dev.sagemakergitops.core.operation.OperationInputException;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.security.ACLContext;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The execution of every operation step: an {@link OperationDriver} on the plugin's scheduler.
 *
 * <p>{@link #start()} only schedules the first tick and returns {@code false}: the step is running
 * and nothing blocks the Pipeline's thread. Each tick makes one poll and schedules the next; between
 * ticks no thread and no executor is held, so the step works outside {@code node {}} and waits hours
 * for free. What is persisted with the Pipeline program is small: the factory (a class), the step's
 * plain arguments and the operation's state as JSON, saved after every change. After a controller
 * restart {@link #onResume()} schedules a tick, which resolves the credentials again, builds a new
 * driver from the saved state and carries on. {@link #stop} asks SageMaker to stop what was started
 * and fails the step with the cause Jenkins gave. Progress goes to the build log, and
 * {@link #getStatus()} says where the operation is.
 *
 * <p>However the run ends (succeeded, failed, refused, stopped), it writes one deployment record
 * ({@code core.lineage}) into the workspace or the build's folder ({@link StepRuntime#recordDirectory()})
 * and logs its path; a successful step returns it as {@code recordPath}. The record's start and
 * events so far ({@link StepRecord}) are persisted with the state, so a restart loses none of them.
 *
 * <p>Saving: the state and record are saved when a tick changed them, not after every poll (each
 * save rewrites the whole program); a save that fails is logged. While a tick runs,
 * {@link #blocksRestart()} is true, as workflow-step-api asks of steps with a background thread. A
 * tick runs as the build's authentication ({@code ACL.as2}), as workflow-step-api's own non-blocking
 * executions do. While Jenkins shuts down ({@link StepScheduler#isTerminating()}) a tick does
 * nothing and the step reports no end: it resumes after the restart from its saved state.
 */
public final class OperationStepExecution extends ScheduledStepExecution {
  private static final long serialVersionUID = 1L;
  private static final Logger LOGGER = Logger.getLogger(OperationStepExecution.class.getName());

  final OperationFactory factory;
  final StepSettings settings;
  volatile String state;
  volatile StepRecord record;

  private transient volatile OperationStepRun running;
  private transient volatile Future<?> next;
  private transient int busy;

  OperationStepExecution(StepContext context, OperationFactory factory, StepSettings settings) {
    super(context);
    this.factory = factory;
    this.settings = settings;
  }

  @Override
  public boolean start() {
    schedule(Duration.ZERO);
    return false;
  }

  @Override
  public void onResume() {
    // No I/O here: the tick reads the run, resolves credentials again and rebuilds the driver.
    schedule(Duration.ZERO);
  }

  @Override
  public void stop(Throwable cause) {
    Future<?> pending = next;
    if (pending != null) {
      pending.cancel(false);
    }
    // Stop may be called on the Pipeline's thread: the cancellation (an AWS call) runs on ours.
    scheduler().schedule(() -> {
      busy(1);
      try {
        OperationStepRun current = running();
        try (ACLContext as = current.actAsBuild()) {
          current.stop(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        current.close();
      } catch (Exception | LinkageError e) {
        log("could not cancel " + settings.step() + ": " + e.getMessage() + "; check it in the SageMaker console");
      } finally {
        busy(-1);
        failed(cause);
      }
    }, Duration.ZERO);
  }

  /** True while a tick (or a stop) is talking to AWS for this step: Jenkins then waits before it restarts. */
  @Override
  public synchronized boolean blocksRestart() {
    return busy > 0;
  }

  @Override
  public String getStatus() {
    OperationStepRun current = running;
    if (current != null) {
      return current.driver.status();
    }
    return settings.step() + ": " + (state == null ? "starting" : "resuming from its saved state");
  }

  /** The operation's saved state (JSON), or {@code null} before it began; for tests and diagnostics. */
  String savedState() {
    return state;
  }

  private void tick() {
    if (StepScheduler.isTerminating()) {
      // Jenkins is going down: leave the step as saved, onResume carries on after the restart.
      return;
    }
    busy(1);
    try {
      OperationStepRun current = running();
      try (ACLContext as = current.actAsBuild()) {
        current.driver.tick();
      }
    } catch (AbortException e) {
      fail(e);
    } catch (OperationInputException e) {
      fail(new AbortException(settings.step() + " cannot run:\n" + e.getMessage()));
    } catch (StepArgumentException | IllegalArgumentException | IllegalStateException | AwsConfigurationException
        | GitException e) {
      fail(new AbortException(settings.step() + ": " + e.getMessage()));
    } catch (IOException | InterruptedException | RuntimeException | LinkageError | AssertionError
        | StackOverflowError e) {
      // Anything else would vanish in the scheduler's future and leave the step waiting forever.
      fail(e);
    } finally {
      busy(-1);
    }
  }

  private synchronized void busy(int change) {
    busy += change;
  }

  /** The driver of this start or resume, built on the first tick after it. */
  private OperationStepRun running() throws IOException, InterruptedException {
    OperationStepRun current = running;
    if (current == null) {
      synchronized (this) {
        current = running;
        if (current == null) {
          current = OperationStepRun.start(this);
          running = current;
        }
      }
    }
    return current;
  }

  void schedule(Duration delay) {
    next = scheduler().schedule(this::tick, delay);
  }

  private void fail(Throwable failure) {
    OperationStepRun current = running;
    if (current != null) {
      current.close();
    }
    failed(failure);
  }

  /** Reports the step's end to Jenkins, unless Jenkins is shutting down (the step then ends after the restart). */
  void succeeded(Object result) {
    if (!StepScheduler.isTerminating()) {
      getContext().onSuccess(result);
    }
  }

  void failed(Throwable failure) {
    if (!StepScheduler.isTerminating()) {
      getContext().onFailure(failure);
    }
  }

  /**
   * Asks Jenkins to save the program when {@code stateJson} or the record changed since the last
   * save; a save that fails is logged (Jenkins saves asynchronously and would otherwise drop it).
   */
  void save(String stateJson) {
    boolean changed = !stateJson.equals(state);
    state = stateJson;
    if (!(record.takeChanges() | changed)) {
      return;
    }
    Futures.addCallback(getContext().saveState(), new FutureCallback<Void>() {
      @Override
      public void onSuccess(Void result) {}

      @Override
      public void onFailure(Throwable t) {
        LOGGER.log(Level.WARNING, t, () -> settings.step() + ": could not save the Pipeline program with the step's state");
        log(settings.step() + ": could not save its state (" + t + "); a restart now would repeat the last poll");
      }
    }, MoreExecutors.directExecutor());
  }

  private void log(String line) {
    try {
      StepContext context = getContext();
      TaskListener listener = context.get(TaskListener.class);
      if (listener != null) {
        listener.getLogger().println(line);
      }
    } catch (IOException | InterruptedException e) {
      // The log is gone with the run; the failure itself still reaches Jenkins.
    }
  }
}
