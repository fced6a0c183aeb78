package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage {@code CLEAN_UP} (opt-in, {@link CleanUp}): the models and configurations of this manifest
 * that nothing references any more are deleted ({@link ResourceCleaner}), never the ones this deploy
 * serves; then success.
 */
final class CleanUpStage implements DeployStage {
  private final StageContext s;

  CleanUpStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Set<String> keep = new LinkedHashSet<>(plan.cleanUp().referenced());
    plan.models().forEach(model -> keep.add(model.name()));
    keep.add(plan.config().name());
    List<String> deleted = new ResourceCleaner(s.sageMaker(state), plan)
        .clean(keep, line -> s.event(events, state, "clean-up: " + line));
    return s.succeed(state.with(d -> d.deleted.addAll(deleted)), events);
  }
}
