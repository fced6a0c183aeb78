package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.operation.OperationInputException;
import hudson.AbortException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of the read-only steps ({@code sagemakerValidate}, {@code sagemakerPlan}): the work
 * runs once on the plugin's scheduler, off the Pipeline's thread; a restart in the middle runs it
 * again, which is safe because it changes nothing. Only the report (a class) and the step's plain
 * arguments are persisted.
 */
public final class ReportStepExecution extends StepExecution {
  private static final long serialVersionUID = 1L;

  private final Report report;
  private final StepSettings settings;

  private transient volatile TickScheduler scheduler;
  private transient volatile Future<?> running;

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
  public String getStatus() {
    return settings.step() + ": reading " + (settings.ref() == null ? "the build's commit" : settings.ref());
  }

  /** Runs the work on {@code ticks} instead of the shared scheduler; for tests. */
  void runOn(TickScheduler ticks) {
    this.scheduler = ticks;
  }

  private void run() {
    try {
      Map<String, Object> result = report.run(settings, StepRuntime.of(getContext(), settings));
      getContext().onSuccess(new LinkedHashMap<>(result));
    } catch (OperationInputException | AwsConfigurationException | GitException | IllegalArgumentException e) {
      getContext().onFailure(new AbortException(settings.step() + ": " + e.getMessage()));
    } catch (Exception e) {
      getContext().onFailure(e);
    }
  }

  private TickScheduler scheduler() {
    TickScheduler current = scheduler;
    return current != null ? current : StepScheduler.shared();
  }
}
