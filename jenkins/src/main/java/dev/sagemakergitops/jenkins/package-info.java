/**
 * The Jenkins Pipeline steps: a thin adapter over {@code core}. Nothing here knows SageMaker; every
 * decision is core's, and this package only turns Pipeline's world (step arguments, the build's
 * environment and log, credentials, a scheduler) into core's.
 *
 * <h2>The steps</h2>
 *
 * <p>Five operation steps, one small class each: {@code sagemakerTrain}
 * ({@link dev.sagemakergitops.jenkins.SageMakerTrainStep}), {@code registerModel}, {@code safeDeploy},
 * {@code shadowTest}, {@code batchTransform}. Each takes a {@code manifest} (the only mandatory argument,
 * in its {@code @DataBoundConstructor}), a {@code ref}, its own few options (setters), and the AWS and
 * repository settings of {@link dev.sagemakergitops.jenkins.AwsStep}. Two read-only steps for pull
 * requests: {@code sagemakerValidate} and {@code sagemakerPlan}. Every step returns a map of plain
 * values (strings, numbers, booleans, lists, maps; see {@code core.operation.PlainValues}), which
 * sandboxed scripts read as {@code out.name} without script approval.
 *
 * <h2>Waiting without an executor, across restarts</h2>
 *
 * <p>{@link dev.sagemakergitops.jenkins.OperationStepExecution} drives a core
 * {@code OperationDriver}. {@code start()} schedules the first tick on the plugin's own scheduler
 * ({@link dev.sagemakergitops.jenkins.StepScheduler}) and returns {@code false}; each tick polls once
 * and schedules the next, so between polls no thread and no executor is held, and the steps need only
 * the run and its log (not {@code node {}}). Persisted with the Pipeline program: the factory (a
 * class), the step's plain arguments ({@link dev.sagemakergitops.jenkins.StepSettings}) and the
 * operation's state as JSON, saved when a tick changed them (a failed save is logged); never a
 * credential. The record is serialized under its own lock, so a save while a tick appends sees it
 * whole. After a restart {@code onResume()} schedules a tick that resolves the credentials again and
 * rebuilds the driver from the saved state. {@code stop()} asks SageMaker to stop what the operation
 * started, on the scheduler's thread, and fails the step with the cause Jenkins gave. Ticks run as
 * the build's authentication; while one runs, {@code blocksRestart()} is true. From the start of a
 * Jenkins shutdown until the next start, ticks do nothing and no step reports an end; the pool is
 * stopped for good once Pipeline has suspended every build (see {@code StepScheduler}).
 *
 * <h2>Credentials</h2>
 *
 * <p>{@code credentialsId} (AWS Credentials plugin, looked up for the run, tracked, resolved through
 * {@link dev.sagemakergitops.jenkins.CachedCredentials} and closed with the run), else the variables
 * {@code withAWS} / {@code withCredentials([aws(...)])} put in the build's environment (whose
 * expiry a step reports as such, {@link dev.sagemakergitops.jenkins.ExpiredCredentials}), else, only
 * when an administrator allows it, the controller's own identity; then {@code roleArn} on top, the
 * {@code region} and {@code endpointUrl} overrides, and Jenkins' HTTP proxy. The logic is core's
 * {@code AwsAccess}; the lookup by id and the cache are here
 * ({@link dev.sagemakergitops.jenkins.JenkinsCredentials}).
 *
 * <h2>What the administrator allows</h2>
 *
 * <p>{@link dev.sagemakergitops.jenkins.AdminPolicy}, set in the global configuration
 * ({@link dev.sagemakergitops.jenkins.SageMakerGitOpsConfiguration}): by default a step reads Git only
 * inside the build's workspace (no absolute path, no {@code ..}, no link out, its own {@code .git}),
 * uses only the build's own credentials, and sends nothing to a custom endpoint; each of those is an
 * administrator's opt-in ({@link dev.sagemakergitops.jenkins.StepRuntime} applies them). A workspace on
 * an agent is read there, through {@code FilePath.act}, into a copy in the build's folder
 * ({@link dev.sagemakergitops.jenkins.WorkspaceGit}), which later steps outside {@code node {}} read;
 * branches a step writes go back to the agent's clone. The Snippet
 * Generator's checks ({@link dev.sagemakergitops.jenkins.AwsStepDescriptor}) are {@code @POST} and
 * answer only users who may configure the job.
 *
 * <h2>Wiring an operation</h2>
 *
 * <p>A step meets its operation in one {@link dev.sagemakergitops.jenkins.OperationFactory}: it
 * builds the operation with the run's context, builds the request from the manifest the execution
 * read at the ref ({@link dev.sagemakergitops.jenkins.StepRequest#resolveManifest}, images pinned)
 * and the step's own arguments, and turns the operation's result into the step's result
 * ({@link dev.sagemakergitops.jenkins.StepResult}: the documented keys scripts read, the resources
 * touched, the lineage completed). The five factories are the one place that names the five core
 * operations; a factory may also act after a failure (safe deploy writes the revert of a rolled-back
 * change, {@code core.revert}). Safe deploy also gets Git's commit order from the repository the step reads (the build's
 * copy for an agent's clone), so a run that waited for a newer commit's deployment stops "superseded".
 * A factory only translates: what a clean-up keeps ({@code core.cleanup}), where a trained artifact
 * is ({@code core.artifact}) and every AWS call are core's; no class here uses an AWS SDK service
 * client (a test checks it).
 *
 * <h2>What the steps share</h2>
 *
 * <p>Each step class declares only its own arguments (a getter and a {@code @DataBoundSetter} each,
 * as Jenkins' data binding needs) and names its factory. The rest is inherited:
 * {@link dev.sagemakergitops.jenkins.AwsStep} (credentials, region, role, endpoint, repository),
 * {@link dev.sagemakergitops.jenkins.OperationStep} (manifest and ref, the execution),
 * {@link dev.sagemakergitops.jenkins.RunKeyedOperationStep} ({@code runKey}, for
 * {@code sagemakerTrain}, {@code shadowTest} and {@code batchTransform}),
 * {@link dev.sagemakergitops.jenkins.BranchPublishingStep} ({@code push}, {@code openPullRequest},
 * {@code pullRequestBase}, {@code gitCredentialsId}, for the steps that write a branch:
 * {@code registerModel}'s bump and {@code safeDeploy}'s revert) and the descriptor
 * ({@link dev.sagemakergitops.jenkins.AwsStepDescriptor}, given the function and display names).
 * Both executions run on the plugin's scheduler through
 * {@link dev.sagemakergitops.jenkins.ScheduledStepExecution}.
 *
 * <h2>Pushing the branches a step writes</h2>
 *
 * <p>After {@code registerModel} wrote its bump commit (the result gains the push's and the pull
 * request's entries) and after {@code safeDeploy} wrote a revert (its failure message gains a line),
 * {@link dev.sagemakergitops.jenkins.PullRequestOptions} runs core's
 * {@code pullrequest.BranchPublisher}, the command line's own, with the revert or bump texts of
 * {@code pullrequest.PullRequestTexts}. {@link dev.sagemakergitops.jenkins.GitHostCredentials} binds
 * {@code gitCredentialsId} (Secret text, Username with password, SSH Username with private key) into a
 * {@link dev.sagemakergitops.jenkins.GitAccess} for that one push: in memory, never in the build's
 * environment, the persisted state, the record or the log. A push that fails is a warning; the
 * step's outcome is what the operation's was.
 *
 * <h2>The deployment record</h2>
 *
 * <p>Every run of an operation step writes one deployment record ({@code core.lineage}), however it
 * ends, into {@code sagemaker-gitops-records/} of the workspace (inside {@code node {}} on the
 * controller) or of the build's folder, and returns its path as {@code recordPath}.
 * {@link dev.sagemakergitops.jenkins.RecordedRun} watches the operation for it;
 * {@link dev.sagemakergitops.jenkins.StepRecord} keeps its start and events with the persisted
 * execution, so a restart loses none of them.
 *
 * <h2>The deployment report on the build and job pages</h2>
 *
 * <p>When a {@code safeDeploy} step has written its record, it copies it into the build's folder
 * and adds {@link dev.sagemakergitops.jenkins.DeploymentReportAction} to the build once: a summary
 * on the build's page and the picture {@code core.report} draws at
 * {@code <build>/sagemaker-gitops-report/}. {@link dev.sagemakergitops.jenkins.LastDeploymentsActionFactory}
 * gives every job a {@link dev.sagemakergitops.jenkins.LastDeploymentsAction}: the last deployment of
 * each endpoint in its recent builds. Neither keeps state: both read the record files when shown.
 *
 * <h2>Two builds of these sources</h2>
 *
 * <p>The default build compiles this package against {@code jenkins-api-subset}, a compile-only,
 * never-shipped subset of the Jenkins API written from the upstream signatures, and runs the unit
 * tests. {@code mvn -Pjenkins verify} builds the plugin ({@code jenkins-plugin/pom.xml}, an
 * {@code .hpi}) from the same sources against the real Jenkins artifacts and runs the JenkinsRule
 * tests. See {@code docs/jenkins.md}.
 */
package dev.sagemakergitops.jenkins;
