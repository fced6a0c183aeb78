package dev.sagemakergitops.core.operation.support;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts HTTP attempts (every retry included) and calls, so a fault-injection test can show that
 * faults really hit: more attempts than calls means the SDK had to retry.
 */
public final class AttemptCounter implements ExecutionInterceptor {
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.incrementAndGet();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.incrementAndGet();
  }

  public int calls() {
    return calls.get();
  }

  public int attempts() {
    return attempts.get();
  }
}
