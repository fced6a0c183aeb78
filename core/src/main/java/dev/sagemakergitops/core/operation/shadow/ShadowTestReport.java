package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a shadow test that did what the manifest asked.
 *
 * @param endpointName the endpoint
 * @param experimentName the inference experiment, or {@code null} when none was needed
 * @param experimentArn its ARN, or {@code null}
 * @param productionVariant production's variant
 * @param productionModel the model production served during the test
 * @param shadowVariant the shadow's variant
 * @param shadowModel the manifest's model
 * @param verdict passed, or already serving
 * @param comparison the numbers, or {@code null} when nothing was compared
 * @param action what was done with the shadow variant: {@code Promote}, {@code Retain},
 *     {@code Remove}, or {@code None}
 */
public record ShadowTestReport(String endpointName, String experimentName, String experimentArn,
    String productionVariant, String productionModel, String shadowVariant, String shadowModel, Verdict verdict,
    ShadowComparison comparison, String action) implements Recordable {

  /** One line for a build log. */
  public String summary() {
    if (verdict == Verdict.ALREADY_SERVING) {
      return "endpoint " + endpointName + " already serves model " + shadowModel + "; no shadow test was needed";
    }
    return "shadow test " + experimentName + " " + verdict + " (" + action + "): "
        + (comparison == null ? "" : comparison.summary());
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  @Override
  public List<RecordedResource> recordResources() {
    return experimentName == null ? List.of()
        : List.of(RecordedResource.created("inference-experiment", experimentName, experimentArn));
  }
}
