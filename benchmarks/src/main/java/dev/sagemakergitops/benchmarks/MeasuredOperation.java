package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;

/**
 * The real {@link SafeDeployOperation}, unchanged, telling the {@link CallLog} which stage each
 * poll starts in, so the calls made while waiting for the deployment ({@code DEPLOYING}) can be told
 * from the others.
 */
final class MeasuredOperation implements Operation<DeployRequest, DeployState, DeployResult> {
  private final SafeDeployOperation delegate;
  private final CallLog log;

  MeasuredOperation(SafeDeployOperation delegate, CallLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Class<DeployState> stateType() {
    return delegate.stateType();
  }

  @Override
  public DeployState begin(DeployRequest request) {
    log.phase("BEGIN");
    return delegate.begin(request);
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state) {
    log.phase(state.stage().name());
    return delegate.poll(state);
  }

  @Override
  public DeployState cancel(DeployState state) {
    return delegate.cancel(state);
  }
}
