package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The shadow test's {@code begin}: checks the manifest and the live endpoint against SageMaker's
 * shadow-test exclusions ({@link LiveEndpointCheck}), reads the model package, plans the promotion's
 * safe deploy, and picks the first stage; or attaches to an experiment an earlier run started
 * ({@link EarlierRun}). Reads only.
 */
final class ShadowPreflight {
  private final StageContext s;

  ShadowPreflight(StageContext s) {
    this.s = s;
  }

  /**
   * The first state of a shadow test, or of the earlier run's experiment it attaches to.
   *
   * @throws OperationInputException naming every problem found (file, line, field)
   */
  ShadowTestState begin(ShadowTestRequest request) {
    ResolvedManifest manifest = request.manifest();
    Spec spec = manifest.manifest().spec();
    List<ManifestProblem> problems = new ArrayList<>();
    if (spec.shadowTest() == null) {
      problems.add(manifest.problemAt("spec", "this manifest has no shadowTest section; add spec.shadowTest "
          + "(samplingPercent, duration, compare, onPass) to shadow test its model"));
    }
    if (spec.endpoint() == null) {
      problems.add(manifest.problemAt("spec", "this manifest has no endpoint section; a shadow test runs beside the "
          + "live endpoint that spec.endpoint names"));
    }
    if (spec.model() != null && spec.model().mode() == ModelSpec.Mode.MULTI_MODEL) {
      problems.add(manifest.problemAt("spec.model.mode", "SageMaker does not shadow test multi-model endpoints; use "
          + "mode SingleModel or remove spec.shadowTest"));
    }
    if (spec.shadowTest() != null && spec.shadowTest().instanceType() != null
        && spec.shadowTest().instanceType().startsWith("ml.inf1.")) {
      problems.add(manifest.problemAt("spec.shadowTest.instanceType", "SageMaker does not shadow test on Inf1 "
          + "instances; choose another instance type"));
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    String region = s.context.regionOf(manifest);
    String endpointName = spec.endpoint().name();
    SageMakerClient sageMaker = s.context.clients().sageMaker(region);
    List<ManifestProblem> liveProblems = new ArrayList<>();
    Optional<ProductionVariant> production = new LiveEndpointCheck(sageMaker)
        .productionVariant(manifest, endpointName, liveProblems);
    ServingModel shadowModel = null;
    try {
      shadowModel = s.models.define(manifest);
    } catch (OperationInputException e) {
      problems.addAll(e.problems());
    }
    DeployState promotion = null;
    List<ManifestProblem> promotionProblems = new ArrayList<>();
    if (spec.shadowTest().onPass() == ShadowTestSpec.OnPass.PROMOTE) {
      // A pass is rolled out by safe deploy, so everything that deploy would refuse (variant names,
      // alarms, exclusions) is refused now, before the experiment is created.
      try {
        promotion = s.deploy.begin(DeployRequest.of(manifest));
      } catch (OperationInputException e) {
        promotionProblems.addAll(e.problems());
      }
    }
    String roleArn = request.roleArn() != null ? request.roleArn() : spec.model().executionRoleArn();
    if (production.isEmpty() && shadowModel != null && problems.isEmpty() && promotionProblems.isEmpty()) {
      Optional<ShadowTestState> attached = attach(request, sageMaker, roleArn, shadowModel, promotion);
      if (attached.isPresent()) {
        return attached.get();
      }
    }
    // An endpoint a shadow test cannot run beside makes the deploy's view of it beside the point.
    problems.addAll(liveProblems.isEmpty() ? promotionProblems : liveProblems);
    if (!problems.isEmpty() || production.isEmpty()) {
      throw new OperationInputException(problems);
    }
    ExperimentDefinition experiment = ExperimentDefinition.of(endpointName, region, roleArn, production.get(),
        shadowModel, spec.shadowTest(), request.dataCaptureS3Uri(), request.runKey());
    Stage first = production.get().modelName().equals(shadowModel.name()) ? Stage.LOOK_UP : Stage.CREATE;
    return new ShadowTestState(first, experiment, null, null, null, null, null, null, null, null, List.of(),
        promotion);
  }

  /**
   * With no saved state, while the endpoint is busy with an experiment a run of this test started
   * ({@link EarlierRun}): the state that goes on with that experiment.
   */
  private Optional<ShadowTestState> attach(ShadowTestRequest request, SageMakerClient sageMaker, String roleArn,
      ServingModel shadowModel, DeployState promotion) {
    Spec spec = request.manifest().manifest().spec();
    return new SageMakerHosting(sageMaker).findEndpoint(spec.endpoint().name())
        .flatMap(live -> EarlierRun.busyWith(sageMaker, live, shadowModel.name())).map(earlier -> {
          ExperimentDefinition wanted = ExperimentDefinition.of(spec.endpoint().name(),
              s.context.regionOf(request.manifest()), roleArn, EarlierRun.productionOf(earlier), shadowModel,
              spec.shadowTest(), request.dataCaptureS3Uri(), request.runKey());
          return new ShadowTestState(Stage.WAIT, EarlierRun.adopt(wanted, earlier), null, null, null, null, null, null,
              null, null, List.of(), promotion);
        });
  }
}
