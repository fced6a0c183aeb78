package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The shared scheduler across a Jenkins shutdown: once its terminator ran, nothing runs on it and no
 * pool is made again until Jenkins starts (where steps re-arm from their saved state).
 */
// Alone in its JVM while it runs: it shuts the shared StepScheduler down and opens it again, and reads every thread of the JVM.
@Isolated
class StepSchedulerTest {

  @AfterEach
  void startJenkinsAgain() {
    StepScheduler.open();
  }

  @Test
  void schedule_afterShutdown_runsNothingAndMakesNoNewPool() throws InterruptedException {
    CountDownLatch before = new CountDownLatch(1);
    StepScheduler.shared().schedule(before::countDown, Duration.ZERO);
    assertThat(before.await(10, TimeUnit.SECONDS)).as("a tick before the shutdown runs").isTrue();

    StepScheduler.shutdown();
    CountDownLatch after = new CountDownLatch(1);
    Future<?> tick = StepScheduler.shared().schedule(after::countDown, Duration.ZERO);

    assertThat(after.await(500, TimeUnit.MILLISECONDS)).as("a tick asked for after the shutdown runs").isFalse();
    assertThat(tick.isCancelled()).isTrue();
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("sagemaker-gitops step"));
  }

  @Test
  void aTickRunningAtShutdown_thatAsksForAnother_getsNone() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch rearmed = new CountDownLatch(1);
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      runs.incrementAndGet();
      running.countDown();
      try {
        // An AWS call in flight; the shutdown interrupts it, and the driver asks for a retry.
        Thread.sleep(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        StepScheduler.shared().schedule(poll[0], Duration.ZERO);
        rearmed.countDown();
      }
    };
    StepScheduler.shared().schedule(poll[0], Duration.ZERO);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    StepScheduler.shutdown();

    assertThat(rearmed.await(10, TimeUnit.SECONDS)).as("the interrupted tick asked for another").isTrue();
    Thread.sleep(300);
    assertThat(runs).as("ticks run").hasValue(1);
  }

  @Test
  void isTerminating_fromBeforeShutdownUntilJenkinsStartsAgain() {
    assertThat(StepScheduler.isTerminating()).isFalse();

    new StepScheduler.ShutdownListener().onBeforeShutdown();

    assertThat(StepScheduler.isTerminating()).isTrue();
    StepScheduler.open();
    assertThat(StepScheduler.isTerminating()).isFalse();
  }
}
