package dev.sagemakergitops.core.operation.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.lineage.VariantLineage;
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
 * @param variants what each variant with its own model serves, or {@code null} when every variant
 *     serves {@code modelName} (then the result reads as it always did)
 * @param containerImageDigests an inference pipeline's image digests, container by container in
 *     order (each verified on every variant), or {@code null} for a model of one container
 * @param smokeTests what each smoke-test request got back (empty without a smoke test)
 */
public record DeployResult(String endpointName, String endpointArn, String endpointConfigName, String modelName,
    String imageDigest, String change, String previousEndpointConfigName, List<String> alarmsSeen,
    List<String> deleted, List<String> created, List<VariantLineage> variants,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> containerImageDigests,
    List<SmokeTestResult> smokeTests) implements Recordable {

  public DeployResult {
    alarmsSeen = List.copyOf(alarmsSeen);
    deleted = List.copyOf(deleted);
    created = List.copyOf(created);
    variants = variants == null || variants.isEmpty() ? null : List.copyOf(variants);
    containerImageDigests = containerImageDigests == null ? null : List.copyOf(containerImageDigests);
    smokeTests = smokeTests == null ? List.of() : List.copyOf(smokeTests);
  }

  /** A result of one model, without smoke tests. */
  public DeployResult(String endpointName, String endpointArn, String endpointConfigName, String modelName,
      String imageDigest, String change, String previousEndpointConfigName, List<String> alarmsSeen,
      List<String> deleted, List<String> created) {
    this(endpointName, endpointArn, endpointConfigName, modelName, imageDigest, change, previousEndpointConfigName,
        alarmsSeen, deleted, created, null, null, List.of());
  }

  @Override
  public List<VariantLineage> recordVariants() {
    return variants == null ? List.of() : variants;
  }

  @Override
  public Map<String, Object> recordSummary() {
    Map<String, Object> summary = new java.util.LinkedHashMap<>(PlainValues.toMap(this));
    if (containerImageDigests == null) {
      // A model of one container records what it always did.
      summary.remove("containerImageDigests");
    }
    return java.util.Collections.unmodifiableMap(summary);
  }

  /** The model, the endpoint configuration and the endpoint, each created, reused or updated. */
  @Override
  public List<RecordedResource> recordResources() {
    List<RecordedResource> out = resources(modelName, endpointConfigName, endpointName, endpointArn,
        change == null ? null : EndpointChange.valueOf(change), created);
    return withVariantModels(out, recordVariants().stream().map(VariantLineage::modelName).toList(), created,
        change != null);
  }

  /** {@code resources} with the variants' own models after the first model, each created or reused once. */
  static List<RecordedResource> withVariantModels(List<RecordedResource> resources, List<String> modelNames,
      List<String> created, boolean decided) {
    List<RecordedResource> out = new ArrayList<>(resources);
    int at = out.isEmpty() || !out.get(0).kind().equals("model") ? 0 : 1;
    for (String name : new java.util.LinkedHashSet<>(modelNames)) {
      if (out.stream().anyMatch(r -> r.kind().equals("model") && r.name().equals(name))) {
        continue;
      }
      if (created.contains(name)) {
        out.add(at++, RecordedResource.created("model", name, null));
      } else if (decided) {
        out.add(at++, RecordedResource.reused("model", name, null));
      }
    }
    return out;
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
