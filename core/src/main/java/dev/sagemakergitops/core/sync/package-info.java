/**
 * What {@code sync} runs, and what it keeps between runs so that a sync killed at any point ends,
 * when run again, as an uninterrupted sync would. The command line only prints the plan and the
 * runs; every decision is here.
 *
 * <p><b>Planning.</b> {@link dev.sagemakergitops.core.sync.SyncPlanner} decides, for each manifest at
 * the target commit, whether it changed since what its endpoint runs (read from the endpoint's
 * lineage tags, or compared with a base commit) and its steps in order: the shadow test when
 * configured and the endpoint is live, the safe deploy, each batch transform
 * ({@link dev.sagemakergitops.core.sync.SyncItem}). An endpoint that already rolled back the very
 * change asked for is blocked instead of deployed again.
 *
 * <p><b>Running.</b> {@link dev.sagemakergitops.core.sync.SyncRun} runs the items' steps in order and
 * stops at the first that does not succeed; the caller says how a step runs and where its state is
 * saved.
 *
 * <p><b>Running in parallel.</b> {@link dev.sagemakergitops.core.sync.ParallelSyncRun} runs up to N
 * items' chains at once on one {@code core.schedule.WakeUpScheduler}: each chain's steps in order, a
 * chain whose endpoint another running chain names waits for it, a failure ends its own chain only
 * (with fail-fast, no chain starts after it; running ones are followed to their end), and the same
 * journal is planned, struck off and closed. The caller starts each step as a run the scheduler
 * wakes ({@code ParallelSyncRun.StepRun}); nothing in here waits.
 *
 * <p><b>Resuming.</b> {@link dev.sagemakergitops.core.sync.SyncJournal} lists the steps a sync of a
 * commit still owes (shadow test, deploy, transforms, per manifest), written before the first step
 * and struck off step by step. The next sync of the same commit runs what is owed first: an
 * operation killed midway resumes from its own saved state, one not yet started starts, and a
 * transform keyed by the commit attaches to the job it already started, so nothing runs twice.
 * Before planning, sync also reads every endpoint's health (see {@code dev.sagemakergitops.core.health}):
 * a deployment of the configuration the manifest asks for that is still in flight (a run that died,
 * another process) is followed to its end rather than taken for done. The health and the lineage of
 * one endpoint share one {@code DescribeEndpoint} and one {@code ListTags} of the endpoint
 * ({@code core.health.EndpointReads}); the deploy's pre-flight reads both again.
 */
package dev.sagemakergitops.core.sync;
