package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.util.function.Predicate;

/** Drives an operation by hand, poll by poll, advancing the virtual clock as each step asks. */
final class Polls {
  private Polls() {}

  /** Polls from {@code state} until {@code until} holds for the state or the operation finishes. */
  static Step<DeployState, DeployResult> until(SafeDeployOperation operation, DeployState state, LocalAws aws,
      Predicate<DeployState> until) {
    Step<DeployState, DeployResult> step = operation.poll(state);
    for (int polls = 0; polls < 10_000; polls++) {
      if (step.isFinished() || until.test(step.state())) {
        return step;
      }
      aws.advance(((Step.Running<DeployState, DeployResult>) step).pollAfter());
      step = operation.poll(step.state());
    }
    throw new AssertionError("the operation did not get there in 10,000 polls: " + step.state());
  }

  static Step<DeployState, DeployResult> toEnd(SafeDeployOperation operation, DeployState state, LocalAws aws) {
    return until(operation, state, aws, s -> false);
  }

  static Predicate<DeployState> baking() {
    return s -> s.observed() != null && s.observed().contains("Baking");
  }

  static Predicate<DeployState> at(DeployState.Stage stage) {
    return s -> s.stage() == stage;
  }
}
