package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import java.util.ArrayList;
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
 * @param created the shadow model and experiment this run created; the others it found by name and
 *     reused
 * @param deployment with {@code Promote}: the safe deploy that rolled the manifest out once the shadow
 *     passed (the endpoint's configuration and variant names are the manifest's); else {@code null}
 */
public record ShadowTestReport(String endpointName, String experimentName, String experimentArn,
    String productionVariant, String productionModel, String shadowVariant, String shadowModel, Verdict verdict,
    ShadowComparison comparison, String action, List<String> created, DeployResult deployment) implements Recordable {

  public ShadowTestReport {
    created = created == null ? List.of() : List.copyOf(created);
  }

  /** One line for a build log. */
  public String summary() {
    if (verdict == Verdict.ALREADY_SERVING) {
      return "endpoint " + endpointName + " already serves model " + shadowModel + "; no shadow test was needed";
    }
    return "shadow test " + experimentName + " " + verdict + " (" + action + "): "
        + (comparison == null ? "" : comparison.summary())
        + (deployment == null ? "" : "; deployed with safe deploy: " + endpointName + " serves "
            + deployment.endpointConfigName());
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  /**
   * The shadow model and the experiment, each created by this run or reused (a re-run that attached
   * to them, or an endpoint that already served the model), then what the promotion's safe deploy
   * touched.
   */
  @Override
  public List<RecordedResource> recordResources() {
    return resources(shadowModel, true, experimentName, experimentArn, created, deployment);
  }

  /**
   * What a shadow test touched, for a run that may have stopped on the way: what it created, and
   * the model it reused once {@code modelUsed}.
   *
   * @param experimentName the experiment, or {@code null} when the run has none
   * @param promotion the promotion's safe deploy (its result or its state), or {@code null}; its model
   *     is the shadow model, listed once
   */
  static List<RecordedResource> resources(String modelName, boolean modelUsed, String experimentName,
      String experimentArn, List<String> created, Recordable promotion) {
    List<RecordedResource> out = new ArrayList<>();
    if (created.contains(modelName)) {
      out.add(RecordedResource.created("model", modelName, null));
    } else if (modelUsed) {
      out.add(RecordedResource.reused("model", modelName, null));
    }
    if (experimentName != null) {
      out.add(created.contains(experimentName)
          ? RecordedResource.created("inference-experiment", experimentName, experimentArn)
          : RecordedResource.reused("inference-experiment", experimentName, experimentArn));
    }
    if (promotion != null) {
      promotion.recordResources().stream()
          .filter(r -> !(r.kind().equals("model") && r.name().equals(modelName)))
          .forEach(out::add);
    }
    return out;
  }
}
