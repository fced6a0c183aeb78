/**
 * The shadow test: the manifest's model runs beside the live endpoint's production variant in a
 * SageMaker inference experiment (shadow mode), receives a copy of a share of its requests, and is
 * judged on CloudWatch metrics before anything changes for callers.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * ShadowTestOperation shadow = new ShadowTestOperation(context);
 * Step<ShadowTestState, ShadowTestReport> end =
 *     runner.run(shadow, ShadowTestRequest.of(resolvedManifest), store, "shadow-churn-prod");
 * }</pre>
 *
 * <h2>What happens</h2>
 *
 * <ol>
 *   <li>{@code begin} checks, reading only: the manifest has {@code shadowTest}, {@code model} and
 *       {@code endpoint}; the live endpoint exists, is {@code InService}, and is not excluded by
 *       SageMaker (exactly one instance-backed production variant, no shadow variant of its own, no
 *       asynchronous inference, no Inf1 or Elastic Inference, a single-container single-model
 *       model); the shadow does not ask for Inf1; the model package is approved. With
 *       {@code onPass: promote}, safe deploy's own {@code begin} runs as well and its plan is kept in
 *       the state, so a promotion that safe deploy would refuse is refused now. Every problem is
 *       reported at its line of the manifest and nothing is created.
 *   <li>The manifest's model is created unless it exists ({@code ServingModels}); then
 *       {@code CreateInferenceExperiment} with production (read from the endpoint) and the shadow
 *       (the manifest's model, named after it, on {@code shadowTest.instanceType/Count} or
 *       production's), the sampling percentage, lineage tags, and a schedule ending
 *       {@code duration} (plus a minute of slack) from now.
 *   <li>Status changes are reported as they are seen. Ten minutes before the scheduled end the
 *       window from the start to then is closed; three minutes later (CloudWatch publishes within
 *       minutes) both variants' {@code ModelLatency}, {@code Invocations},
 *       {@code Invocation4XXErrors}, {@code Invocation5XXErrors} and {@code InvocationModelErrors}
 *       are read with one {@code GetMetricData} and judged ({@link
 *       dev.sagemakergitops.core.operation.shadow.ShadowComparison}).
 *   <li>The experiment is stopped at once, before SageMaker ends it: {@code Retain} or
 *       {@code Remove} per {@code onPass} when the shadow passed ({@code Remove} for
 *       {@code promote}), {@code Remove} otherwise; production is retained. The run waits for
 *       {@code Completed} and for the endpoint to be {@code InService} again.
 *   <li>{@code promote}: the planned safe deploy runs (stage {@code DEPLOY}), one of its polls per
 *       poll, its {@code DeployState} saved inside this state, through the public
 *       {@code SafeDeployOperation} API only. The endpoint ends on the manifest's configuration and
 *       variant names, with its deployment guardrails, rollback alarms and autoscaling.
 * </ol>
 *
 * <h2>Where each step lives</h2>
 *
 * <p>{@code ShadowTestOperation} only dispatches, through a map from the state's
 * {@code ShadowTestState.Stage} to one class per stage, as safe deploy does:
 *
 * <ul>
 *   <li>{@code begin}: {@code ShadowPreflight}, with {@code LiveEndpointCheck} and {@code EarlierRun};
 *   <li>{@code CREATE}: {@code CreateStage}; {@code LOOK_UP}: {@code LookUpStage}; {@code WAIT}:
 *       {@code WaitStage}; {@code STOP}: {@code StopStage}; {@code STOPPING}: {@code StoppingStage};
 *       {@code SETTLE}: {@code SettleStage}; {@code CANCELLING}: {@code CancellingStage};
 *       {@code DEPLOY}: {@code PromotionStage}; {@code DONE}: {@code ShadowOutcome};
 *   <li>shared by several stages: {@code ExperimentProgress} (status, judging, how it ended),
 *       {@code ExperimentStop} ({@code StopInferenceExperiment}, which treats NotFound and Conflict
 *       as a stop with nothing left to do) and {@code StageContext} (clients, clock, the
 *       {@code ModelVariantAction} words, kept as SageMaker's strings because the state saves them).
 * </ul>
 *
 * <p>Missing endpoints and experiments are read through {@code core.aws.SageMakerHosting}, which
 * answers empty instead of throwing.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>SageMaker's own {@code Promote} is not used: it leaves the endpoint on a configuration
 *       SageMaker makes, with the shadow's variant name in production, which the next safe deploy's
 *       variant-name guardrail refuses (and rollback alarms and the scalable target keyed on the old
 *       name are left behind); SageMaker also refuses to remove an autoscaled production variant.
 *       Removing the shadow and deploying keeps every invariant of safe deploy. The chain lives
 *       here, in core, so the command line, sync and the Jenkins step promote alike. A state saved
 *       before this (no {@code promotion}) still promotes with SageMaker's {@code Promote}.
 *   <li>Fail safe: no request reaching the shadow, or no latency to compare, is
 *       {@link dev.sagemakergitops.core.operation.shadow.Verdict#INCONCLUSIVE}: the shadow is
 *       removed and the run fails {@code REJECTED}, exactly like a shadow that broke a limit.
 *   <li>Errors are the larger of {@code Invocation4XXErrors + Invocation5XXErrors} and
 *       {@code InvocationModelErrors}, never their sum, because one failure may count in both.
 *   <li>Latency is compared as averages weighted by request (Sum over SampleCount over the window).
 *   <li>A re-run attaches to the experiment of the same name, even a finished one, and reports it
 *       again; a run key names a new one. When the endpoint already serves the manifest's model the
 *       experiment that promoted it is looked up and reported, and without one the run succeeds
 *       with {@code ALREADY_SERVING} and no change. A run with no saved state while the endpoint is
 *       busy with an experiment of this test (hosting its shadow, or being updated by the
 *       promotion) attaches to that experiment ({@code EarlierRun}).
 *   <li>An experiment that reached its end before this tool stopped it (the process was down) had
 *       its shadow removed by SageMaker: a pass that should have promoted or retained fails
 *       {@code TIMED_OUT}, saying so.
 *   <li>The deployment record lists the shadow model and the experiment, each {@code created} by
 *       this run or {@code reused} (found by name: a re-run, a crash, or an endpoint that already
 *       served the model). The state keeps what the run created, so a failed, rejected or
 *       cancelled run lists them too, as far as it got.
 * </ul>
 */
package dev.sagemakergitops.core.operation.shadow;
