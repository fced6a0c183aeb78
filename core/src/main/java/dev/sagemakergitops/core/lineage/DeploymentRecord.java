package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.redaction.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one run of an operation did, written as JSON at its end ({@code docs/deployment-record.md},
 * schema {@code docs/deployment-record.schema.json}): which operation, how it ended and why, when,
 * from which commit and manifest, by which build, what it created, reused or updated, its result in
 * numbers and names, and every progress line it reported.
 *
 * <p>It is generic: an operation contributes a result summary, resources and completed lineage
 * through {@link Recordable}, so this package depends on no operation. It never holds a secret:
 * values are plain ({@link PlainValues}), URLs lose their user-info part, and the container
 * environment is never recorded.
 *
 * @param operation the operation's name ({@code train}, {@code register}, {@code safeDeploy},
 *     {@code shadowTest}, {@code batchTransform})
 * @param runId what tells this run apart from every other, even one of the same operation and
 *     manifest started in the same second: a random UUID chosen when the run starts
 * @param region the region its resources live in, or {@code null} when the run was refused before
 *     a manifest was read
 * @param outcome how it ended
 * @param startedAt when the run started, from the operation context's clock
 * @param finishedAt when it ended, from the same clock
 * @param build the build that ran it
 * @param lineage the lineage of what it made; {@link Lineage#none()} when nothing was read
 * @param resources what it created, reused or updated
 * @param result the operation's summary in plain values, in its own order
 * @param events the progress lines it reported, oldest first
 * @param variants what each variant with its own model serves; empty when none has one
 */
public record DeploymentRecord(
    String operation,
    String runId,
    String region,
    Outcome outcome,
    Instant startedAt,
    Instant finishedAt,
    BuildInfo build,
    Lineage lineage,
    List<RecordedResource> resources,
    Map<String, Object> result,
    List<OperationEvent> events,
    List<VariantLineage> variants) {

  /** A record of a run whose variants all serve the manifest's {@code spec.model}. */
  public DeploymentRecord(String operation, String runId, String region, Outcome outcome, Instant startedAt,
      Instant finishedAt, BuildInfo build, Lineage lineage, List<RecordedResource> resources,
      Map<String, Object> result, List<OperationEvent> events) {
    this(operation, runId, region, outcome, startedAt, finishedAt, build, lineage, resources, result, events, List.of());
  }

  /** Bumped when a field changes meaning or is removed; adding a field keeps the version. */
  public static final int SCHEMA_VERSION = 1;

  private static final Pattern OPERATION_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{7,63}");

  public DeploymentRecord {
    Objects.requireNonNull(operation, "operation");
    if (!OPERATION_NAME.matcher(operation).matches()) {
      throw new IllegalArgumentException("an operation name is a camel-case word such as safeDeploy, got '"
          + operation + "'");
    }
    Objects.requireNonNull(runId, "runId");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("a run id is 8 to 64 letters, digits and '-', got '" + runId + "'");
    }
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("a run cannot finish (" + finishedAt + ") before it starts (" + startedAt + ")");
    }
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(lineage, "lineage");
    resources = List.copyOf(resources);
    result = PlainValues.copyOf(result);
    events = List.copyOf(events);
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  /** The record as the pretty-printed JSON its schema describes. */
  public String toJson() {
    return LineageJson.write(DeploymentRecordJson.tree(this));
  }

  /**
   * How a run ended.
   *
   * @param status the outcome
   * @param failureKind {@code null} when it succeeded; else an {@link OperationFailure.Kind} name,
   *     {@code INVALID_INPUT} (refused before any change) or {@code ERROR} (an unexpected exception)
   * @param message what happened and what to do, or {@code null} when it succeeded
   * @param failureReason SageMaker's {@code FailureReason}, or {@code null}
   * @param alarms the alarms in ALARM when SageMaker rolled back
   * @param problems the located manifest problems a refused run reported, as {@code file:line:column: ...}
   */
  public record Outcome(Status status, String failureKind, String message, String failureReason,
      List<String> alarms, List<String> problems) {

    public Outcome {
      Objects.requireNonNull(status, "status");
      if ((status == Status.SUCCEEDED) != (failureKind == null)) {
        throw new IllegalArgumentException("a failure kind goes with every outcome but success, got " + status
            + " with " + failureKind);
      }
      message = Redaction.withoutUrlCredentials(message);
      failureReason = Redaction.withoutUrlCredentials(failureReason);
      alarms = List.copyOf(alarms);
      problems = problems.stream().map(Redaction::withoutUrlCredentials).toList();
    }

    public static Outcome succeeded() {
      return new Outcome(Status.SUCCEEDED, null, null, null, List.of(), List.of());
    }

    /** A run that finished but not as requested. */
    public static Outcome of(OperationFailure failure) {
      Status status = switch (failure.kind()) {
        case ROLLED_BACK -> Status.ROLLED_BACK;
        case CANCELLED -> Status.CANCELLED;
        default -> Status.FAILED;
      };
      return new Outcome(status, failure.kind().name(), failure.message(), failure.failureReason(), failure.alarms(),
          List.of());
    }

    /** The outcome of a finished step. */
    public static Outcome of(Step<?, ?> step) {
      if (step instanceof Step.Failed<?, ?> failed) {
        return of(failed.failure());
      }
      if (step instanceof Step.Succeeded<?, ?>) {
        return succeeded();
      }
      throw new IllegalArgumentException("the run has not finished: its last step is still running");
    }

    /** A run refused before any change because of these manifest problems. */
    public static Outcome refused(List<ManifestProblem> problems) {
      return new Outcome(Status.REFUSED, "INVALID_INPUT",
          problems.size() == 1 ? "the manifest has a problem; nothing was changed"
              : "the manifest has " + problems.size() + " problems; nothing was changed",
          null, List.of(), problems.stream().map(ManifestProblem::toString).toList());
    }

    /** A run stopped by an unexpected exception (access denied, a lost network, a bug). */
    public static Outcome error(Throwable exception) {
      String message = exception.getMessage() == null ? exception.getClass().getSimpleName()
          : exception.getClass().getSimpleName() + ": " + exception.getMessage();
      return new Outcome(Status.FAILED, "ERROR", message, null, List.of(), List.of());
    }
  }

  /** The outcomes, by their names in the record's JSON. */
  public enum Status {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    ROLLED_BACK("rolledBack"),
    CANCELLED("cancelled"),
    REFUSED("refused");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
