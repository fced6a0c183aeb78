package dev.sagemakergitops.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Every AWS call a client makes, stamped with the virtual time it was made at and the phase its
 * caller was in (the deploy's stage, or {@code WAITER}): an SDK interceptor, so it sees exactly
 * what went over the wire. Retries of a call by the SDK are not counted again.
 */
final class CallLog implements ExecutionInterceptor {
  private static final ExecutionAttribute<Integer> INDEX = new ExecutionAttribute<>("polling-benchmark-call");

  /**
   * One call.
   *
   * @param at virtual time of the call
   * @param operation {@code Service.Operation}, for example {@code SageMaker.DescribeEndpoint}
   * @param phase what the caller was doing
   * @param sawAlarm a {@code DescribeAlarms} that answered with at least one alarm in ALARM
   */
  record Call(Instant at, String operation, String phase, boolean sawAlarm) {
    boolean is(String name) {
      return operation.endsWith("." + name);
    }
  }

  private final Clock clock;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile String phase = "";

  CallLog(Clock clock) {
    this.clock = clock;
  }

  void phase(String value) {
    phase = value;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    synchronized (calls) {
      attributes.putAttribute(INDEX, calls.size());
      calls.add(new Call(clock.instant(), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
          + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), phase, false));
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    if (response instanceof DescribeAlarmsResponse alarms
        && (alarms.metricAlarms().stream().anyMatch(a -> a.stateValue() == StateValue.ALARM)
            || alarms.compositeAlarms().stream().anyMatch(a -> a.stateValue() == StateValue.ALARM))) {
      synchronized (calls) {
        int index = attributes.getAttribute(INDEX);
        Call call = calls.get(index);
        calls.set(index, new Call(call.at(), call.operation(), call.phase(), true));
      }
    }
  }
}
