package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.local.LocalControlPlane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the command line's AWS calls per service, per simulated second and per wall second. */
final class FleetCallCounter implements ExecutionInterceptor {
  private final LocalControlPlane plane;
  private final LongAdder total = new LongAdder();
  private final Map<String, LongAdder> bySimulatedSecond = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byWallSecond = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
  private final AtomicLong wallZero = new AtomicLong(System.nanoTime());

  FleetCallCounter(LocalControlPlane plane) {
    this.plane = plane;
  }

  void reset() {
    total.reset();
    bySimulatedSecond.clear();
    byWallSecond.clear();
    byOperation.clear();
    wallZero.set(System.nanoTime());
  }

  long total() {
    return total.sum();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    total.increment();
    byOperation.computeIfAbsent(service + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        k -> new LongAdder()).increment();
    bySimulatedSecond.computeIfAbsent(service + "@" + plane.clock().instant().getEpochSecond(), k -> new LongAdder())
        .increment();
    byWallSecond.computeIfAbsent(service + "@" + (System.nanoTime() - wallZero.get()) / 1_000_000_000L,
        k -> new LongAdder()).increment();
  }

  /** The calls since the last reset per {@code Service.Operation}, most first. */
  Map<String, Long> byOperation() {
    Map<String, Long> counts = new LinkedHashMap<>();
    byOperation.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
    return counts;
  }

  Map<String, Long> peakPerSimulatedSecond() {
    return peaks(bySimulatedSecond);
  }

  Map<String, Long> peakPerWallSecond() {
    return peaks(byWallSecond);
  }

  private static Map<String, Long> peaks(Map<String, LongAdder> counts) {
    Map<String, Long> peaks = new TreeMap<>();
    counts.forEach((key, count) -> peaks.merge(key.substring(0, key.indexOf('@')), count.sum(), Math::max));
    return peaks;
  }
}
