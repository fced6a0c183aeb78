package dev.sagemakergitops.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls per second of one call repeated from one or several threads: timed rounds with their
 * printed rates and median, and a fixed number of calls shared out among threads.
 */
final class CallRate {
  private CallRate() {}

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  static double[] rounds(String label, Call call, int threads, int rounds, int seconds) throws Exception {
    System.out.printf(Locale.ROOT, "%s: %d rounds of %d s%n", label, rounds, seconds);
    double[] rates = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      rates[i] = runFor(call, threads, Duration.ofSeconds(seconds));
      System.out.printf(Locale.ROOT, "  round %d: %,.0f calls/s%n", i + 1, rates[i]);
    }
    System.out.printf(Locale.ROOT, "  median:  %,.0f calls/s%n%n", median(rates));
    return rates;
  }

  /** Calls per second of {@code threads} threads calling {@code call} in a loop for {@code length}. */
  static double runFor(Call call, int threads, Duration length) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      long[] counts = new long[threads];
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long[] window = new long[2];
      for (int t = 0; t < threads; t++) {
        int index = t;
        pool.execute(() -> {
          ready.countDown();
          try {
            go.await();
            long deadline = window[0] + length.toNanos();
            long n = 0;
            while (System.nanoTime() < deadline) {
              call.run();
              n++;
            }
            counts[index] = n;
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        });
      }
      ready.await();
      window[0] = System.nanoTime();
      go.countDown();
      pool.shutdown();
      if (!pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a round did not finish");
      }
      long elapsed = System.nanoTime() - window[0];
      if (failure.get() != null) {
        throw new IllegalStateException("a call failed", failure.get());
      }
      return Arrays.stream(counts).sum() / (elapsed / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Exactly {@code total} calls, shared out among {@code threads} threads. */
  static void runCalls(Call call, int threads, int total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = total / threads + (t < total % threads ? 1 : 0);
        done.add(pool.submit(() -> {
          for (int i = 0; i < share; i++) {
            call.run();
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
