package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Stage {@code CONFIG}: creates the endpoint configuration ({@link EndpointConfigDefinition}, named
 * from a hash of its variants and data capture) unless it exists; "already exists" is done. Not
 * created when the endpoint's live configuration differs from it only in weights and instance
 * counts ({@link InPlaceChange}): those are changed in place by stage {@code ENDPOINT}.
 */
final class EndpointConfigStage implements DeployStage {
  private final StageContext s;
  private final InPlaceUpdate inPlace;

  EndpointConfigStage(StageContext s, InPlaceUpdate inPlace) {
    this.s = s;
    this.inPlace = inPlace;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    EndpointConfigDefinition config = state.plan().config();
    SageMakerClient sageMaker = s.sageMaker(state);
    Optional<DescribeEndpointResponse> endpoint = LiveEndpoint.describe(sageMaker, state.plan().endpointName());
    Optional<InPlaceChange> change = endpoint.flatMap(e -> inPlace.find(state, s.reads(state), e));
    if (change.isPresent()) {
      // Decided again by stage ENDPOINT from what the endpoint shows then; the provisional change
      // tells it that this configuration was not created, so that it comes back here if it must be.
      s.event(events, state, "endpoint " + state.plan().endpointName() + " serves " + change.get().liveConfig()
          + ", which differs from " + config.name() + " only in weights and instance counts: no new endpoint "
          + "configuration; they are changed in place");
      return s.next(state.with(d -> {
        d.stage = DeployState.Stage.ENDPOINT;
        d.change = EndpointChange.IN_PLACE;
      }), events);
    }
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
