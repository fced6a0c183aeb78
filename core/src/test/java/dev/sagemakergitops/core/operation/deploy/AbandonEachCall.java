package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.AbandonAfterCalls;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.nio.file.Path;
import java.util.List;

/**
 * The crash test of an operation, generic over the operation: in a fresh world for every n, run the
 * operation with clients that "kill the process" right after their n-th AWS call succeeded, then
 * recover (resume the state saved so far, or start again from scratch with no state) and check the
 * world at the end. n goes 1, 2, 3, ... until a run finishes without being abandoned, so every
 * single call of the operation is the last one of some run.
 *
 * @param <W> the test's world
 */
final class AbandonEachCall<W extends AutoCloseable> {

  /** How a run that died is recovered. */
  enum Recovery {
    /** Run again with the same state store: the saved state is picked up. */
    RESUME_SAVED_STATE,
    /** Run again with the saved state deleted: everything is computed anew and attaches by name. */
    RERUN_FROM_SCRATCH
  }

  /** What the test provides. */
  interface Scenario<W, Q, S extends OperationState, R> {
    /** A fresh world, prepared up to the moment the operation starts. */
    W world();

    LocalAws aws(W world);

    Operation<Q, S, R> operation(OperationContext context);

    Q request(W world);

    /** Checks the world after the recovered run ended with {@code end}; {@code abandonedAfter} is n. */
    void check(W world, Step<S, R> end, int abandonedAfter);
  }

  private AbandonEachCall() {}

  /**
   * Runs the crash test.
   *
   * @param stateDirectory where each run keeps its state, one sub-folder per n
   * @param limit the most calls an operation may make before the test gives up
   * @return how many calls a complete run made
   */
  static <W extends AutoCloseable, Q, S extends OperationState, R> int run(Scenario<W, Q, S, R> scenario,
      Recovery recovery, Path stateDirectory, int limit) throws Exception {
    for (int n = 1; n <= limit; n++) {
      W world = scenario.world();
      try {
        LocalAws aws = scenario.aws(world);
        FileStateStore store = new FileStateStore(stateDirectory.resolve(recovery + "-" + n));
        AbandonAfterCalls abandon = new AbandonAfterCalls(n);
        AwsClients dying = aws.clients(List.of(abandon));
        Q request = scenario.request(world);
        Step<S, R> end;
        try {
          end = runner(aws, dying).run(scenario.operation(aws.context(dying)), request, store, "op");
          // Finished before call n: every call has been the last of an earlier run.
          scenario.check(world, end, n);
          return abandon.made();
        } catch (AbandonAfterCalls.Abandoned expected) {
          // The process died right after call n took effect.
        }
        if (recovery == Recovery.RERUN_FROM_SCRATCH) {
          store.delete("op");
        }
        AwsClients fresh = aws.clients();
        end = runner(aws, fresh).run(scenario.operation(aws.context(fresh)), request, store, "op");
        scenario.check(world, end, n);
      } finally {
        world.close();
      }
    }
    throw new AssertionError("the operation made more than " + limit + " calls");
  }

  private static OperationRunner runner(LocalAws aws, AwsClients clients) {
    return new OperationRunner(aws.context(clients), aws.sleeper(), event -> { });
  }
}
