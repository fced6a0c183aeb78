package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.operation.OperationInputException;
import hudson.AbortException;
import hudson.security.ACLContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The execution of the read-only steps ({@code sagemakerValidate}, {@code sagemakerPlan}): the work
 * runs once on the plugin's scheduler, off the Pipeline's thread; a restart in the middle runs it
 * again, which is safe because it changes nothing. Only the report (a class) and the step's plain
 * arguments are persisted. Like the operation steps' ticks, the work runs as the build, blocks a
 * restart while it runs, and does nothing while Jenkins shuts down (it runs again after the restart).
 */
public final class ReportStepExecution extends ScheduledStepExecution {
  private static final long serialVersionUID = 1L;

  private final Report report;
  private final StepSettings settings;

  private transient volatile Future<?> running;
  private transient volatile boolean working;

  ReportStepExecution(StepContext context, Report report, StepSettings settings) {
    super(context);
    this.report = report;
    this.settings = settings;
  }

  @Override
  public boolean start() {
    running = scheduler().schedule(this::run, Duration.ZERO);
    return false;
  }

  @Override
  public void onResume() {
    running = scheduler().schedule(this::run, Duration.ZERO);
  }

  @Override
  public void stop(Throwable cause) {
    Future<?> current = running;
    if (current != null) {
      current.cancel(true);
    }
    getContext().onFailure(cause);
  }

  @Override
  public boolean blocksRestart() {
    return working;
  }

  @Override
  public String getStatus() {
    return settings.step() + ": reading " + (settings.ref() == null ? "the build's commit" : settings.ref());
  }

  private void run() {
    if (StepScheduler.isTerminating()) {
      return;
    }
    working = true;
    Object result;
    try {
      try (StepRuntime runtime = StepRuntime.of(getContext(), settings, policy());
          ACLContext as = runtime.actAsBuild()) {
        result = new LinkedHashMap<>(report.run(settings, runtime));
      }
    } catch (OperationInputException | AwsConfigurationException | GitException | IllegalArgumentException e) {
      result = new AbortException(settings.step() + ": " + e.getMessage());
    } catch (Exception e) {
      result = e;
    } finally {
      working = false;
    }
    if (StepScheduler.isTerminating()) {
      return;
    }
    if (result instanceof Throwable failure) {
      getContext().onFailure(failure);
    } else {
      getContext().onSuccess(result);
    }
  }

}
