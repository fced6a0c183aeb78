package dev.sagemakergitops.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Every AWS call the command line made that got an answer, by operation name ({@code CreateTrainingJob}). */
final class CallLog implements ExecutionInterceptor {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  long count(String operation) {
    return calls.stream().filter(operation::equals).count();
  }

  /** Calls that change something: every call but Describe*, List*, Get* and ECR's BatchGetImage. */
  List<String> mutating() {
    return calls.stream().filter(c -> !c.startsWith("Describe") && !c.startsWith("List") && !c.startsWith("Get")
        && !c.startsWith("BatchGet") && !c.startsWith("Head")).toList();
  }

  void clear() {
    calls.clear();
  }
}
