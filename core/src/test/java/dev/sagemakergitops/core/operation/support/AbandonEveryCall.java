package dev.sagemakergitops.core.operation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The crash test of issue point 6 for any operation: the process dies right after each single AWS
 * call of a run, and the run is then finished twice, separately:
 *
 * <ol>
 *   <li><b>resumed</b>: fresh clients, the state the dead run last saved (a
 *       {@link MemoryStateStore}, which round-trips the state through its JSON);
 *   <li><b>restarted</b>: fresh clients and no saved state at all, on an AWS where the dead run had
 *       got just as far.
 * </ol>
 *
 * <p>Each finish must succeed with the same result as an uninterrupted run (compared through
 * {@code essence}, which leaves out what may honestly differ, such as "reused") and leave AWS with
 * no duplicate (checked by {@code invariant}). Every run gets its own {@link World}, prepared
 * identically, because a dead run's side effects are the point.
 *
 * <pre>{@code
 * AbandonEveryCall.of(() -> world(), TrainOperation::new, r -> r.modelArtifactUri(),
 *     (world, result) -> assertThat(trainingJobs(world)).hasSize(1)).run();
 * }</pre>
 *
 * @param <Q> the operation's request
 * @param <S> its state
 * @param <R> its result
 */
public final class AbandonEveryCall<Q, S extends OperationState, R> {

  /** A freshly prepared local AWS (images published, objects put) and the request to run there. */
  public interface World<Q> extends AutoCloseable {
    LocalAws aws();

    Q request();

    /**
     * The context operations run with; by default {@link LocalAws#context}. A world may poll less
     * often: what is tested is each distinct call, not how many identical polls sit between them.
     */
    default OperationContext context(AwsClients clients) {
      return aws().context(clients);
    }

    /** Closes the local AWS (and whatever else the world made). */
    @Override
    void close();
  }

  /**
   * What the test did.
   *
   * @param calls the AWS calls that succeeded in the uninterrupted run: the runs were abandoned
   *     after call 1 to this
   * @param expected the uninterrupted run's result
   * @param finishes how many abandoned runs were finished (twice {@code calls})
   */
  public record Report<R>(int calls, R expected, int finishes) {}

  private static final String KEY = "abandoned-run";

  private final Supplier<? extends World<Q>> worlds;
  private final Function<OperationContext, ? extends Operation<Q, S, R>> operations;
  private final Function<R, ?> essence;
  private final BiConsumer<World<Q>, R> invariant;

  private AbandonEveryCall(Supplier<? extends World<Q>> worlds,
      Function<OperationContext, ? extends Operation<Q, S, R>> operations, Function<R, ?> essence,
      BiConsumer<World<Q>, R> invariant) {
    this.worlds = Objects.requireNonNull(worlds, "worlds");
    this.operations = Objects.requireNonNull(operations, "operations");
    this.essence = Objects.requireNonNull(essence, "essence");
    this.invariant = Objects.requireNonNull(invariant, "invariant");
  }

  /**
   * @param worlds makes a fresh, identically prepared world per run
   * @param operations the operation under test, on a context
   * @param essence the part of a result every finish must agree on
   * @param invariant checks a world after a finished run (for example: exactly one job exists)
   */
  public static <Q, S extends OperationState, R> AbandonEveryCall<Q, S, R> of(Supplier<? extends World<Q>> worlds,
      Function<OperationContext, ? extends Operation<Q, S, R>> operations, Function<R, ?> essence,
      BiConsumer<World<Q>, R> invariant) {
    return new AbandonEveryCall<>(worlds, operations, essence, invariant);
  }

  /** Runs the whole test; fails with an assertion naming the call after which a finish went wrong. */
  public Report<R> run() throws InterruptedException {
    R expected;
    int calls;
    try (World<Q> world = worlds.get()) {
      // Counted as AbandonAfterCalls counts: calls that succeeded (a "not found" changes nothing to die after).
      AbandonAfterCalls counter = new AbandonAfterCalls(Integer.MAX_VALUE);
      expected = finish(world, world.aws().clients(List.of(counter)), new MemoryStateStore(), "uninterrupted run");
      calls = counter.made();
      invariant.accept(world, expected);
    }
    assertThat(calls).as("AWS calls of an uninterrupted run").isPositive();
    Object expectedEssence = essence.apply(expected);
    int finishes = 0;
    for (int n = 1; n <= calls; n++) {
      for (boolean resume : new boolean[] {true, false}) {
        String what = (resume ? "resumed" : "restarted from scratch") + " after the process died following AWS call "
            + n + " of " + calls;
        try (World<Q> world = worlds.get()) {
          MemoryStateStore saved = abandonAfter(world, n, calls);
          StateStore store = resume ? saved : new MemoryStateStore();
          R result = finish(world, world.aws().clients(), store, what);
          assertThat(essence.apply(result)).as(what).isEqualTo(expectedEssence);
          try {
            invariant.accept(world, result);
          } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
          }
          finishes++;
        }
      }
    }
    return new Report<>(calls, expected, finishes);
  }

  /** Runs in {@code world} until the process "dies" after AWS call {@code n}; returns what it saved. */
  private MemoryStateStore abandonAfter(World<Q> world, int n, int calls) {
    MemoryStateStore store = new MemoryStateStore();
    AwsClients clients = world.aws().clients(List.of(new AbandonAfterCalls(n)));
    Operation<Q, S, R> operation = operations.apply(world.context(clients));
    Throwable thrown = catchThrowable(() -> world.aws().runner(clients).run(operation, world.request(), store, KEY));
    assertThat(thrown).as("a run abandoned after AWS call %d (the same run made %d calls uninterrupted)", n, calls)
        .isInstanceOf(AbandonAfterCalls.Abandoned.class);
    return store;
  }

  private R finish(World<Q> world, AwsClients clients, StateStore store, String what) throws InterruptedException {
    Operation<Q, S, R> operation = operations.apply(world.context(clients));
    Step<S, R> step = world.aws().runner(clients).run(operation, world.request(), store, KEY);
    List<String> failure = new ArrayList<>();
    if (step instanceof Step.Failed<S, R> failed) {
      failure.add(failed.failure().toString());
    }
    assertThat(step).as("%s: %s", what, failure).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<S, R>) step).result();
  }
}
