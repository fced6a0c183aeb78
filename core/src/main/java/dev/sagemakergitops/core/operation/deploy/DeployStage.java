package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;

/**
 * One stage of a safe deploy (a value of {@link DeployState.Stage}): one poll's worth of work from
 * the state it is given, in the manner of one hooks file per resource. {@link SafeDeployOperation}
 * dispatches to it; what it changes, it says in {@code events}.
 */
interface DeployStage {
  Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events);
}
