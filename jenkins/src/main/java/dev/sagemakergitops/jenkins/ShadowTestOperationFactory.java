package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.OperationContext;

/**
 * Wires {@code shadowTest} to core's ShadowTestOperation. THE ONE PLACE TO FINISH once the operations
 * land (issue 4): return {@code new PreparedOperation<>(new ShadowTestOperation(context), () -> <its
 * request from request.resolveManifest(context)>)}. Until then the step fails at once with a clear
 * message; nothing is faked.
 */
final class ShadowTestOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public PreparedOperation<?, ?, ?> prepare(StepRequest request, OperationContext context) {
    throw OperationFactory.notWired(request.step());
  }
}
