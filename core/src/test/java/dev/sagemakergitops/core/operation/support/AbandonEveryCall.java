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
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.replay.InputLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The crash test of issue point 6, for any operation: the process dies right after each single AWS
 * call of a run in turn, and every dead run is then finished twice, each time in a world of its own
 * (see {@link Recovery}): resumed from the state it saved last, and restarted from scratch with no
 * state at all.
 *
 * <p>First an uninterrupted run counts its AWS calls. Only calls that <em>succeeded</em> count, as
 * {@link AbandonAfterCalls} counts them: a call that failed (a "not found" while looking for what
 * does not exist yet) changed nothing, so dying after it is dying after the call before. While it
 * runs, its local AWS records its inputs ({@link LocalControlPlane#recordInputs}: every call and
 * every move of the virtual clock), and at every call that took effect the test notes how far those
 * inputs went and what the run had saved. Then, for every call {@code n} of that count and for each
 * recovery, a fresh world, prepared exactly like the first (the dead run's side effects are the
 * point, so no two runs share one), is brought to where a process that died right after call
 * {@code n} would have left it: its local AWS replays the recorded inputs up to that call
 * ({@link LocalControlPlane#replay}, which fails if any answer differs from the recorded one), and
 * the resumed run gets what had been saved by then. That is exactly what a run on clients that
 * "kill the process" after call {@code n} leaves (same seed, same virtual clock: its first
 * {@code n} calls are the uninterrupted run's, and nothing is saved between a call's effect and the
 * death), without sending that prefix through the SDK once per {@code n}. A world whose operation
 * also changes something outside AWS ({@link World#changesOnlyAws}, the register operation's bump
 * commit) still gets a real dead run: clients that throw an {@link Error} right after call {@code n}
 * took effect. Then the finish, on fresh clients and a fresh operation. Every finish must
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
 * the cost of files. There are {@code 2n + 1} worlds; what each costs is its preparation and its
 * finish, and (replayed) a fraction of its dead prefix: for the shadow test, the dead runs went
 * from 50 s of its 142 s to 1.4 s (CPU of the build 85 s to 58 s, a loaded machine). A world that
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

    /**
     * Whether everything a run changes lives in the local AWS: then a dead run's effect is its calls
     * (and the clock's moves) up to its death, which {@link LocalControlPlane#replay} brings a
     * freshly prepared world to without running the operation again. A world whose operation also
     * writes elsewhere (a commit to its Git repository) answers {@code false}, and each of its dead
     * runs is run for real.
     */
    default boolean changesOnlyAws() {
      return true;
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
   * @param worlds makes a fresh, identically prepared world per run, given its number (1, 2, ...);
   *     identically means to the letter, folders included ({@link #freshFolder})
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
    Checkpoints checkpoints;
    try (W world = worlds.apply(++worldsMade)) {
      MemoryStateStore store = new MemoryStateStore();
      checkpoints = new Checkpoints(world.aws().local().recordInputs(), store);
      expected = finish(world, List.of(checkpoints), store, "the uninterrupted run");
      resources = world.resources();
      check(world, expected, "the uninterrupted run");
    }
    int calls = checkpoints.calls();
    assertThat(calls).as("AWS calls of an uninterrupted run").isPositive();
    Object expectedEssence = essence.apply(expected);
    int finishes = 0;
    for (int n = 1; n <= calls; n++) {
      for (Recovery recovery : Recovery.values()) {
        String what = "a run " + recovery + " after the process died following AWS call " + n + " of " + calls;
        try (W world = worlds.apply(++worldsMade)) {
          MemoryStateStore saved = world.changesOnlyAws() ? checkpoints.diedAfter(world, n) : abandonAfter(world, n, calls);
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

  /**
   * What the uninterrupted run had done when each of its AWS calls took effect: how far the local
   * AWS's inputs went (that call included, since the control plane records a call before it
   * answers) and what the run had saved by then. A process that dies right after call {@code n}
   * leaves exactly this behind: the same seed and virtual clock make a run's first {@code n} calls
   * the same whether it goes on or dies, and nothing is saved between a call's effect and its death.
   */
  private static final class Checkpoints implements ExecutionInterceptor {
    private final InputLog inputs;
    private final MemoryStateStore store;
    private final List<Integer> positions = new ArrayList<>();
    private final List<MemoryStateStore> saved = new ArrayList<>();

    Checkpoints(InputLog inputs, MemoryStateStore store) {
      this.inputs = inputs;
      this.store = store;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      positions.add(inputs.size());
      saved.add(store.copy());
    }

    int calls() {
      return positions.size();
    }

    /**
     * Brings {@code world}, freshly prepared, to where a run that died after call {@code n} left
     * it: the local AWS replays the uninterrupted run's inputs up to that call (and fails if any
     * answer differs from the recorded one); returns what that run had saved.
     */
    MemoryStateStore diedAfter(World<?> world, int n) {
      world.aws().local().replay(inputs.first(positions.get(n - 1)));
      return saved.get(n - 1).copy();
    }
  }

  /**
   * {@code folder}, emptied: where every world of a test keeps its files, so that worlds are
   * prepared alike to the letter (a repository's path is in the lineage tags a run writes, and a
   * replay checks every answer). Worlds are made one after the other, each closed before the next.
   */
  public static Path freshFolder(Path folder) {
    try {
      if (Files.exists(folder)) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + folder, e);
    }
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
