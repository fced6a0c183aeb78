package dev.sagemakergitops.core.operation.deploy;

import java.util.List;

/**
 * What one smoke-test request got back, for the state, the result and the deployment record.
 * Neither body is kept: the request's only by its source and size, the answer not at all (a failed
 * check quotes at most {@link SmokeTestCheck#QUOTE_MAX} characters of it in {@code problems}).
 *
 * @param name the request's name
 * @param location {@code file:line} of the request in the manifest
 * @param variant the variant it was sent to ({@code TargetVariant})
 * @param targetModel its {@code TargetModel}, or {@code null}
 * @param bodySource where the body came from and its size
 * @param status the model's HTTP status (or SageMaker's, when SageMaker refused the request)
 * @param contentType the answer's content type, or {@code null}
 * @param invokedVariant the variant SageMaker says answered, or {@code null}
 * @param latencyMs how long the call took, measured on the run's clock around the call
 * @param passed whether every expectation held
 * @param problems what differed from the expectations, one sentence each
 */
public record SmokeTestResult(String name, String location, String variant, String targetModel, String bodySource,
    int status, String contentType, String invokedVariant, long latencyMs, boolean passed, List<String> problems) {

  public SmokeTestResult {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
