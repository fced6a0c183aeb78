package dev.sagemakergitops.core.operation.interruption;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.core.operation.support.LocalAws;

/**
 * A fresh AWS in which one operation runs: the local control plane with everything the operation
 * needs already there (images, packages, a live endpoint), the operation, its request, and a view
 * of what it leaves behind. The harness makes a new world for every run, so runs never see each
 * other's resources.
 *
 * @param <Q> the operation's request
 * @param <S> its state
 * @param <R> its result
 */
public interface OperationWorld<Q, S extends OperationState, R> extends AutoCloseable {

  /** The local AWS of this world. */
  LocalAws aws();

  /** The operation, working through {@code context} (whose clients the harness may instrument). */
  Operation<Q, S, R> operation(OperationContext context);

  /** The request both the interrupted and the resumed run start from. */
  Q request();

  /** How waiting passes: by default the virtual clock advances; a world may add traffic. */
  default Sleeper sleeper() {
    return aws().sleeper();
  }

  /**
   * What the operation left in AWS, as a value that equals another world's when both hold the same
   * resources in the same states: for example the names and statuses of every experiment, job and
   * model. Two runs that end alike but left a twin behind must differ here.
   */
  Object resources();

  @Override
  void close();
}
