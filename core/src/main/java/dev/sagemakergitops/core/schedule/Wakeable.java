package dev.sagemakergitops.core.schedule;

import java.time.Duration;
import java.util.Optional;

/** Work that the {@link WakeUpScheduler} calls again and again, each time it is due, until it says it is over. */
@FunctionalInterface
public interface Wakeable {

  /**
   * Does the next piece of work, without waiting.
   *
   * @return how long from now to call again, or empty when the work is over
   */
  Optional<Duration> wake();

  /**
   * The scheduler was interrupted (the build was aborted) while this work waited: stop, saving what
   * a later run needs. Not called on work that is over. Does nothing unless overridden.
   */
  default void interrupted() {}
}
