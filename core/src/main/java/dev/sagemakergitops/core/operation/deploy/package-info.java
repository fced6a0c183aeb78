/**
 * Safe deploy: a manifest's model package version onto a real-time endpoint, through SageMaker's
 * own deployment guardrails, verified, and never reported as a success when SageMaker rolled it
 * back.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * ResolvedManifest manifest = new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, "HEAD", path);
 * SafeDeployOperation deploy = new SafeDeployOperation(context, git::descendsFrom);
 * Step<DeployState, DeployResult> end = runner.run(deploy, DeployRequest.of(manifest), store, "deploy-churn-prod");
 * }</pre>
 *
 * <h2>Where each part lives</h2>
 *
 * {@link dev.sagemakergitops.core.operation.deploy.SafeDeployOperation} only dispatches (a thin
 * engine loop, as in gitops-engine): {@code begin} is {@link
 * dev.sagemakergitops.core.operation.deploy.DeployPreflight}; each poll goes to the {@link
 * dev.sagemakergitops.core.operation.deploy.DeployStage} of the state's stage, one class per stage
 * (as the ACK controller keeps one hooks file per resource), named in the list below; {@code cancel}
 * is {@link dev.sagemakergitops.core.operation.deploy.Cancellation}. What the stages share (the
 * clients, the clock, how a poll fails or succeeds) is {@link
 * dev.sagemakergitops.core.operation.deploy.StageContext}. The deployment's shape (its
 * {@code DeploymentConfig}, traffic steps and rules) is {@link
 * dev.sagemakergitops.core.manifest.DeploymentRules}, shared with the manifest binder; {@link
 * dev.sagemakergitops.core.operation.deploy.DeploymentPolicy} is that setting as plain data in the
 * plan. Whether a deployment ended in a rollback, and which alarms fired, is read by {@code core.health}
 * ({@link dev.sagemakergitops.core.health.Rollback}, {@link
 * dev.sagemakergitops.core.health.RollbackAlarms}), the one place that reads SageMaker's endpoint
 * statuses.
 *
 * <h2>The state</h2>
 *
 * {@link dev.sagemakergitops.core.operation.deploy.DeployState} is the stage (an enum), the plan,
 * and five small groups: the request made of the endpoint (what changed, {@link
 * dev.sagemakergitops.core.operation.deploy.EndpointChange}; the configuration replaced; when; the
 * deadline), the progress seen, the rollback-alarm watch, the autoscaling put aside, and the outcome.
 * It is saved as the flat object of {@link dev.sagemakergitops.core.operation.deploy.DeployStateFile},
 * whose field names are those every version has written: a state file from an earlier version
 * resumes.
 *
 * <h2>Pre-flight</h2>
 *
 * {@code begin} is the pre-flight and changes nothing: the manifest needs {@code model} and
 * {@code endpoint}; the model package must be Approved and Completed
 * ({@link dev.sagemakergitops.core.operation.model.ServingModels#define}); the rollback alarms must
 * exist; and the live endpoint must admit the deployment ({@link
 * dev.sagemakergitops.core.operation.deploy.Guardrails}: same variant names, rolling only on
 * single-variant instance endpoints, no guardrails promised on Inf1). Every problem is an
 * {@link dev.sagemakergitops.core.operation.OperationInputException} naming file, line and field.
 *
 * <h2>Stages ({@link dev.sagemakergitops.core.operation.deploy.DeployState.Stage})</h2>
 *
 * <ol>
 *   <li>{@code MODEL} ({@code ModelStage}): for an instance-backed endpoint, first a warning event for each way the pinned
 *       image can vanish from ECR ({@link dev.sagemakergitops.core.aws.ImageRetention}: an untagged digest,
 *       a MUTABLE repository whose lifecycle policy expires untagged images); then the serving model,
 *       created unless it exists;
 *   <li>{@code CONFIG} ({@code EndpointConfigStage}): the endpoint configuration ({@link
 *       dev.sagemakergitops.core.operation.deploy.EndpointConfigDefinition}, named from a hash of
 *       its variants and data capture), created unless it exists, and not at all when the live
 *       configuration differs from it only in weights and instance counts ({@code InPlaceChange});
 *   <li>{@code ENDPOINT} ({@code EndpointStage}, {@code ConflictWait}, {@code EndpointUpdate}): {@code DescribeEndpoint}, read by the endpoint health classifier
 *       ({@code core.health}), then one of: {@code CreateEndpoint} (no endpoint); nothing (it
 *       already serves the configuration: a deploy that changes nothing makes no mutating call at
 *       all); follow our own deployment already in progress (a resumed or re-run deploy, another
 *       process deploying the same commit); wait, bounded by the conflict wait and with a progress
 *       line, for whatever else changes the endpoint (another deployment, a capacity change or
 *       {@code RollingBack}, maintenance, an inference experiment, named) and fail with
 *       {@code CONFLICT} after that; after such a wait, stop with {@code CONFLICT} "superseded by
 *       X" when the live configuration's commit descends from this run's ({@link
 *       dev.sagemakergitops.core.operation.deploy.CommitAncestry}); or {@code UpdateEndpoint} with
 *       the manifest's {@code DeploymentConfig} (with {@code RetainAllVariantProperties} when a live
 *       variant is autoscaled, so the new fleet starts at the live instance count), after capturing
 *       (and saving) then deregistering the autoscaling of any scaled variant whose instance type
 *       changes. The in-place check and the update share one read of the live configuration and of
 *       the scalable targets ({@code PollReads}, made anew for each poll: a configuration cannot
 *       change once created, and a second read within the same poll would only cost a call);
 *   <li>{@code ENDPOINT}, in place ({@code InPlaceUpdate}): when the live configuration plus the
 *       weights and counts the endpoint runs now ({@code DescribeEndpoint}: after an earlier change in
 *       place the configuration no longer states them) differ from the manifest's only in weights and
 *       instance counts, {@code UpdateEndpointWeightsAndCapacities} (nothing when they already match),
 *       with no new model, configuration or fleet; an autoscaled variant's count is left to its
 *       scaling policy; more than one other variant changing its count takes a new configuration
 *       (the API changes the "capacity of one variant");
 *   <li>{@code WEIGHTS} ({@code InPlaceStage}): waits for {@code Updating}/{@code RollingBack} to end,
 *       then {@code InService} running the manifest's {@code CurrentWeight}/{@code CurrentInstanceCount}
 *       is verified, anything else on the same configuration is {@code ROLLED_BACK} with SageMaker's
 *       {@code FailureReason} (SageMaker rolls a failed change back by itself);
 *   <li>{@code DEPLOYING} ({@code DeployingStage}, then {@code Verification}): {@code DescribeEndpoint} on the {@link
 *       dev.sagemakergitops.core.operation.deploy.DeploymentSchedule}, reporting each change of the
 *       new fleet's {@code VariantStatus} (launching, traffic step, bake time left); during bakes
 *       watched by rollback alarms, the polls in between look at the alarms alone
 *       ({@code DescribeAlarms}) and the endpoint at once when one fires; the looks go through the
 *       reads the command shares ({@link dev.sagemakergitops.core.aws.SharedAlarmReads}: one read,
 *       at most 5 seconds old and never one the deployment has seen, serves the deployments that bake
 *       together, whose looks then fall on one grid, {@code DeploymentSchedule.nextLook});
 *       {@code RollingBack} (a
 *       capacity change rolling back, not this deployment) is waited for; {@code UpdateRollbackFailed}
 *       or {@code InService} on the configuration it replaced is {@code ROLLED_BACK} with SageMaker's
 *       {@code FailureReason} and the alarms that fired; {@code Failed} is {@code FAILED}; past the
 *       deadline ({@code MaximumExecutionTimeoutInSeconds} plus a provisioning margin) is
 *       {@code TIMED_OUT}. {@code InService} on our configuration is verified: every variant present
 *       and running the pinned image digest. Waits are measured on the local clock from when each
 *       progress was first seen, with the lengths SageMaker states; AWS's timestamps are never
 *       compared with the local clock (a CI machine minutes off AWS waits as long);
 *   <li>{@code SMOKE_TEST} ({@code SmokeTestStage}, only with {@code spec.endpoint.smokeTest}): the plan's
 *       requests ({@link dev.sagemakergitops.core.operation.deploy.SmokeTestPlan}: each manifest request once per
 *       variant it names, or per variant of the endpoint) sent one per poll with {@code InvokeEndpoint} and
 *       {@code TargetVariant} ({@link dev.sagemakergitops.core.aws.EndpointInvocations}), each answer compared with
 *       its {@code expect} ({@code SmokeTestCheck}) and kept as a {@link
 *       dev.sagemakergitops.core.operation.deploy.SmokeTestResult}; a failure ends the deploy
 *       {@code SMOKE_TEST_FAILED} with each failed request's manifest line. SageMaker has no hook after a
 *       blue/green update, so after an update the endpoint is put back: {@code UpdateEndpoint} to the configuration
 *       replaced, then {@code SMOKE_TEST_ROLLBACK} ({@code SmokeTestRollbackStage}) waits for it; the intent tag
 *       then reads as a rollback, so status and the revert-branch flow treat it as one. A created or unchanged
 *       endpoint is left as it is. Bodies are never logged; a {@code bodyFrom} object is checked with
 *       {@code HeadObject} in the pre-flight ({@code SmokeTestPreflight}) and read only when sent;
 *   <li>{@code AUTOSCALING} ({@code AutoscalingStage}): a captured registration put back as it was ({@link
 *       dev.sagemakergitops.core.operation.deploy.CapturedAutoscaling}), then scalable targets and
 *       the target-tracking policy as the manifest says, registered only where they differ;
 *       {@code ObjectNotFoundException} right after a registration is polled again;
 *   <li>{@code TAGS} ({@code TagsStage}): the endpoint's lineage tags and labels, written only where they differ; labels
 *       the manifest dropped removed; at most 37 labels so all fits SageMaker's 50 tags;
 *   <li>{@code CLEAN_UP} ({@code CleanUpStage}, opt-in, {@link dev.sagemakergitops.core.operation.deploy.CleanUp}):
 *       unreferenced models and configurations of this manifest deleted, never one an endpoint
 *       serves or has pending (SageMaker does not refuse that);
 *   <li>{@code RESTORING} ({@code RestoringStage}): after a failure or cancel that followed a deregistration, wait for the
 *       endpoint to be InService, register the captured autoscaling again, then report the outcome.
 * </ol>
 *
 * <h2>Pre-flight warnings</h2>
 *
 * Besides the package, the guardrails and the alarms' existence: a rollback alarm already in ALARM
 * refuses the deploy unless the request says {@code despiteAlarms}; an alarm that needs longer than
 * the longest bake to fire is a warning.
 *
 * Every stage is safe to repeat: names are deterministic, creates treat "already exists" as done,
 * and the {@code ENDPOINT} stage decides from what the endpoint shows, so a poll repeated after a
 * crash attaches to the deployment the first attempt started instead of starting another.
 *
 * <h2>Tags on the endpoint</h2>
 *
 * {@code sagemaker-gitops:endpoint-config} is the intent tag ({@link
 * dev.sagemakergitops.core.health.IntentTag}): the configuration this tool last asked the endpoint to
 * serve, the commit that asked and the configuration it replaced. It is written right after
 * {@code UpdateEndpoint} is accepted (and with {@code CreateEndpoint}), so a later run tells a
 * rollback (back on the replaced configuration) from a change outside Git, and {@code core.status}
 * names the commit to revert. After a change in place it is written by {@code TAGS}, once the
 * change is verified, as the manifest's configuration (never created) {@code on=} the configuration
 * the endpoint keeps serving, which {@code core.health} reads as healthy. The lineage tags ({@code sagemaker-gitops:commit},
 * {@code manifest-blob}, ...) are written once the deployment is verified.
 *
 * <h2>Cancel</h2>
 *
 * SageMaker has no API that stops an endpoint update, so {@code cancel} stops waiting and says so;
 * the endpoint completes or rolls back by itself. Autoscaling this deploy deregistered is put back
 * first (stage {@code RESTORING}).
 *
 * <h2>Facts for the deployment record</h2>
 *
 * <p>The progress lines of a deployment also carry their facts ({@code OperationEvent#facts}) for
 * the record's timeline: the request ({@code create}/{@code update}), the launch, each traffic step
 * with the share of the fleet it serves ({@code DeploymentPolicy#trafficSharePercent}) and its
 * bake, the final bake, every look at the rollback alarms (a quiet event: in the record, not in the
 * log) and the rollback. {@code docs/deployment-record.md} lists them.
 */
package dev.sagemakergitops.core.operation.deploy;
