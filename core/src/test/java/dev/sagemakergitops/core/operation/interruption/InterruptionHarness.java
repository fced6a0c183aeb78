package dev.sagemakergitops.core.operation.interruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.AbandonAfterCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Kills an operation after each of its AWS calls in turn and checks that a second run ends exactly
 * as an uninterrupted run does. Generic over any {@link Operation}: a test supplies fresh
 * {@link OperationWorld}s, the harness does the rest.
 *
 * <p>A run "dies" through {@link AbandonAfterCalls}: call {@code n} takes effect in AWS, then an
 * {@link Error} ends the process before anything else happens (in particular before the state of
 * that poll is saved). The second run then either resumes from the state saved so far
 * ({@link Resumption#FROM_SAVED_STATE}, what a Jenkins restart or a CLI re-run with the same state
 * file does) or starts from nothing but the request ({@link Resumption#FROM_SCRATCH}, a re-run
 * after the state was lost), and must attach to what the first run created. States go through
 * {@link FileStateStore}, so they also prove to survive JSON.
 */
public final class InterruptionHarness<Q, S extends OperationState, R> {
  private static final String KEY = "run";

  private final IntFunction<? extends OperationWorld<Q, S, R>> worlds;
  private final Path workDir;
  private int runs;

  /**
   * @param worlds makes a fresh world per run, given the run's number (for example to name its folder)
   * @param workDir where state files go (a folder per run)
   */
  public InterruptionHarness(IntFunction<? extends OperationWorld<Q, S, R>> worlds, Path workDir) {
    this.worlds = worlds;
    this.workDir = workDir;
  }

  /** How the run after the interruption starts. */
  public enum Resumption {
    /** From the state the dead run saved last. */
    FROM_SAVED_STATE,
    /** From the request alone: the saved state is lost. */
    FROM_SCRATCH
  }

  /** One interrupted run and its resumption. */
  public record Trial<R>(int abandonedAfterCall, Resumption resumption, RunOutcome<R> outcome) {}

  /** Runs once without interruption; {@link RunOutcome#callsMade()} says how many calls to interrupt after. */
  public RunOutcome<R> runUninterrupted() {
    try (OperationWorld<Q, S, R> world = worlds.apply(++runs)) {
      AbandonAfterCalls counter = new AbandonAfterCalls(Integer.MAX_VALUE);
      Step<S, R> step = run(world, List.of(counter), store("baseline"));
      return RunOutcome.of(step, world.resources(), counter.made());
    }
  }

  /**
   * For every call from 1 to {@code calls}: a fresh world, a run that dies right after that call,
   * and a second run per {@code resumption}.
   */
  public List<Trial<R>> abandonAfterEachCall(int calls, Resumption resumption) {
    List<Trial<R>> trials = new ArrayList<>();
    for (int call = 1; call <= calls; call++) {
      trials.add(abandonAfter(call, resumption));
    }
    return trials;
  }

  /** One trial: die after call {@code call}, then run again per {@code resumption}. */
  public Trial<R> abandonAfter(int call, Resumption resumption) {
    try (OperationWorld<Q, S, R> world = worlds.apply(++runs)) {
      StateStore first = store("abandoned-" + call + "-" + resumption);
      AbandonAfterCalls abandon = new AbandonAfterCalls(call);
      try {
        run(world, List.of(abandon), first);
        throw new IllegalStateException("the run finished after " + abandon.made() + " calls, before call " + call
            + " could be interrupted; interrupt after at most " + abandon.made() + " calls");
      } catch (AbandonAfterCalls.Abandoned expected) {
        // The process died; what it did in AWS stays.
      }
      StateStore second = resumption == Resumption.FROM_SAVED_STATE ? first
          : store("scratch-" + call + "-" + resumption);
      AbandonAfterCalls counter = new AbandonAfterCalls(Integer.MAX_VALUE);
      Step<S, R> step = run(world, List.of(counter), second);
      return new Trial<>(call, resumption, RunOutcome.of(step, world.resources(), counter.made()));
    }
  }

  private Step<S, R> run(OperationWorld<Q, S, R> world, List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor>
      interceptors, StateStore store) {
    AwsClients clients = world.aws().clients(interceptors);
    OperationContext context = world.aws().context(clients);
    Operation<Q, S, R> operation = world.operation(context);
    OperationRunner runner = new OperationRunner(context, world.sleeper(), event -> { });
    try {
      return runner.run(operation, world.request(), store, KEY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      clients.close();
    }
  }

  /**
   * Asserts that every trial ended exactly as {@code baseline} did (result or failure, and the
   * resources left in AWS), and that there was a trial for every call of the baseline.
   */
  public static <R> void assertEachEndsLike(RunOutcome<R> baseline, List<Trial<R>> trials) {
    assertThat(trials).hasSize(baseline.callsMade());
    for (Trial<R> trial : trials) {
      assertThat(trial.outcome())
          .as("abandoned after call %d, resumed %s", trial.abandonedAfterCall(), trial.resumption())
          .usingRecursiveComparison().ignoringFields("callsMade").isEqualTo(baseline);
    }
  }

  private StateStore store(String name) {
    try {
      return new FileStateStore(Files.createDirectories(workDir.resolve("states-" + runs + "-" + name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
