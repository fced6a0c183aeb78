package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import java.time.Instant;
import java.util.List;

/**
 * {@code cancel}: SageMaker has no API that stops an endpoint deployment (there is no
 * {@code StopEndpointUpdate}, and {@code UpdateEndpoint} is refused while one runs), so cancelling
 * stops waiting: the endpoint finishes the deployment or rolls back by itself, and {@code status}
 * tells which. Nothing is undone; a model or configuration already created stays (a later run reuses
 * it). Autoscaling this deploy deregistered is put back first (stage {@code RESTORING}).
 */
final class Cancellation {
  private Cancellation() {}

  static DeployState cancel(DeployState state, Instant now) {
    switch (state.stage()) {
      case SUCCEEDED:
      case FAILED:
      case CANCELLED:
      case RESTORING:
        return state;
      default:
        break;
    }
    String message = state.stage() == DeployState.Stage.DEPLOYING
        ? "cancelled: stopped waiting for the deployment of " + state.plan().config().name() + " to "
            + state.plan().endpointName() + ". SageMaker has no API to stop an endpoint update, so it goes on and "
            + "either completes or rolls back by itself; run status to see how it ended"
        : state.stage() == DeployState.Stage.WEIGHTS
        ? "cancelled: stopped waiting for the weights and instance counts of " + state.plan().endpointName()
            + " changed in place. SageMaker has no API to stop it, so it goes on and either completes or rolls back"
            + " by itself; run status to see how it ended"
        : state.stage() == DeployState.Stage.SMOKE_TEST_ROLLBACK
            ? "cancelled: stopped waiting for endpoint " + state.plan().endpointName() + " to go back to "
                + state.request().previousConfig() + " after a failed smoke test; SageMaker goes on with that update. "
                + state.failure().message()
        : state.stage() == DeployState.Stage.SMOKE_TEST
            ? "cancelled during the smoke test: endpoint " + state.plan().endpointName() + " serves "
                + state.plan().config().name() + " (verified); " + state.smokeTest().results().size() + " of "
                + state.plan().smokeTest().probes().size() + " smoke-test request(s) were sent"
        : "cancelled before the endpoint was changed (stage " + state.stage() + ")";
    List<String> deregistered = state.autoscaling().deregistered();
    boolean restore = !deregistered.isEmpty();
    return state.with(d -> {
      // Autoscaling deregistered for this deploy is put back before the cancellation is reported.
      d.stage = restore ? DeployState.Stage.RESTORING : DeployState.Stage.CANCELLED;
      d.restoreSince = restore ? now : d.restoreSince;
      d.cancelRequested = true;
      d.failure = OperationFailure.of(Kind.CANCELLED, message + (restore ? "; the autoscaling of variant(s) "
          + deregistered + " is registered again once the endpoint accepts it" : ""));
    });
  }
}
