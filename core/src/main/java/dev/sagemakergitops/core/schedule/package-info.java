/**
 * One scheduler for many long waits: {@link dev.sagemakergitops.core.schedule.WakeUpScheduler}
 * follows any number of pieces of {@link dev.sagemakergitops.core.schedule.Wakeable} work (an
 * operation run that polls every so often, a chain of them) with a fixed number of worker threads,
 * waking each one when its next poll is due. No thread is held by work that waits, so a process
 * follows 500 deployments with a handful of threads and a queue entry each.
 *
 * <h2>Time</h2>
 * The scheduler takes the time from an injected {@code Clock} and passes idle time with an injected
 * {@code Sleeper}: really sleeping on AWS, moving the local control plane's virtual clock in tests,
 * benchmarks and {@code SAGEMAKER_GITOPS_SIMULATED_TIME=local}. It moves time only when no work is
 * running, and then straight to the earliest wake-up, so operations that run together share one
 * simulated clock: a parallel sync takes as much simulated time as its longest wave of chains.
 *
 * <h2>Relation to the other engines</h2>
 * The work is the same {@code OperationRun} the command line's {@code OperationRunner} drives on its
 * own thread; Jenkins drives its steps with {@code OperationDriver} and its own timer instead
 * ({@code TickScheduler}), because Jenkins owns the threads and persists a step across restarts.
 *
 * <h2>Interruption and failures</h2>
 * When the thread that runs the scheduler is interrupted, every waiting piece of work is told
 * ({@code Wakeable.interrupted}: an operation cancels what it started and saves that), running pieces
 * are told when they end, and nothing new starts. A piece that throws ends; the rest run on, and the
 * first exception is thrown once all is over.
 */
package dev.sagemakergitops.core.schedule;
