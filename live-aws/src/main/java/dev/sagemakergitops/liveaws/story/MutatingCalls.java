package dev.sagemakergitops.liveaws.story;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the operations' successful mutating calls by name, an SDK interceptor on their clients:
 * what a revert did and did not do (no new model, no new configuration, one update) is part of
 * the story's answers. Only answered calls count, so a call repeated while AWS's eventual
 * consistency hides what it names counts once, on every account.
 */
final class MutatingCalls implements ExecutionInterceptor {
  private static final java.util.List<String> VERBS = java.util.List.of("Create", "Update", "Delete", "Put", "Register",
      "Deregister", "AddTags", "Stop", "Set");
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (VERBS.stream().anyMatch(operation::startsWith)) {
      counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /** The counts so far, by call name. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((name, count) -> out.put(name, count.get()));
    return out;
  }

  /** The calls made since {@code before} (a {@link #snapshot()}), by name, sorted; none is an empty map. */
  Map<String, Object> since(Map<String, Long> before) {
    Map<String, Object> out = new TreeMap<>();
    snapshot().forEach((name, count) -> {
      long made = count - before.getOrDefault(name, 0L);
      if (made > 0) {
        out.put(name, made);
      }
    });
    return out;
  }
}
