package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deploy that took.
 *
 * @param endpointName the endpoint
 * @param endpointArn its ARN
 * @param endpointConfigName the configuration it now serves (verified)
 * @param modelName the model it serves
 * @param imageDigest the image digest verified on every variant (as pinned)
 * @param change {@code CREATED}, {@code UPDATED} or {@code UNCHANGED} ({@link EndpointChange})
 * @param previousEndpointConfigName the configuration it served before, or {@code null}
 * @param alarmsSeen rollback alarms seen in ALARM during the bakes (the deployment still took)
 * @param deleted models and configurations the clean-up deleted
 * @param created the model and endpoint configuration this run created; the others it reused
 * @param smokeTests what each smoke-test request got back (empty without a smoke test)
 */
public record DeployResult(String endpointName, String endpointArn, String endpointConfigName, String modelName,
    String imageDigest, String change, String previousEndpointConfigName, List<String> alarmsSeen,
    List<String> deleted, List<String> created, List<SmokeTestResult> smokeTests) implements Recordable {

  public DeployResult {
    alarmsSeen = List.copyOf(alarmsSeen);
    deleted = List.copyOf(deleted);
    created = List.copyOf(created);
    smokeTests = smokeTests == null ? List.of() : List.copyOf(smokeTests);
  }

  /** A result without smoke tests. */
  public DeployResult(String endpointName, String endpointArn, String endpointConfigName, String modelName,
      String imageDigest, String change, String previousEndpointConfigName, List<String> alarmsSeen,
      List<String> deleted, List<String> created) {
    this(endpointName, endpointArn, endpointConfigName, modelName, imageDigest, change, previousEndpointConfigName,
        alarmsSeen, deleted, created, List.of());
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  /** The model, the endpoint configuration and the endpoint, each created, reused or updated. */
  @Override
  public List<RecordedResource> recordResources() {
    return resources(modelName, endpointConfigName, endpointName, endpointArn,
        change == null ? null : EndpointChange.valueOf(change), created);
  }

  /**
   * What a deploy touched, for a run that may have stopped on the way: what it created, and once it
   * decided on the endpoint ({@code change} is set) the model and configuration it reused and the
   * endpoint itself.
   */
  static List<RecordedResource> resources(String modelName, String configName, String endpointName,
      String endpointArn, EndpointChange change, List<String> created) {
    boolean decided = change != null;
    List<RecordedResource> out = new ArrayList<>();
    if (created.contains(modelName)) {
      out.add(RecordedResource.created("model", modelName, null));
    } else if (decided) {
      out.add(RecordedResource.reused("model", modelName, null));
    }
    if (created.contains(configName)) {
      out.add(RecordedResource.created("endpoint-config", configName, null));
    } else if (decided) {
      out.add(RecordedResource.reused("endpoint-config", configName, null));
    }
    if (change == EndpointChange.CREATED) {
      out.add(RecordedResource.created("endpoint", endpointName, endpointArn));
    } else if (change == EndpointChange.UPDATED) {
      out.add(RecordedResource.updated("endpoint", endpointName, endpointArn));
    } else if (decided) {
      out.add(RecordedResource.reused("endpoint", endpointName, endpointArn));
    }
    return out;
  }
}
