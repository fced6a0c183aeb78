package dev.sagemakergitops.jenkins;

import hudson.init.Terminator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's own scheduler. Not Jenkins' {@code Timer}: that is shared by all of Jenkins, capped
 * at ten threads and meant for tasks that return at once, while a tick makes a few AWS calls (each
 * bounded by the SDK's timeouts). A tick holds a thread only while it runs; between polls a step
 * holds nothing, whether it waits a minute or a day. Threads are daemons and the pool is shut down
 * when Jenkins stops, after which resumed steps re-arm on the next start.
 */
public final class StepScheduler {
  private static final int THREADS = 4;
  private static ScheduledThreadPoolExecutor executor;
  private static volatile Clock clock = Clock.systemUTC();
  private static volatile double speed = 1;

  private StepScheduler() {}

  /** The shared scheduler, created on first use, on the system clock. */
  public static TickScheduler shared() {
    Clock time = clock;
    double factor = speed;
    return new TickScheduler() {
      @Override
      public Future<?> schedule(Runnable task, Duration delay) {
        return executor().schedule(task, Math.max(0, (long) (delay.toMillis() / factor)), TimeUnit.MILLISECONDS);
      }

      @Override
      public Clock clock() {
        return time;
      }
    };
  }

  /**
   * For the plugin's JenkinsRule tests only, whose AWS (the local control plane) runs on a clock
   * {@code factor} times faster than real time: steps then measure time by {@code faster} and wait
   * {@code factor} times less. {@code (Clock.systemUTC(), 1)} restores the default.
   */
  static void runFaster(Clock faster, double factor) {
    if (factor <= 0) {
      throw new IllegalArgumentException("a speed factor is positive, got " + factor);
    }
    clock = faster;
    speed = factor;
  }

  private static synchronized ScheduledThreadPoolExecutor executor() {
    if (executor == null || executor.isShutdown()) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, threads());
      pool.setRemoveOnCancelPolicy(true);
      executor = pool;
    }
    return executor;
  }

  /** Stops the pool when Jenkins shuts down; waiting steps are persisted and re-armed by {@code onResume}. */
  @Terminator
  public static synchronized void shutdown() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    ClassLoader plugin = StepScheduler.class.getClassLoader();
    return task -> {
      Thread thread = new Thread(task, "sagemaker-gitops step " + count.incrementAndGet());
      thread.setDaemon(true);
      // The AWS SDK finds some of its parts through the context class loader: make it the plugin's.
      thread.setContextClassLoader(plugin);
      return thread;
    };
  }
}
