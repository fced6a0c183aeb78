package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An operation, the way to its request, and the way from its result to what the step returns.
 *
 * @param operation the operation, built with this start's context
 * @param request builds the request from the step's manifest, read at the ref with its images
 *     pinned; called on the first tick of a run that has not begun, never after a resume. May read
 *     AWS and Git; throws {@link dev.sagemakergitops.core.operation.OperationInputException} or
 *     {@link StepArgumentException} for bad input, before any change
 * @param result the step's result from the operation's final state and result
 */
public record PreparedOperation<Q, S extends OperationState, R>(Operation<Q, S, R> operation,
    Function<ResolvedManifest, Q> request, BiFunction<S, R, StepResult> result) {
  public PreparedOperation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(result, "result");
  }
}
