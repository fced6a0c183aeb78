package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.shadow.ShadowComparison;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestReport;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState;

/**
 * Wires {@code shadowTest} to core's {@link ShadowTestOperation}: the manifest's
 * {@code spec.shadowTest} beside its live endpoint, with the step's {@code experimentRoleArn}
 * (default: the model's execution role), {@code dataCaptureUri} (none by default) and
 * {@code runKey} (to test the same model again, for example after an inconclusive test).
 *
 * <p>Returns {@code endpointName}, {@code experimentName}, {@code experimentArn},
 * {@code productionVariant}, {@code productionModel}, {@code shadowVariant}, {@code shadowModel},
 * {@code verdict} ({@code PASSED} or {@code ALREADY_SERVING}; a failed or inconclusive test fails
 * the step), {@code action} ({@code Promote}, {@code Retain}, {@code Remove}, {@code None}),
 * {@code latencyIncreasePercent}, {@code shadowErrorRatePercent}, {@code comparison} (both
 * variants' numbers, the window and the findings) and, with {@code Promote}, {@code deployment}:
 * the promotion's safe deploy, with the keys {@code safeDeploy} returns ({@code endpointConfigName},
 * {@code change}, {@code imageDigest}, ...), so a pipeline sees which configuration it ended on.
 */
final class ShadowTestOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  static final String EXPERIMENT_ROLE_ARN = "experimentRoleArn";
  static final String DATA_CAPTURE_URI = "dataCaptureUri";
  static final String RUN_KEY = RunKeyedOperationStep.RUN_KEY;

  @Override
  public PreparedOperation<ShadowTestRequest, ShadowTestState, ShadowTestReport> prepare(StepRequest request,
      OperationContext context) {
    return new PreparedOperation<>(new ShadowTestOperation(context),
        manifest -> new ShadowTestRequest(manifest, request.option(EXPERIMENT_ROLE_ARN).orElse(null),
            request.option(DATA_CAPTURE_URI).orElse(null), request.option(RUN_KEY).orElse(null)),
        ShadowTestOperationFactory::result);
  }

  static StepResult result(ShadowTestState state, ShadowTestReport report) {
    ShadowComparison comparison = report.comparison();
    StepResult result = new StepResult()
        .put("endpointName", report.endpointName())
        .put("experimentName", report.experimentName())
        .put("experimentArn", report.experimentArn())
        .put("productionVariant", report.productionVariant())
        .put("productionModel", report.productionModel())
        .put("shadowVariant", report.shadowVariant())
        .put("shadowModel", report.shadowModel())
        .put("verdict", report.verdict())
        .put("action", report.action())
        .put("latencyIncreasePercent", comparison == null ? null : comparison.latencyIncreasePercent())
        .put("shadowErrorRatePercent", comparison == null ? null : comparison.shadow().errorRatePercent())
        .put("comparison", comparison)
        .lineage(state.experiment().shadowModel().lineage());
    if (report.deployment() != null && state.promotion() != null) {
      StepResult deployment = SafeDeployOperationFactory.result(state.promotion(), report.deployment());
      result.put("deployment", deployment.values());
      deployment.recordResources().forEach(result::touched);
    }
    if (report.experimentName() != null) {
      result.touched(RecordedResource.created("inference-experiment", report.experimentName(),
          report.experimentArn()));
    }
    return result;
  }
}
