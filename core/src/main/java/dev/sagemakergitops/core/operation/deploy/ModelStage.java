package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.ImageRetention;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingContainer;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage {@code MODEL}: reports the pre-flight's warnings and, for an instance-backed endpoint, each
 * way a pinned image can vanish from ECR (every container of an inference pipeline, and each
 * variant's own model); then creates the serving models unless they exist.
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
    // Every image an instance-backed variant runs, each checked once: every container of an inference
    // pipeline is pulled on each launch, not only the first, and so is each variant's own model.
    Set<String> images = new LinkedHashSet<>();
    if (state.plan().config().variants().stream().anyMatch(variant -> variant.instanceType() != null)) {
      // Instances pull the image on every launch; serverless endpoints keep a copy (SageMaker Developer
      // Guide, serverless endpoints), so only instance-backed ones are exposed to an expired image.
      images.addAll(images(model));
    }
    for (ServingModel own : state.plan().variantModels()) {
      if (state.plan().config().variants().stream()
          .anyMatch(v -> v.modelName().equals(own.name()) && v.instanceType() != null)) {
        images.addAll(images(own));
      }
    }
    for (String image : images) {
      ImageRetention.using(s.context.clients()).warnings(ImageReference.parse(image))
          .forEach(warning -> s.event(events, state, "warning: " + warning));
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

  /** The pinned images {@code model} runs: each container's of a pipeline, in order, else its one image. */
  private static List<String> images(ServingModel model) {
    return model.isPipeline() ? model.containers().stream().map(ServingContainer::image).toList()
        : List.of(model.image());
  }
}
