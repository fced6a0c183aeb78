package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.Step;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Collects one run's deployment record: started when the run starts, fed every progress event
 * (it is a {@code Consumer<OperationEvent>}, so it plugs into {@code OperationRunner}'s progress
 * next to the build log), finished with the run's outcome.
 *
 * <pre>{@code
 * DeploymentRecorder recorder = DeploymentRecorder.start("safeDeploy", context);
 * OperationRunner runner = new OperationRunner(context, sleeper, log.andThen(recorder));
 * Step<?, ?> last = runner.run(operation, manifest, store, key);
 * DeploymentRecord record = recorder.finish(Lineage.of(manifest, context.build()), context.regionOf(manifest), last);
 * new DeploymentRecordWriter().writeInto(recordsDirectory, record);
 * }</pre>
 */
public final class DeploymentRecorder implements Consumer<OperationEvent> {
  private final String operation;
  private final String runId;
  private final Clock clock;
  private final BuildInfo build;
  private final Instant startedAt;
  private final List<OperationEvent> events = new ArrayList<>();

  public DeploymentRecorder(String operation, Clock clock, BuildInfo build) {
    this(operation, clock, build, clock.instant(), List.of());
  }

  /**
   * Carries on recording the run {@code runId} that started at {@code startedAt} and reported
   * {@code events} so far (a host that keeps the run id with its own state).
   */
  public DeploymentRecorder(String operation, String runId, Clock clock, BuildInfo build, Instant startedAt,
      List<OperationEvent> events) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.build = Objects.requireNonNull(build, "build");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.events.addAll(events);
  }

  /**
   * Carries on recording a run that started at {@code startedAt} and reported {@code events} so far:
   * for a host that outlives no process (a Jenkins step after a controller restart) and keeps these
   * two with its own state. The run gets a new run id: the record is written once, at the end, so
   * the id still names exactly one record.
   */
  public DeploymentRecorder(String operation, Clock clock, BuildInfo build, Instant startedAt,
      List<OperationEvent> events) {
    this(operation, newRunId(), clock, build, startedAt, events);
  }

  /**
   * A run id no other run shares: a random (type 4) UUID. The clock cannot give one, since two runs
   * may start in the same second (two CI jobs, a retry).
   */
  public static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /** The id of the run this recorder records. */
  public String runId() {
    return runId;
  }

  /** Starts recording {@code operation} with the context's clock and build. */
  public static DeploymentRecorder start(String operation, OperationContext context) {
    return new DeploymentRecorder(operation, context.clock(), context.build());
  }

  @Override
  public synchronized void accept(OperationEvent event) {
    events.add(event);
  }

  /**
   * The record of a run whose last step is {@code step}. The step's result (on success), else its
   * state, contributes the summary, the resources and the completed lineage when it is
   * {@link Recordable}.
   */
  public DeploymentRecord finish(Lineage lineage, String region, Step<?, ?> step) {
    Recordable contribution = null;
    Lineage known = lineage;
    if (step instanceof Step.Succeeded<?, ?> succeeded && succeeded.result() instanceof Recordable result) {
      contribution = result;
      // The state knows what the run served (a deploy's model package and artifact) even when its
      // result does not say it again; the result's own lineage still wins.
      if (step.state() instanceof Recordable state) {
        known = state.recordLineage().map(more -> more.or(lineage)).orElse(lineage);
      }
    } else if (step.state() instanceof Recordable state) {
      contribution = state;
    }
    return finish(known, region, DeploymentRecord.Outcome.of(step), contribution);
  }

  /**
   * The record of a run that ended with {@code outcome}.
   *
   * @param contribution what the operation adds, or {@code null}
   */
  public DeploymentRecord finish(Lineage lineage, String region, DeploymentRecord.Outcome outcome,
      Recordable contribution) {
    Lineage completed = lineage;
    List<RecordedResource> resources = List.of();
    Map<String, Object> summary = Map.of();
    List<VariantLineage> variants = List.of();
    if (contribution != null) {
      variants = contribution.recordVariants();
      completed = contribution.recordLineage().map(more -> more.or(lineage)).orElse(lineage);
      resources = contribution.recordResources();
      summary = contribution.recordSummary();
    }
    return new DeploymentRecord(operation, runId, region, outcome, startedAt, clock.instant(), build, completed, resources,
        summary, events(), variants);
  }

  /** The record of a run refused before any change. */
  public DeploymentRecord refused(Lineage lineage, String region, OperationInputException refusal) {
    return finish(lineage, region, DeploymentRecord.Outcome.refused(refusal.problems()), null);
  }

  /** The events collected so far. */
  public synchronized List<OperationEvent> events() {
    return List.copyOf(events);
  }
}
