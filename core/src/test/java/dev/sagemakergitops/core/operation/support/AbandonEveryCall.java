package dev.sagemakergitops.core.operation.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The crash test of issue point 6, for any operation: the process dies right after each single AWS
 * call of a run in turn, and every dead run is then finished twice, each time in a world of its own
 * (see {@link Recovery}): resumed from the state it saved last, and restarted from scratch with no
 * state at all.
 *
 * <p>First an uninterrupted run counts its AWS calls. Only calls that <em>succeeded</em> count, as
 * {@link AbandonAfterCalls} counts them: a call that failed (a "not found" while looking for what
 * does not exist yet) changed nothing, so dying after it is dying after the call before. Then, for
 * every call {@code n} of that count and for each recovery, a fresh world, prepared exactly like
 * the first (the dead run's side effects are the point, so no two runs share one): a run on clients
 * that "kill the process" with an {@link Error} right after call {@code n} took effect, before
 * anything else happens, in particular before the state of that poll is saved; then the finish, on
 * fresh clients and a fresh operation. Every finish must
 *
 * <ul>
 *   <li>succeed, with a result that agrees with the uninterrupted run's on {@code essence} (what
 *       must agree: names, ARNs, artifacts; not what may honestly differ, such as "reused");
 *   <li>leave AWS as the uninterrupted run left it ({@link World#resources()}: a twin of a job or
 *       an experiment makes it differ);
 *   <li>pass {@code invariant}, the test's explicit no-duplicate assertions (exactly one training
 *       job, two endpoint configurations, one bump commit).
 * </ul>
 *
 * <p>States go through a {@link MemoryStateStore}, which keeps the JSON a state file would hold, so
 * a state that does not survive the round trip fails here as it would fail a real resume, without
 * the cost of files. Worlds dominate the run time (there are {@code 2n + 1} of them); a world that
 * polls less often than the defaults ({@link World#context}) makes fewer identical polls and so
 * fewer worlds, while every distinct call is still the last of some run.
 *
 * <pre>{@code
 * AbandonEveryCall.Report<TrainResult> report = AbandonEveryCall.of(ChurnWorld::new, TrainOperation::new,
 *     result -> List.of(result.jobName(), result.modelArtifactUri()),
 *     (world, result) -> assertThat(trainingJobs(world)).hasSize(1)).run();
 * }</pre>
 *
 * @param <W> the test's world
 * @param <Q> the operation's request
 * @param <S> its state
 * @param <R> its result
 */
public final class AbandonEveryCall<W extends AbandonEveryCall.World<Q>, Q, S extends OperationState, R> {

  /**
   * A freshly prepared local AWS (images published, packages registered, an endpoint live, a
   * manifest committed and resolved) and the request to run there.
   *
   * @param <Q> the operation's request
   */
  public interface World<Q> extends AutoCloseable {
    LocalAws aws();

    /** The request the uninterrupted run, every dead run and every restart start from. */
    Q request();

    /**
     * The context operations run with; by default {@link LocalAws#context}. A world may poll less
     * often: what is tested is each distinct call, not how many identical polls sit between them.
     */
    default OperationContext context(AwsClients clients) {
      return aws().context(clients);
    }

    /** How waiting passes: by default the virtual clock advances; a world may add live traffic. */
    default Sleeper sleeper() {
      return aws().sleeper();
    }

    /**
     * What the operation left in AWS, as a value equal to another world's exactly when both hold
     * the same resources in the same states (for example every experiment, job and model by name
     * and status): a run that ends alike but left a twin behind must differ here. By default
     * nothing is compared, and the invariant alone looks for twins.
     */
    default Object resources() {
      return List.of();
    }

    /** Closes the local AWS and whatever else the world made. */
    @Override
    void close();
  }

  /** How a run that died is finished. */
  public enum Recovery {
    /** Run again with the same store: the state saved last is picked up (a Jenkins restart, a CLI re-run). */
    RESUME_SAVED_STATE("resumed from its saved state"),
    /** Run again from the request alone, the state lost: everything is derived anew and attached by name. */
    RESTART_FROM_SCRATCH("restarted from scratch");

    private final String description;

    Recovery(String description) {
      this.description = description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * What the test did.
   *
   * @param calls the AWS calls that succeeded in the uninterrupted run: runs died after call 1 to this
   * @param expected the uninterrupted run's result
   * @param resources what the uninterrupted run left in AWS ({@link World#resources()})
   * @param finishes how many dead runs were finished: one per call and {@link Recovery}
   */
  public record Report<R>(int calls, R expected, Object resources, int finishes) {}

  private static final String KEY = "abandoned-run";

  private final IntFunction<? extends W> worlds;
  private final Function<OperationContext, ? extends Operation<Q, S, R>> operations;
  private final Function<? super R, ?> essence;
  private final BiConsumer<? super W, ? super R> invariant;
  private int worldsMade;

  private AbandonEveryCall(IntFunction<? extends W> worlds,
      Function<OperationContext, ? extends Operation<Q, S, R>> operations, Function<? super R, ?> essence,
      BiConsumer<? super W, ? super R> invariant) {
    this.worlds = Objects.requireNonNull(worlds, "worlds");
    this.operations = Objects.requireNonNull(operations, "operations");
    this.essence = Objects.requireNonNull(essence, "essence");
    this.invariant = Objects.requireNonNull(invariant, "invariant");
  }

  /**
   * @param worlds makes a fresh, identically prepared world per run, given its number (1, 2, ...:
   *     for example to name its folder)
   * @param operations the operation under test, on a context
   * @param essence the part of a result every finish must agree on with the uninterrupted run;
   *     {@code Function.identity()} when all of it must
   * @param invariant checks a world after a finished run: no duplicates, everything in place
   */
  public static <W extends World<Q>, Q, S extends OperationState, R> AbandonEveryCall<W, Q, S, R> of(
      IntFunction<? extends W> worlds, Function<OperationContext, ? extends Operation<Q, S, R>> operations,
      Function<? super R, ?> essence, BiConsumer<? super W, ? super R> invariant) {
    return new AbandonEveryCall<>(worlds, operations, essence, invariant);
  }

  /**
   * Runs the whole test: the uninterrupted run, then a death after every call and both recoveries
   * of each. Fails with an assertion naming the call and the recovery that went wrong.
   */
  public Report<R> run() throws InterruptedException {
    R expected;
    Object resources;
    int calls;
    try (W world = worlds.apply(++worldsMade)) {
      AbandonAfterCalls counter = new AbandonAfterCalls(Integer.MAX_VALUE);
      expected = finish(world, List.of(counter), new MemoryStateStore(), "the uninterrupted run");
      calls = counter.made();
      resources = world.resources();
      check(world, expected, "the uninterrupted run");
    }
    assertThat(calls).as("AWS calls of an uninterrupted run").isPositive();
    Object expectedEssence = essence.apply(expected);
    int finishes = 0;
    for (int n = 1; n <= calls; n++) {
      for (Recovery recovery : Recovery.values()) {
        String what = "a run " + recovery + " after the process died following AWS call " + n + " of " + calls;
        try (W world = worlds.apply(++worldsMade)) {
          MemoryStateStore saved = abandonAfter(world, n, calls);
          StateStore store = recovery == Recovery.RESUME_SAVED_STATE ? saved : new MemoryStateStore();
          R result = finish(world, List.of(), store, what);
          assertThat(essence.apply(result)).as("%s: the result", what).isEqualTo(expectedEssence);
          assertThat(world.resources()).as("%s: what is left in AWS", what).isEqualTo(resources);
          check(world, result, what);
          finishes++;
        }
      }
    }
    return new Report<>(calls, expected, resources, finishes);
  }

  /** Runs in {@code world} until the process "dies" after AWS call {@code n}; returns what it saved. */
  private MemoryStateStore abandonAfter(W world, int n, int calls) {
    MemoryStateStore store = new MemoryStateStore();
    AwsClients clients = world.aws().clients(List.of(new AbandonAfterCalls(n)));
    Throwable thrown = catchThrowable(() -> runner(world, clients).run(operations.apply(world.context(clients)),
        world.request(), store, KEY));
    assertThat(thrown).as("a run to be abandoned after AWS call %d (uninterrupted, the same run made %d)", n, calls)
        .isInstanceOf(AbandonAfterCalls.Abandoned.class);
    return store;
  }

  /** Runs to the end on fresh clients (with {@code interceptors}) and a fresh operation; asserts success. */
  private R finish(W world, List<ExecutionInterceptor> interceptors, StateStore store, String what)
      throws InterruptedException {
    AwsClients clients = world.aws().clients(interceptors);
    Step<S, R> step = runner(world, clients).run(operations.apply(world.context(clients)), world.request(), store, KEY);
    assertThat(step).as("%s: %s", what, step instanceof Step.Failed<S, R> failed ? failed.failure() : step)
        .isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<S, R>) step).result();
  }

  private void check(W world, R result, String what) {
    try {
      invariant.accept(world, result);
    } catch (AssertionError e) {
      throw new AssertionError(what + ": " + e.getMessage(), e);
    }
  }

  private static OperationRunner runner(World<?> world, AwsClients clients) {
    return new OperationRunner(world.context(clients), world.sleeper(), event -> { });
  }
}
