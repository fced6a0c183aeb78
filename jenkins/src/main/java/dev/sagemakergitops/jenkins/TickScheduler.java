package dev.sagemakergitops.jenkins;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Where steps run their work, and the time they run it by: later, on a thread of the plugin's own,
 * never on the Pipeline's thread and never holding an executor. {@link StepScheduler#shared()} on
 * the system clock in Jenkins; tests run ticks themselves on virtual time, and give the operations
 * that virtual clock too, so that deadlines, bakes and records agree with the AWS they talk to.
 */
public interface TickScheduler {

  /** Runs {@code task} once, {@code delay} from now; the future cancels it. */
  Future<?> schedule(Runnable task, Duration delay);

  /** The clock operations measure deadlines and record times with. */
  default Clock clock() {
    return Clock.systemUTC();
  }
}
