package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.ImageRetention;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage {@code MODEL}: reports the pre-flight's warnings and, for an instance-backed endpoint, each
 * way the pinned image can vanish from ECR; then creates the serving model unless it exists.
 */
final class ModelStage implements DeployStage {
  private final StageContext s;

  ModelStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    ServingModel model = state.plan().model();
    state.plan().warnings().forEach(w -> s.event(events, state, "warning: " + w));
    if (state.plan().config().variants().stream().anyMatch(variant -> variant.instanceType() != null)) {
      // Instances pull the image on every launch; serverless endpoints keep a copy (SageMaker Developer
      // Guide, serverless endpoints), so only instance-backed ones are exposed to an expired image.
      ImageRetention.using(s.context.clients()).warnings(ImageReference.parse(model.image()))
          .forEach(warning -> s.event(events, state, "warning: " + warning));
    }
    for (ServingModel own : state.plan().variantModels()) {
      if (!own.image().equals(model.image()) && state.plan().config().variants().stream()
          .anyMatch(v -> v.modelName().equals(own.name()) && v.instanceType() != null)) {
        ImageRetention.using(s.context.clients()).warnings(ImageReference.parse(own.image()))
            .forEach(warning -> s.event(events, state, "warning: " + warning));
      }
    }
    // One model per distinct model the variants serve: spec.model's, then each variant's own.
    List<String> created = new ArrayList<>();
    for (ServingModel each : state.plan().models()) {
      if (new ServingModels(s.context).ensure(each)) {
        created.add(each.name());
        s.event(events, state, "created model " + each.name() + " (" + each.image() + ", " + each.modelDataUrl() + ")");
      } else {
        s.event(events, state, "model " + each.name() + " exists; reusing it");
      }
    }
    return s.next(state.with(d -> {
      d.stage = DeployState.Stage.CONFIG;
      d.created.addAll(created);
    }), events);
  }
}
