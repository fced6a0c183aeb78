package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.OperationContext;

/**
 * Wires {@code safeDeploy} to core's SafeDeployOperation. THE ONE PLACE TO FINISH once the operations
 * land (issue 4): return {@code new PreparedOperation<>(new SafeDeployOperation(context), () -> <its
 * request from request.resolveManifest(context), options from request.option(...)>)}. Until then the
 * step fails at once with a clear message; nothing is faked.
 */
final class SafeDeployOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public PreparedOperation<?, ?, ?> prepare(StepRequest request, OperationContext context) {
    throw OperationFactory.notWired(request.step());
  }
}
