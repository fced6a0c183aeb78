package dev.sagemakergitops.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS calls the demo's operations make, by operation name, so the demo can show what a
 * rollback by revert did not do (no training, no registration, no new model or config). An SDK
 * interceptor: it sees exactly the calls that went over the wire.
 */
final class CallTally implements ExecutionInterceptor {
  /** The calls that create or change something, as the demo reports them. */
  static final List<String> MUTATING = List.of("CreateTrainingJob", "CreateModelPackage", "CreateModel",
      "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint");

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
        .incrementAndGet();
  }

  long count(String operation) {
    AtomicLong count = counts.get(operation);
    return count == null ? 0 : count.get();
  }

  long total() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** What the mutating counts are now, to compare with a later snapshot. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    MUTATING.forEach(name -> out.put(name, count(name)));
    return out;
  }
}
