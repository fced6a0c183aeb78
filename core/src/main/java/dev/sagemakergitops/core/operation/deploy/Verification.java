package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * The end of stage {@code DEPLOYING} (or {@code ENDPOINT}, when nothing was to change): the endpoint
 * serves our configuration, so every variant must be present and run the pinned image digest; then
 * stage {@code SMOKE_TEST} when the manifest has a smoke test, else {@code AUTOSCALING}. Anything else is a failure naming what differs.
 */
final class Verification {
  private final StageContext s;

  Verification(StageContext s) {
    this.s = s;
  }

  Step<DeployState, DeployResult> verify(DeployState state, DescribeEndpointResponse endpoint,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    List<String> problems = new ArrayList<>();
    List<String> withoutImages = new ArrayList<>();
    Map<String, ProductionVariantSummary> live = new HashMap<>();
    endpoint.productionVariants().forEach(v -> live.put(v.variantName(), v));
    for (String variant : plan.config().variantNames()) {
      List<String> digests = plan.modelOf(variant).imageDigests();
      ProductionVariantSummary summary = live.get(variant);
      if (summary == null) {
        problems.add("variant " + variant + " is missing from the endpoint");
      } else if (summary.deployedImages().isEmpty()) {
        withoutImages.add(variant);
      } else {
        for (DeployedImage image : summary.deployedImages()) {
          String resolved = image.resolvedImage();
          String running = resolved == null || !resolved.contains("@") ? resolved : resolved.substring(resolved.indexOf('@') + 1);
          // An inference pipeline reports one deployed image per container: each must be one it pins.
          if (!digests.contains(running)) {
            problems.add("variant " + variant + " runs " + resolved + ", not the pinned digest " + String.join(" or ", digests));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " is InService on "
          + plan.config().name() + " but does not serve what the manifest pins: " + String.join("; ", problems)
          + ". Someone may have changed the model or the endpoint outside Git"));
    }
    if (!withoutImages.isEmpty()) {
      s.event(events, state, "SageMaker reports no DeployedImages for variant(s) " + withoutImages + ", so their image "
          + "digest cannot be compared; the model names the image by digest, so no other image can have been pulled");
    }
    s.event(events, state, "verified: endpoint " + plan.endpointName() + " is InService on " + endpoint.endpointConfigName()
        + (withoutImages.size() == plan.config().variants().size() ? "" : ", serving " + String.join(", ",
            plan.models().stream().flatMap(m -> m.imageDigests().stream()).distinct().toList())));
    return s.next(state.with(d -> {
      d.stage = plan.smokeTest() != null ? DeployState.Stage.SMOKE_TEST : DeployState.Stage.AUTOSCALING;
      d.endpointArn = endpoint.endpointArn();
    }), events);
  }
}
