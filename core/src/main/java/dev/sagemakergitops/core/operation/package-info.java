/**
 * The five operations as resumable state machines, and what runs them.
 *
 * <h2>The contract</h2>
 *
 * <p>An {@link dev.sagemakergitops.core.operation.Operation} has three methods.
 * {@code begin(request)} checks a request (a {@link dev.sagemakergitops.core.operation.ResolvedManifest}:
 * a manifest read at a Git commit, images pinned to digests) and returns the first state, without
 * a mutating AWS call. {@code poll(state)} makes a bounded number of calls, moves the state on and
 * returns a {@link dev.sagemakergitops.core.operation.Step}: running (poll again after a delay),
 * succeeded (with a result) or failed (with an
 * {@link dev.sagemakergitops.core.operation.OperationFailure}). {@code cancel(state)} asks SageMaker to
 * stop.
 *
 * <h2>State</h2>
 *
 * <p>Each operation's state is a record of plain values (names, ARNs, a phase, deadlines), written
 * as JSON by {@link dev.sagemakergitops.core.operation.StateCodec}. It never holds a client, a
 * credential or a secret: those live in the {@link dev.sagemakergitops.core.operation.OperationContext},
 * which is rebuilt after a restart. Because every resource name is derived from the resolved spec
 * ({@code core.naming}), a poll that is repeated after a crash finds what the first attempt
 * created and attaches to it. For the same reason a saved state that can no longer be read is no
 * loss: {@link dev.sagemakergitops.core.operation.FileStateStore#setAside} renames it out of the
 * way (the command line does so and says so), and a run from scratch attaches by name. A state
 * that cannot be written is a {@link dev.sagemakergitops.core.operation.StateStoreException}.
 *
 * <p>Where an operation is, is an enum of its state ({@code TrainState.Stage},
 * {@code RegisterState.Stage}, {@code BatchTransformState.Stage}, ...), never a string compared
 * by value. Train and register save their stage under the key {@code "phase"} with the word they
 * saved before it was an enum ({@code "Pending"}, {@code "InProgress"}, {@code "Finding"}, ...), so
 * a state file written by an earlier version still loads and resumes.
 *
 * <h2>AWS answers</h2>
 *
 * <p>The operations ask AWS through the gateways of {@code core.aws}: a lookup answers
 * {@code Optional.empty()} for a resource that does not exist, so no operation reads SageMaker's
 * error words itself. Which failures are transient ({@code core.aws.TransientFailures}) and how
 * eventual consistency is waited for ({@code core.aws.EventualConsistency}) live there too.
 *
 * <h2>Running</h2>
 *
 * <p>{@link dev.sagemakergitops.core.operation.OperationRunner} loops in one process (the command
 * line): begin or resume from a {@link dev.sagemakergitops.core.operation.StateStore}, poll, save
 * (only a state the poll changed: the store already holds an unchanged one), wait as the {@link dev.sagemakergitops.core.operation.PollingPolicy} says. A poll that fails
 * transiently (throttling that outlasted the SDK's retries, a 5xx) is repeated after a back-off.
 * Jenkins does the same on its own scheduler, holding no executor. The work itself is an
 * {@link dev.sagemakergitops.core.operation.OperationRun}: one piece (begin, or one poll) per call,
 * which says how long to wait before the next one and never waits itself, so the runner sleeps on
 * its thread and a parallel sync's scheduler ({@code core.schedule}) follows hundreds of runs with a
 * few threads; both report the same events in the same order.
 *
 * <h2>Eventual consistency</h2>
 *
 * <p>AWS documents that a resource just created may not be found for a moment by the call that uses
 * it. Every create-then-use chain (CreateModel before CreateEndpointConfig, CreateTransformJob and
 * CreateInferenceExperiment; CreateEndpointConfig before CreateEndpoint and UpdateEndpoint;
 * CreateModelPackage before DescribeModelPackage; RegisterScalableTarget before PutScalingPolicy)
 * goes through {@link dev.sagemakergitops.core.aws.EventualConsistency}: when the run created
 * the dependency, a not-found answer repeats the poll (transient) instead of failing, at most
 * {@code MAX_POLLS} times in a row; a dependency the run did not create fails at once. Which
 * dependencies count as created by the run: a model CreateModel made, or one Describe misses while
 * Create says it exists (made by an earlier poll); a package this run registered (not reused); a
 * scalable target this poll had to register; deploy's model and endpoint configuration while the run
 * is younger than {@code EventualConsistency.WINDOW} (it ensures them in its first two polls). Deploy
 * also calls DescribeEndpointConfig before CreateEndpoint, as AWS recommends.
 */
package dev.sagemakergitops.core.operation;
