package dev.sagemakergitops.core.operation.deploy;

import java.util.List;

/**
 * A deploy that took.
 *
 * @param endpointName the endpoint
 * @param endpointArn its ARN
 * @param endpointConfigName the configuration it now serves (verified)
 * @param modelName the model it serves
 * @param imageDigest the image digest verified on every variant (as pinned)
 * @param change {@code CREATED}, {@code UPDATED} or {@code UNCHANGED}
 * @param previousEndpointConfigName the configuration it served before, or {@code null}
 * @param alarmsSeen rollback alarms seen in ALARM during the bakes (the deployment still took)
 * @param deleted models and configurations the clean-up deleted
 */
public record DeployResult(String endpointName, String endpointArn, String endpointConfigName, String modelName,
    String imageDigest, String change, String previousEndpointConfigName, List<String> alarmsSeen,
    List<String> deleted) {

  public DeployResult {
    alarmsSeen = List.copyOf(alarmsSeen);
    deleted = List.copyOf(deleted);
  }
}
