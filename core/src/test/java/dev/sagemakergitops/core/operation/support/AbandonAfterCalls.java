package dev.sagemakergitops.core.operation.support;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Simulates a process that dies right after its {@code n}th AWS call succeeded: the call took
 * effect in AWS, but its answer is lost and nothing after it runs. Thrown as an {@link Error} so no
 * {@code catch (RuntimeException)} in the code under test can swallow it, exactly like a killed
 * process.
 */
public final class AbandonAfterCalls implements ExecutionInterceptor {
  private final int limit;
  private final AtomicInteger made = new AtomicInteger();

  public AbandonAfterCalls(int limit) {
    this.limit = limit;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (made.incrementAndGet() >= limit) {
      throw new Abandoned(limit);
    }
  }

  /** How many calls completed (including the one that abandoned). */
  public int made() {
    return made.get();
  }

  /** The process "died". */
  public static final class Abandoned extends Error {
    public Abandoned(int call) {
      super("abandoned after AWS call " + call);
    }
  }
}
