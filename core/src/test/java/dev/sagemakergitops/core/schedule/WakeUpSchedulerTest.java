package dev.sagemakergitops.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeUpSchedulerTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  private WakeUpScheduler scheduler(int workers) {
    return new WakeUpScheduler(clock, duration -> {
      sleeps.add(duration);
      clock.advance(duration);
    }, workers);
  }

  /** Work that wakes {@code times} times, {@code every} apart, noting when and on which thread. */
  private final class Poller implements Wakeable {
    private final Duration every;
    private int left;
    final List<Instant> wokenAt = new ArrayList<>();
    final List<String> threads = new ArrayList<>();

    Poller(int times, Duration every) {
      this.left = times;
      this.every = every;
    }

    @Override
    public Optional<Duration> wake() {
      wokenAt.add(clock.instant());
      threads.add(Thread.currentThread().getName());
      return --left > 0 ? Optional.of(every) : Optional.empty();
    }
  }

  @Test
  void runAll_whenManyRunsWaitAtOnce_passesTheSharedClockOnceToEachEarliestWakeUp() throws Exception {
    WakeUpScheduler scheduler = scheduler(4);
    List<Poller> pollers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Poller poller = new Poller(10, Duration.ofMinutes(1));
      pollers.add(poller);
      scheduler.submit(poller);
    }
    Instant start = clock.instant();

    scheduler.runAll();

    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(9));
    assertThat(sleeps).hasSize(9).containsOnly(Duration.ofMinutes(1));
    for (Poller poller : pollers) {
      assertThat(poller.wokenAt).hasSize(10).first().isEqualTo(start);
      assertThat(poller.wokenAt).last().isEqualTo(start.plus(Duration.ofMinutes(9)));
    }
  }

  @Test
  void runAll_whenFiveHundredRunsWait_usesOnlyItsWorkers() throws Exception {
    WakeUpScheduler scheduler = scheduler(3);
    List<Poller> pollers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Poller poller = new Poller(3, Duration.ofSeconds(30 + i % 7));
      pollers.add(poller);
      scheduler.submit(poller);
    }

    scheduler.runAll();

    assertThat(pollers.stream().flatMap(p -> p.threads.stream()).distinct())
        .hasSizeLessThanOrEqualTo(3).allMatch(name -> name.startsWith("sagemaker-gitops-worker-"));
    assertThat(pollers).allMatch(p -> p.wokenAt.size() == 3);
  }

  @Test
  void runAll_whenRunsWakeAtDifferentTimes_wakesEachWhenItIsDueAndInOrder() throws Exception {
    WakeUpScheduler scheduler = scheduler(1);
    Poller slow = new Poller(2, Duration.ofMinutes(10));
    Poller fast = new Poller(3, Duration.ofMinutes(2));
    scheduler.submit(slow);
    scheduler.submit(fast);
    Instant start = clock.instant();

    scheduler.runAll();

    assertThat(fast.wokenAt).containsExactly(start, start.plusSeconds(120), start.plusSeconds(240));
    assertThat(slow.wokenAt).containsExactly(start, start.plusSeconds(600));
    assertThat(sleeps).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(6));
  }

  @Test
  void runAll_whenWorkSubmitsMoreWork_runsItToo() throws Exception {
    WakeUpScheduler scheduler = scheduler(2);
    Poller second = new Poller(2, Duration.ofSeconds(5));
    scheduler.submit(() -> {
      scheduler.submit(second);
      return Optional.empty();
    });

    scheduler.runAll();

    assertThat(second.wokenAt).hasSize(2);
  }

  @Test
  void runAll_whenOnePieceThrows_endsItOnlyAndThrowsOnceTheRestIsOver() {
    WakeUpScheduler scheduler = scheduler(2);
    Poller other = new Poller(3, Duration.ofSeconds(5));
    scheduler.submit(() -> {
      throw new IllegalStateException("broken");
    });
    scheduler.submit(other);

    assertThatThrownBy(scheduler::runAll).isInstanceOf(IllegalStateException.class).hasMessage("broken");
    assertThat(other.wokenAt).hasSize(3);
  }

  @Test
  void runAll_whenInterrupted_tellsTheWaitingWorkAndStartsNothingMore() throws Exception {
    AtomicInteger told = new AtomicInteger();
    WakeUpScheduler scheduler = new WakeUpScheduler(clock, duration -> {
      throw new InterruptedException("build aborted");
    }, 2);
    for (int i = 0; i < 5; i++) {
      scheduler.submit(new Wakeable() {
        @Override
        public Optional<Duration> wake() {
          return Optional.of(Duration.ofMinutes(1));
        }

        @Override
        public void interrupted() {
          told.incrementAndGet();
        }
      });
    }

    assertThatThrownBy(scheduler::runAll).isInstanceOf(InterruptedException.class);
    assertThat(told).hasValue(5);
  }
}
