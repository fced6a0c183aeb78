package dev.sagemakergitops.core.schedule;

import dev.sagemakergitops.core.operation.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows many pieces of {@link Wakeable} work with a fixed number of threads: each is called when
 * it is due, on one of {@code workers} threads, and waits in a queue ordered by its next wake-up in
 * between, holding no thread. The thread that calls {@link #runAll()} is the one timer: it hands due
 * work to the workers and otherwise waits for the earliest wake-up.
 *
 * <p>When no work is running and the earliest wake-up is still ahead, the time in between is passed
 * with the {@link Sleeper} it was given, once for all the work: the real one sleeps; the local
 * control plane's moves its virtual clock to that wake-up, so concurrent operations share one
 * simulated clock and a fleet takes as much simulated time as its longest chain of waits, as it
 * would on AWS. While work is running, the clock is never moved (in real time the timer waits until
 * the next wake-up or the end of a running piece, whichever comes first).
 *
 * <p>Work is called one piece at a time: the same {@link Wakeable} never runs on two threads at once.
 * Work may {@link #submit} more work while it runs.
 */
public final class WakeUpScheduler {
  private final Clock clock;
  private final Sleeper sleeper;
  private final int workers;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Due> queue = new PriorityQueue<>();
  private long sequence;
  private int running;
  private boolean stopping;
  private final List<RuntimeException> failures = new ArrayList<>();

  /**
   * @param clock when work is due
   * @param sleeper how the time to the next wake-up passes when nothing runs
   * @param workers how many pieces run at once (the threads it starts), at least 1
   */
  public WakeUpScheduler(Clock clock, Sleeper sleeper, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers: expected 1 or more, got " + workers);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.workers = workers;
  }

  /** Adds {@code work}, due now. Safe from any thread, the work's own included. */
  public void submit(Wakeable work) {
    lock.lock();
    try {
      queue.add(new Due(clock.instant(), sequence++, Objects.requireNonNull(work, "work")));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs every piece of work, and what it submits, until all of it is over.
   *
   * @throws InterruptedException when the calling thread is interrupted: the work that waits is told
   *     ({@link Wakeable#interrupted()}), so is the running work when its piece ends, and this returns
   *     once none runs
   * @throws RuntimeException the first exception a piece of work threw (that work is over; the
   *     rest ran to its end), with the others suppressed in it
   */
  public void runAll() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(workers, new WorkerThreads());
    try {
      loop(pool);
    } catch (InterruptedException e) {
      stopAll();
      throw e;
    } finally {
      pool.shutdown();
    }
    lock.lock();
    try {
      if (!failures.isEmpty()) {
        RuntimeException first = failures.get(0);
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        throw first;
      }
    } finally {
      lock.unlock();
    }
  }

  private void loop(ExecutorService pool) throws InterruptedException {
    lock.lock();
    try {
      while (!queue.isEmpty() || running > 0) {
        Due head = queue.peek();
        Instant now = head == null ? null : clock.instant();
        if (head != null && !head.at().isAfter(now) && running < workers) {
          queue.poll();
          running++;
          pool.execute(() -> wake(head.work()));
        } else if (running > 0) {
          if (head == null || running >= workers) {
            changed.await();
          } else {
            changed.await(Math.max(1, Duration.between(now, head.at()).toMillis()), TimeUnit.MILLISECONDS);
          }
        } else {
          Duration wait = Duration.between(now, head.at());
          lock.unlock();
          try {
            sleeper.sleep(wait);
          } finally {
            lock.lock();
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void wake(Wakeable work) {
    Optional<Duration> next;
    try {
      next = work.wake();
    } catch (RuntimeException e) {
      next = Optional.empty();
      lock.lock();
      try {
        failures.add(e);
      } finally {
        lock.unlock();
      }
    }
    boolean stop;
    lock.lock();
    try {
      stop = stopping && next.isPresent();
      if (next.isPresent() && !stopping) {
        queue.add(new Due(clock.instant().plus(next.get()), sequence++, work));
      }
    } finally {
      lock.unlock();
    }
    if (stop) {
      interrupt(work);
    }
    lock.lock();
    try {
      running--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** After an interrupt: tells the waiting work, and waits (uninterruptibly) for the running pieces to end. */
  private void stopAll() {
    List<Wakeable> waiting = new ArrayList<>();
    lock.lock();
    try {
      stopping = true;
      queue.forEach(due -> waiting.add(due.work()));
      queue.clear();
    } finally {
      lock.unlock();
    }
    waiting.forEach(WakeUpScheduler::interrupt);
    lock.lock();
    try {
      while (running > 0) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  private static void interrupt(Wakeable work) {
    try {
      work.interrupted();
    } catch (RuntimeException ignored) {
      // The work reported it (a cancellation that failed says so in its progress); the others still stop.
    }
  }

  /** A piece of work and when it is due; ties go to the one queued first. */
  private record Due(Instant at, long sequence, Wakeable work) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  /** Daemon threads, named so that a thread dump shows what they are. */
  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "sagemaker-gitops-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
