package dev.sagemakergitops.jenkins;

import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.listeners.ItemListener;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;

/**
 * The plugin's own scheduler. Not Jenkins' {@code Timer}: that is shared by all of Jenkins, capped
 * at ten threads and meant for tasks that return at once (workflow-api's {@code FlowExecutionList}
 * says as much), while a tick makes a few AWS calls, each bounded by the SDK's timeouts. A tick holds
 * a thread only while it runs; between polls a step holds nothing, whether it waits a minute or a
 * day. The pool is bounded ({@value #THREADS} daemon threads, which end after a minute idle), as
 * workflow-durable-task-step's own pool is.
 *
 * <p>Shutdown, in Jenkins' order ({@code Jenkins.cleanUp}): {@code ItemListener.onBeforeShutdown}
 * marks the scheduler as terminating, so no tick starts and no step completes from then on (a step
 * that would have completed does so after the restart, from its saved state: the driver saves the
 * final state before it reports the end). The terminator then runs once every Pipeline build is
 * suspended ({@code requires = EXECUTIONS_SUSPENDED}) and stops the pool for good: a tick that was
 * running and asks for another gets none, and the pool is never made again in this JVM's Jenkins.
 * After the next start (the same JVM under the test harness's restarts) an initializer opens it
 * again, and {@code onResume} re-arms every waiting step.
 */
public final class StepScheduler {
  static final int THREADS = 16;

  private static ScheduledThreadPoolExecutor executor;
  private static volatile boolean terminated;
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
        return StepScheduler.schedule(task, Math.max(0, (long) (delay.toMillis() / factor)));
      }

      @Override
      public Clock clock() {
        return time;
      }
    };
  }

  /**
   * True from the moment Jenkins begins to shut down until it starts again: ticks do nothing and
   * steps report no end meanwhile (they resume after the restart).
   */
  public static boolean isTerminating() {
    return terminated;
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

  private static synchronized Future<?> schedule(Runnable task, long delayMillis) {
    if (terminated) {
      // Not run, and not kept: the step is persisted and onResume re-arms it after the restart.
      CompletableFuture<Void> never = new CompletableFuture<>();
      never.cancel(false);
      return never;
    }
    if (executor == null) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, threads());
      pool.setKeepAliveTime(1, TimeUnit.MINUTES);
      pool.allowCoreThreadTimeOut(true);
      pool.setRemoveOnCancelPolicy(true);
      executor = pool;
    }
    return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Jenkins is about to shut down: from now on no tick starts and no step completes. */
  static void terminating() {
    terminated = true;
  }

  /**
   * Stops the pool once every Pipeline build is suspended; waiting steps are persisted and re-armed
   * by {@code onResume} after the restart. Ticks still running are interrupted.
   */
  @Terminator(requires = FlowExecutionList.EXECUTIONS_SUSPENDED)
  public static synchronized void shutdown() {
    terminated = true;
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  /** Opens the scheduler again when Jenkins starts (again, in the same JVM under the test harness). */
  @Initializer(after = InitMilestone.PLUGINS_STARTED)
  public static synchronized void open() {
    terminated = false;
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

  /**
   * Tells the scheduler that Jenkins is shutting down, before the terminators run (workaround of
   * workflow-durable-task-step's {@code CheckForTerminating}: {@code Jenkins.isTerminating()} is set
   * only after them).
   */
  @Extension
  public static final class ShutdownListener extends ItemListener {
    @Override
    public void onBeforeShutdown() {
      terminating();
    }
  }
}
