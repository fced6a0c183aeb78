package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Stage {@code CONFIG}: creates the endpoint configuration ({@link EndpointConfigDefinition}, named
 * from a hash of its variants and data capture) unless it exists; "already exists" is done.
 */
final class EndpointConfigStage implements DeployStage {
  private final StageContext s;

  EndpointConfigStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    EndpointConfigDefinition config = state.plan().config();
    SageMakerClient sageMaker = s.sageMaker(state);
    if (LiveEndpoint.describeConfig(sageMaker, config.name()).isPresent()) {
      s.event(events, state, "endpoint configuration " + config.name() + " exists; reusing it");
    } else {
      try {
        EventualConsistency.use(EventualConsistency.young(state.startedAt(), s.now()),
            "model " + state.plan().model().name(), () -> sageMaker.createEndpointConfig(config.toRequest()));
        s.event(events, state, "created endpoint configuration " + config.name() + " (variants "
            + config.variantNames() + ")");
        return s.next(state.with(d -> {
          d.stage = DeployState.Stage.ENDPOINT;
          d.created.add(config.name());
        }), events);
      } catch (SageMakerException e) {
        if (!SageMakerErrors.isAlreadyExists(e)) {
          throw e;
        }
        s.event(events, state, "endpoint configuration " + config.name() + " exists; reusing it");
      }
    }
    return s.next(state.with(d -> d.stage = DeployState.Stage.ENDPOINT), events);
  }
}
