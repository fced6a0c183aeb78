package dev.sagemakergitops.jenkins;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What the plugin's two step executions share: their work runs on the plugin's scheduler
 * ({@link StepScheduler}), off the Pipeline's thread, under the administrator's settings
 * ({@link AdminPolicy}); tests replace both. Neither is persisted: after a restart the execution
 * finds the shared scheduler and the settings again.
 */
abstract class ScheduledStepExecution extends StepExecution {
  private static final long serialVersionUID = 1L;

  private transient volatile TickScheduler scheduler;
  private transient volatile AdminPolicy policy;

  ScheduledStepExecution(StepContext context) {
    super(context);
  }

  /** Runs the work on {@code ticks} instead of the shared scheduler; tests play it on virtual time. */
  void runOn(TickScheduler ticks) {
    this.scheduler = ticks;
  }

  /** Runs under {@code given} instead of the administrator's settings; for tests, which have no Jenkins. */
  void runUnder(AdminPolicy given) {
    this.policy = given;
  }

  /** The scheduler the work runs on: the plugin's shared one, unless a test gave another. */
  TickScheduler scheduler() {
    TickScheduler current = scheduler;
    return current != null ? current : StepScheduler.shared();
  }

  /** The administrator's settings a test gave, or {@code null} for Jenkins' own. */
  AdminPolicy policy() {
    return policy;
  }
}
