package dev.sagemakergitops.core.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS API call the SDK executes, as {@code Service.Operation} (one entry per call and
 * per page; retries of a call are not counted again). A real SDK interceptor, so the tests see the
 * calls that went over the wire, not calls to a stand-in.
 */
public final class CallCounter implements ExecutionInterceptor {

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** How many calls of {@code operation} (for example {@code DescribeImages}) were made. */
  public long count(String operation) {
    return calls.stream().filter(call -> call.endsWith("." + operation)).count();
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  public void clear() {
    calls.clear();
  }
}
