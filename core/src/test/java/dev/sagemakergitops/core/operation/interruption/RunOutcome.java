package dev.sagemakergitops.core.operation.interruption;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.Step;

/**
 * How a run ended, in the terms two runs are compared by: succeeded or failed, the result or the
 * failure, and what was left in AWS. (Call counts differ between an interrupted and an
 * uninterrupted run by design; {@link InterruptionHarness#assertEachEndsLike} ignores them.)
 *
 * @param succeeded whether the operation succeeded
 * @param result its result, or {@code null}
 * @param failure its failure, or {@code null}
 * @param resources {@link OperationWorld#resources()} at the end
 * @param callsMade the AWS calls the operation made in this run (not compared)
 */
public record RunOutcome<R>(boolean succeeded, R result, OperationFailure failure, Object resources, int callsMade) {

  static <S extends OperationState, R> RunOutcome<R> of(Step<S, R> step, Object resources, int callsMade) {
    if (step instanceof Step.Succeeded<S, R> succeeded) {
      return new RunOutcome<>(true, succeeded.result(), null, resources, callsMade);
    }
    return new RunOutcome<>(false, null, ((Step.Failed<S, R>) step).failure(), resources, callsMade);
  }

}
