package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationState;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An operation and the way to its request, ready for an
 * {@link dev.sagemakergitops.core.operation.OperationDriver}.
 *
 * @param operation the operation, built with this start's context
 * @param request resolves the request on the first tick of a run that has not begun
 */
public record PreparedOperation<Q, S extends OperationState, R>(Operation<Q, S, R> operation, Supplier<Q> request) {
  public PreparedOperation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(request, "request");
  }
}
