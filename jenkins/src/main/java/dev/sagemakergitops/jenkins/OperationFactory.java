package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.operation.OperationContext;
import java.io.Serializable;

/**
 * Builds one step's core operation and its request: the only place where a step meets its
 * operation, so that everything else in this plugin is the same for all five. Implementations are
 * stateless: an execution keeps its factory among its persisted fields, which then records no more
 * than the class.
 */
public interface OperationFactory extends Serializable {

  /**
   * The operation for {@code request}, with its request resolved lazily: the driver resolves it
   * only for a run that has not begun (it reads Git and ECR), never for a resumed one.
   *
   * @param context the clients (with this run's credentials), clock and build of this start or resume
   */
  PreparedOperation<?, ?, ?> prepare(StepRequest request, OperationContext context);

  /** The failure of a step whose operation this build does not include. */
  static UnsupportedOperationException notWired(String step) {
    return new UnsupportedOperationException(step + " is not available in this build of sagemaker-gitops: its"
        + " operation is not wired to the Jenkins step yet (see " + step + "'s OperationFactory)");
  }
}
