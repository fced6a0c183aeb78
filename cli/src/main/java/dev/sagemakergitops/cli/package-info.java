/**
 * The {@code sagemaker-gitops} command line (picocli): one class per command, thin over
 * {@code core}: a command translates its options into core calls and prints core's results; what
 * to do and every AWS call are core's ({@code core.sync} plans and runs a sync,
 * {@code core.revert} writes the revert after a rollback, {@code core.artifact} finds a trained
 * artifact, {@code core.cleanup} says what a deploy's clean-up keeps, {@code core.seed} creates a
 * local seed's alarms). No class here uses an AWS SDK service client (a test checks it). The
 * user's reference is {@code docs/cli.md}.
 *
 * <p>Conventions every command keeps: {@code --repo}, {@code --ref} and manifest paths relative to
 * the repository ({@link dev.sagemakergitops.cli.RepositoryOptions}); AWS settings that default to
 * the AWS conventions ({@link dev.sagemakergitops.cli.AwsOptions}); {@code --format}/{@code --json};
 * the exit codes of {@link dev.sagemakergitops.cli.ExitCode} (0 success, 1 failure, 2 invalid
 * input with every problem listed, 3 rolled back, 4 shadow rejected), which {@code --help} lists
 * and docs/cli.md quotes: the one place that decides a run's code, asked by every result (each
 * implements picocli's {@code IExitCodeGenerator}) and by the error handler, which gives 2 only
 * for picocli's argument errors and the project's own input exceptions, so a bug exits 1;
 * one line and never a stack trace for an error ({@link dev.sagemakergitops.cli.ErrorHandler}),
 * unless {@code SAGEMAKER_GITOPS_DEBUG} is set; and, for a command asked for JSON, one JSON document
 * on standard output on every path after option parsing: its result, or the failure
 * ({@link dev.sagemakergitops.cli.CommandFailure}: {@code outcome} and {@code failure.kind}). No
 * text printed carries URL credentials ({@code core.redaction}).
 *
 * <h2>Commands that run operations</h2>
 *
 * <p>{@code train}, {@code register}, {@code deploy}, {@code shadow} and {@code transform} extend
 * {@link dev.sagemakergitops.cli.OperationCommand}, and {@code sync} runs several operations the
 * same way, through one {@link dev.sagemakergitops.cli.OperationSession}:
 *
 * <ol>
 *   <li>the manifest is resolved at {@code --ref} ({@code ManifestResolver}: read from Git objects,
 *       images pinned in ECR); a problem is an {@code OperationInputException} whose problems are
 *       printed as {@code file:line:column: field: message}, exit 2, before any mutating call;
 *   <li>{@code OperationRunner} drives the operation with a {@code FileStateStore} in the state
 *       folder ({@link dev.sagemakergitops.cli.RunFolders}), under a key of operation, manifest,
 *       commit and options ({@link dev.sagemakergitops.cli.StateKey}), so running the same
 *       command again after a crash resumes; the state is deleted when the run finishes. With
 *       {@code sync --parallel N}, {@code OperationSession.start} makes the same run one that the
 *       parallel sync's scheduler wakes instead (same state key, record and outcome), its progress
 *       lines prefixed with {@code [manifest name]}, and its AWS calls under the process's rate
 *       limits ({@code ClientRateLimits}); the exit code is then the most severe outcome
 *       ({@link dev.sagemakergitops.cli.ExitCode#mostSevere});
 *   <li>every progress event becomes a timestamped line ({@link dev.sagemakergitops.cli.ProgressPrinter}),
 *       on standard output, or standard error with {@code --json}, and feeds the run's
 *       {@code DeploymentRecorder}; the record is written into the record folder at the end,
 *       under a name of its own (run id), and a record that cannot be written is a warning of the
 *       outcome, never its failure: the result wins over its bookkeeping;
 *   <li>a saved state that cannot be read is set aside and the run starts over, with a warning;
 *       while the operation waits, Ctrl-C and SIGTERM print one line that says SageMaker goes on
 *       and how to resume ({@link dev.sagemakergitops.cli.InterruptNotice});
 *   <li>the outcome ({@link dev.sagemakergitops.cli.OperationOutcome}) is printed as text or one
 *       JSON document ({@link dev.sagemakergitops.cli.OutcomePrinter}) and gives the exit code.
 * </ol>
 *
 * <h2>Fan-out</h2>
 *
 * <p>{@code plan --format matrix} ({@link dev.sagemakergitops.cli.PlanMatrix}) turns a plan into the
 * work list of a distributed engine: one entry per added or changed manifest, for a Jenkins
 * {@code parallel} step and, already shaped as a batch buildspec's {@code build-list}, for a
 * CodeBuild batch build; each entry's build runs {@code sync} with that one path.
 *
 * <p>What a command runs with besides its options (clock, sleeper, environment variables, polling,
 * SDK interceptors) is a {@link dev.sagemakergitops.cli.CommandRuntime} held by
 * {@link dev.sagemakergitops.cli.Main}; tests build the command line with one on the local control
 * plane's virtual clock. Nothing is global.
 *
 * <h2>Start-up</h2>
 *
 * <p>A process runs one command, so {@link dev.sagemakergitops.cli.Main#run} builds picocli's model
 * (reflection over options, mixins and argument groups) of that command alone: the one its first
 * argument names exactly; every command when the line asks for help, names no command or an unknown
 * one. What any line prints and exits with is what the whole tree would give. The build's
 * class-data-sharing archive ({@link dev.sagemakergitops.cli.CdsTraining}, the launcher
 * {@code target/sagemaker-gitops}) holds the classes a run loads, parsed and verified, except
 * picocli's: its jar is compiled for Java 5 (class version 49), which JDK 17 does not archive, so
 * they are read from the jar and checked by the old verifier at every start (docs/benchmarks.md,
 * "Cold start").
 */
package dev.sagemakergitops.cli;
