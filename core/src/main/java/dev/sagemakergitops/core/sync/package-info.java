/**
 * What {@code sync} keeps between runs so that a sync killed at any point ends, when run again, as
 * an uninterrupted sync would.
 *
 * <p>{@link dev.sagemakergitops.core.sync.SyncJournal} lists the steps a sync of a commit still
 * owes (shadow test, deploy, transforms, per manifest), written before the first step and struck off
 * step by step. The next sync of the same commit runs what is owed first: an operation killed
 * midway resumes from its own saved state, one not yet started starts, and a transform keyed by the
 * commit attaches to the job it already started, so nothing runs twice. Before planning, sync also
 * reads every endpoint's health (see {@code dev.sagemakergitops.core.health}): a deployment of the
 * configuration the manifest asks for that is still in flight (a run that died, another process) is
 * followed to its end rather than taken for done.
 */
package dev.sagemakergitops.core.sync;
