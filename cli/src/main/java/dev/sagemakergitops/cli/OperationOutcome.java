package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * How one operation run by a command ended, for the text summary, the JSON document and the exit
 * code.
 *
 * @param operation the operation's name ({@code sagemakerTrain}, {@code safeDeploy}, ...)
 * @param status how it ended
 * @param manifest the manifest it ran for, or {@code null} when the run was refused before one was read
 * @param result the operation's result when it succeeded (a record), else {@code null}
 * @param failure why it failed, else {@code null}
 * @param problems what was wrong with the input when it was refused (file, line, field), else empty
 * @param record the deployment record written, or {@code null}
 * @param state the saved state kept for a later run (after an interruption), or {@code null}
 * @param followUps what the command did after the operation, by name (for example the revert commit
 *     written after a rollback), in plain values
 * @param warnings what went wrong beside the operation without changing how it ended (a deployment
 *     record that could not be written)
 */
record OperationOutcome(String operation, Status status, ManifestRef manifest, Object result, OperationFailure failure,
    List<ManifestProblem> problems, Path record, Path state, Map<String, Object> followUps, List<String> warnings)
    implements IExitCodeGenerator {

  OperationOutcome {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(status, "status");
    problems = List.copyOf(problems);
    followUps = Collections.unmodifiableMap(new LinkedHashMap<>(followUps));
    warnings = List.copyOf(warnings);
  }

  OperationOutcome(String operation, Status status, ManifestRef manifest, Object result, OperationFailure failure,
      List<ManifestProblem> problems, Path record, Path state) {
    this(operation, status, manifest, result, failure, problems, record, state, Map.of(), List.of());
  }

  static OperationOutcome succeeded(String operation, ResolvedManifest manifest, Object result) {
    return new OperationOutcome(operation, Status.SUCCEEDED, ManifestRef.of(manifest), result, null, List.of(), null,
        null);
  }

  static OperationOutcome failed(String operation, ResolvedManifest manifest, OperationFailure failure) {
    return new OperationOutcome(operation, Status.FAILED, ManifestRef.of(manifest), null, failure, List.of(), null,
        null);
  }

  static OperationOutcome refused(String operation, ResolvedManifest manifest, OperationInputException refusal) {
    return new OperationOutcome(operation, Status.REFUSED, ManifestRef.of(manifest), null, null, refusal.problems(),
        null, null);
  }

  static OperationOutcome interrupted(String operation, ResolvedManifest manifest, Path state) {
    return new OperationOutcome(operation, Status.INTERRUPTED, ManifestRef.of(manifest), null,
        OperationFailure.of(OperationFailure.Kind.CANCELLED, operation + " was interrupted; cancellation was"
            + " requested and saved in " + state + ": run the same command again to see it through"),
        List.of(), null, state);
  }

  OperationOutcome withRecord(Path file) {
    return new OperationOutcome(operation, status, manifest, result, failure, problems, file, state, followUps,
        warnings);
  }

  /** This outcome with {@code value} as the follow-up {@code name}. */
  OperationOutcome withFollowUp(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(followUps);
    more.put(name, value);
    return new OperationOutcome(operation, status, manifest, result, failure, problems, record, state, more,
        warnings);
  }

  /** This outcome with one more warning; how it ended (and its exit code) stays. */
  OperationOutcome withWarning(String warning) {
    List<String> more = new java.util.ArrayList<>(warnings);
    more.add(warning);
    return new OperationOutcome(operation, status, manifest, result, failure, problems, record, state, followUps,
        more);
  }

  /** The exit code this outcome gives ({@link ExitCode#of(Status, OperationFailure)}). */
  @Override
  public int getExitCode() {
    return ExitCode.of(status, failure).code();
  }

  boolean succeeded() {
    return status == Status.SUCCEEDED;
  }

  /** How a run ended. */
  enum Status {
    /** Finished as requested. */
    SUCCEEDED,
    /** Finished, but not as requested: see the failure's kind. */
    FAILED,
    /** Refused before any change: the input is wrong (see the problems). */
    REFUSED,
    /** Interrupted while waiting; cancellation requested and saved. */
    INTERRUPTED;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The manifest a run was for.
   *
   * @param path its path in the repository
   * @param name its {@code metadata.name}
   * @param commit the commit it was read at
   * @param repository the repository as lineage names it
   */
  record ManifestRef(String path, String name, String commit, String repository) {
    static ManifestRef of(ResolvedManifest manifest) {
      return manifest == null ? null : new ManifestRef(manifest.origin().manifestPath(), manifest.name(),
          manifest.origin().commitId(), manifest.origin().repository());
    }
  }
}
