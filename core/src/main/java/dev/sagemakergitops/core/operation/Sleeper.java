package dev.sagemakergitops.core.operation;

import java.time.Duration;

/**
 * Waits between polls. The command line sleeps; tests and benchmarks advance the local control
 * plane's virtual clock instead, so an hour-long bake takes milliseconds.
 */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Really waits, on the current thread. */
  static Sleeper real() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
