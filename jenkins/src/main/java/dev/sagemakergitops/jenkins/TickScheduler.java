package dev.sagemakergitops.jenkins;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Where steps run their work: later, on a thread of the plugin's own, never on the Pipeline's
 * thread and never holding an executor. {@link StepScheduler#shared()} in Jenkins; tests run ticks
 * themselves on virtual time.
 */
public interface TickScheduler {

  /** Runs {@code task} once, {@code delay} from now; the future cancels it. */
  Future<?> schedule(Runnable task, Duration delay);
}
