package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.lineage.DeploymentRecord;
import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A step's operation as its driver runs it, watched for the deployment record: the manifest's
 * lineage when the request is built, every poll's events, how the run ended. The driver hands its
 * host only a message and a map of plain values; this keeps the typed ending, so the step's result
 * and record come from the operation's own result and failure.
 *
 * <p>Rebuilt on every start and resume; what must outlive a restart is in the persisted
 * {@link StepRecord}.
 */
final class RecordedRun<Q, S extends OperationState, R> implements Operation<Q, S, R> {
  private final PreparedOperation<Q, S, R> prepared;
  private final StepRecord record;

  private volatile S last;
  private volatile Step<S, R> end;
  private volatile RuntimeException refusal;

  RecordedRun(PreparedOperation<Q, S, R> prepared, StepRecord record) {
    this.prepared = prepared;
    this.record = record;
  }

  /** The request, built from the manifest {@code request} reads; remembers its lineage and region. */
  Supplier<Q> request(StepRequest request, OperationContext context) {
    return () -> {
      try {
        ResolvedManifest manifest = request.resolveManifest(context);
        record.manifestRead(Lineage.of(manifest, context.build()), context.regionOf(manifest));
        return prepared.request().apply(manifest);
      } catch (OperationInputException | StepArgumentException | GitException e) {
        refusal = e;
        throw e;
      }
    };
  }

  @Override
  public String name() {
    return prepared.operation().name();
  }

  @Override
  public Class<S> stateType() {
    return prepared.operation().stateType();
  }

  @Override
  public S begin(Q request) {
    try {
      S state = prepared.operation().begin(request);
      last = state;
      return state;
    } catch (OperationInputException e) {
      refusal = e;
      throw e;
    }
  }

  @Override
  public Step<S, R> poll(S state) {
    Step<S, R> step = prepared.operation().poll(state);
    last = step.state();
    record.add(step.events());
    if (!(step instanceof Step.Running)) {
      end = step;
    }
    return step;
  }

  @Override
  public S cancel(S state) {
    S cancelled = prepared.operation().cancel(state);
    last = cancelled;
    return cancelled;
  }

  /** The step's result, once the operation has succeeded. */
  StepResult result() {
    if (!(end instanceof Step.Succeeded<S, R> succeeded)) {
      throw new IllegalStateException(name() + " has not succeeded");
    }
    return prepared.result().apply(succeeded.state(), succeeded.result());
  }

  /** The operation's failure, when it ended as a failed step (not refused, not broken). */
  Optional<OperationFailure> failure() {
    return end instanceof Step.Failed<S, R> failed ? Optional.of(failed.failure()) : Optional.empty();
  }

  /** The record of a run that succeeded: {@code result} is its summary and adds to its lineage. */
  DeploymentRecord succeeded(DeploymentRecorder recorder, StepResult result) {
    return recorder.finish(record.lineage(), record.region(), DeploymentRecord.Outcome.succeeded(), result);
  }

  /**
   * The record of a run that did not succeed: refused (bad input, before any change), failed as an
   * operation (a failed job, a rollback), or broken by {@code unexpected}.
   */
  DeploymentRecord failed(DeploymentRecorder recorder, Throwable unexpected) {
    RuntimeException refused = refusal;
    if (refused instanceof OperationInputException input) {
      return recorder.refused(record.lineage(), record.region(), input);
    }
    if (refused != null) {
      return recorder.finish(record.lineage(), record.region(), new DeploymentRecord.Outcome(
          DeploymentRecord.Status.REFUSED, "INVALID_INPUT", refused.getMessage(), null, List.of(), List.of()), null);
    }
    Optional<OperationFailure> failure = failure();
    if (failure.isPresent()) {
      return recorder.finish(record.lineage(), record.region(), DeploymentRecord.Outcome.of(failure.get()),
          stateContribution());
    }
    DeploymentRecord.Outcome outcome = unexpected != null ? DeploymentRecord.Outcome.error(unexpected)
        : new DeploymentRecord.Outcome(DeploymentRecord.Status.FAILED, "ERROR", name() + " failed", null, List.of(),
            List.of());
    return recorder.finish(record.lineage(), record.region(), outcome, stateContribution());
  }

  /** The record of a run Jenkins stopped (the build was aborted). */
  DeploymentRecord stopped(DeploymentRecorder recorder, String reason) {
    return recorder.finish(record.lineage(), record.region(), DeploymentRecord.Outcome.of(OperationFailure.of(
        OperationFailure.Kind.CANCELLED, name() + " was stopped by Jenkins (" + reason + ")")), stateContribution());
  }

  /** What a state that knows how to record itself adds (an operation may make its state {@link Recordable}). */
  private Recordable stateContribution() {
    return last instanceof Recordable recordable ? recordable : null;
  }
}
