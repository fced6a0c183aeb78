package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.List;
import java.util.Map;

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
    List<String> deleted) implements Recordable {

  public DeployResult {
    alarmsSeen = List.copyOf(alarmsSeen);
    deleted = List.copyOf(deleted);
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  /**
   * The endpoint, as this run left it. Whether the model and endpoint config were created by this
   * run or found by name is in the run's events; the summary names both.
   */
  @Override
  public List<RecordedResource> recordResources() {
    if ("CREATED".equals(change)) {
      return List.of(RecordedResource.created("endpoint", endpointName, endpointArn));
    }
    if ("UPDATED".equals(change)) {
      return List.of(RecordedResource.updated("endpoint", endpointName, endpointArn));
    }
    return List.of(RecordedResource.reused("endpoint", endpointName, endpointArn));
  }
}
