package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Builds one step's core operation, its request and its result: the only place where a step meets
 * its operation, so that everything else in this plugin is the same for all five. Implementations
 * are stateless: an execution keeps its factory among its persisted fields, which then records no
 * more than the class.
 */
public interface OperationFactory extends Serializable {

  /**
   * The operation for {@code request}, with its request built lazily: the execution reads the
   * manifest and builds the request only for a run that has not begun, never for a resumed one.
   *
   * @param context the clients (with this run's credentials), clock and build of this start or resume
   */
  PreparedOperation<?, ?, ?> prepare(StepRequest request, OperationContext context);

  /**
   * What to do after the operation failed, before the step fails: for example write the commit
   * that reverts a deployment SageMaker rolled back. Nothing by default.
   *
   * @param request the step's request, its ref the commit the run read the manifest at
   * @param access the build's environment, with the credentials of the step's {@code gitCredentialsId} bound
   * @return lines for the build log and the failure message, one per thing done
   */
  default List<String> afterFailure(StepRequest request, OperationContext context, OperationFailure failure,
      GitAccess access) {
    return List.of();
  }

  /**
   * What to do after the operation succeeded, before the step returns: for example push the bump
   * branch and open its pull request. Its failures are the factory's to report as values: the
   * operation's work is done.
   *
   * @param access the build's environment, with the credentials of the step's {@code gitCredentialsId} bound
   * @return more entries for the step's result; none by default
   */
  default Map<String, Object> afterSuccess(StepRequest request, OperationContext context, StepResult result,
      GitAccess access) {
    return Map.of();
  }
}
