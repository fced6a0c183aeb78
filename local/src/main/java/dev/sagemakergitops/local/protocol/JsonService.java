package dev.sagemakergitops.local.protocol;

import java.util.Map;
import java.util.TreeMap;

/**
 * An AWS JSON 1.1 service: requests are {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}.
 * Resource components register their operations here; an unknown operation answers
 * {@code UnknownOperationException} as AWS does.
 */
public final class JsonService {
  private final String name;
  private final String targetPrefix;
  private final Map<String, JsonOperation> operations = new TreeMap<>();

  /**
   * @param name the service's model name, for example {@code sagemaker} (used for request validation)
   * @param targetPrefix for example {@code SageMaker}
   */
  public JsonService(String name, String targetPrefix) {
    this.name = name;
    this.targetPrefix = targetPrefix;
  }

  public String name() {
    return name;
  }

  public String targetPrefix() {
    return targetPrefix;
  }

  /** Registers {@code operation} under its API name, such as {@code CreateTrainingJob}. */
  public JsonService register(String operationName, JsonOperation operation) {
    if (operations.putIfAbsent(operationName, operation) != null) {
      throw new IllegalStateException(targetPrefix + "." + operationName + " is registered twice");
    }
    return this;
  }

  public JsonOperation operation(String operationName) {
    JsonOperation operation = operations.get(operationName);
    if (operation == null) {
      throw new AwsServiceException("UnknownOperationException", 400,
          "The local control plane does not implement " + targetPrefix + "." + operationName);
    }
    return operation;
  }

  public java.util.Set<String> operationNames() {
    return java.util.Collections.unmodifiableSet(operations.keySet());
  }
}
