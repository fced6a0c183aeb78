/**
 * SageMaker hosting on the local control plane: models, endpoint configurations, endpoints and
 * their deployments, SageMaker Runtime's InvokeEndpoint, and shadow-mode inference experiments.
 * Install {@link dev.sagemakergitops.local.sagemaker.hosting.HostingService}; it registers its
 * operations into the shared {@code SageMaker} JSON 1.1 service, a route for
 * {@code POST /endpoints/{EndpointName}/invocations}, the scenario admin actions, and provides
 * {@link dev.sagemakergitops.local.spi.ModelCatalog}. It uses, when installed,
 * {@link dev.sagemakergitops.local.spi.AlarmReader} (rollback alarms),
 * {@link dev.sagemakergitops.local.spi.MetricRecorder} (invocation metrics) and
 * {@link dev.sagemakergitops.local.spi.ObjectStore} (model artifacts); without them it still runs:
 * no alarm is ever in ALARM, metrics are dropped, and every model predicts as if its artifact were
 * empty. State is kept per region (the region of the request's signature).
 *
 * <h2>Operations</h2>
 *
 * CreateModel, DescribeModel, ListModels, DeleteModel; CreateEndpointConfig,
 * DescribeEndpointConfig, ListEndpointConfigs, DeleteEndpointConfig; CreateEndpoint,
 * DescribeEndpoint, ListEndpoints, DeleteEndpoint, UpdateEndpoint,
 * UpdateEndpointWeightsAndCapacities; CreateInferenceExperiment, DescribeInferenceExperiment,
 * ListInferenceExperiments, StopInferenceExperiment. Lists filter by {@code NameContains}
 * (ignoring case) and times, sort by creation time descending unless told otherwise, and page by
 * {@code MaxResults} (10 by default).
 *
 * <h2>Errors (from the reference, section 1.3, and where it is silent, chosen here)</h2>
 *
 * <ul>
 *   <li>missing model / endpoint configuration / endpoint: {@code ValidationException} {@code Could
 *       not find model "<arn>".} (likewise {@code endpoint configuration}, {@code endpoint});
 *   <li>duplicates: {@code Cannot create already existing model "<arn>".} (likewise endpoint
 *       configuration, endpoint; endpoint names collide ignoring case);
 *   <li>mutating an endpoint that is Creating, Updating, RollingBack, SystemUpdating or Deleting
 *       (UpdateEndpoint, UpdateEndpointWeightsAndCapacities, DeleteEndpoint):
 *       {@code Cannot update in-progress endpoint "<arn>".};
 *   <li>chosen: a Failed endpoint accepts only DeleteEndpoint ({@code Cannot update failed endpoint
 *       "<arn>". The only operation allowed on a failed endpoint is DeleteEndpoint.}); UpdateEndpoint
 *       to the configuration the endpoint already runs is refused; guardrail updates (blue/green or
 *       rolling) need the same production variant names in both configurations; rolling updates
 *       refuse multi-variant and serverless endpoints; DeleteEndpointConfig deletes a configuration
 *       even while an endpoint uses it, as SageMaker does (botocore DeleteEndpointConfig tells the
 *       caller not to, SageMaker does not check; terraform-provider-aws#40048);
 *   <li>InvokeEndpoint on a missing endpoint, or one without a fleet (Creating, Failed, Deleting):
 *       HTTP 400 {@code ValidationError} {@code Endpoint <name> of account <acct> not found.}; a
 *       model error: HTTP 424 {@code ModelError} with {@code OriginalStatusCode},
 *       {@code OriginalMessage} and {@code LogStreamArn};
 *   <li>inference experiments: a missing one is {@code ResourceNotFound}; a second unfinished one on
 *       an endpoint, or a duplicate name, {@code ResourceInUse}; stopping a finished one
 *       {@code ConflictException}; serverless, asynchronous, multi-container and multi-model
 *       endpoints are refused with {@code ValidationException}.
 * </ul>
 *
 * <h2>Simulated timings ({@link dev.sagemakergitops.local.sagemaker.hosting.Timings})</h2>
 *
 * <ul>
 *   <li>launching a fleet (CreateEndpoint, the green fleet of an update, each rolling batch, an
 *       experiment's shadow variant): 4 minutes;
 *   <li>UpdateEndpointWeightsAndCapacities: 1 minute, or 4 when it adds instances;
 *   <li>DeleteEndpoint: {@code Deleting} for 1 minute, then not found;
 *   <li>traffic shifts, rollbacks, terminating the old fleet and stopping an experiment: instant;
 *   <li>alarms are read at the start of every bake, every simulated minute within it, and at its end;
 *   <li>inference experiments without an end time run 7 days.
 * </ul>
 *
 * State changes are scheduler events stamped with their own simulated time, so an endpoint that
 * became InService at 10:04 reports {@code LastModifiedTime} 10:04 however late it is asked.
 *
 * <h2>Endpoint state machine</h2>
 *
 * CreateEndpoint: {@code Creating} (ProductionVariants empty, PendingDeploymentSummary shows the
 * variants {@code Creating}, "Launching N instance(s).") then {@code InService}, or {@code Failed}
 * when {@code failProvisioning} is armed (FailureReason {@code The primary container for production
 * variant <v> did not pass the ping health check. Please check CloudWatch logs for this
 * endpoint.}). A DeploymentConfig given to CreateEndpoint is only stored (LastDeploymentConfig, and
 * reused by {@code RetainDeploymentConfig}).
 *
 * <p>UpdateEndpoint, status {@code Updating} throughout; the top-level EndpointConfigName is the new
 * configuration at once, ProductionVariants is the old (blue) fleet and PendingDeploymentSummary
 * the new (green) fleet. Each fleet's {@code CurrentWeight} is its variant weight times the share
 * of traffic it takes now; {@code DesiredWeight} is what it takes once the deployment is over (0 for
 * blue). Capacity N is the sum of the new configuration's instance counts (a serverless variant
 * counts 1); CapacitySize {@code INSTANCE_COUNT v} is {@code min(v, N)}, {@code CAPACITY_PERCENT p}
 * is {@code ceil(N * p / 100)}, at least 1.
 *
 * <ul>
 *   <li>blue/green: launch green (4 min, VariantStatus {@code Creating}); then traffic steps, each
 *       baked {@code WaitIntervalInSeconds} (VariantStatus {@code Baking}, "Baking for W seconds
 *       (WaitIntervalInSeconds) with traffic enabled on canary capacity of c instance(s)."):
 *       ALL_AT_ONCE one step of 100%; CANARY the canary share c/N then 100%; LINEAR steps of
 *       {@code LinearStepSize} (k/N, 2k/N, ... 100%); then, if {@code TerminationWaitInSeconds > 0},
 *       a final bake of that length at 100% (alarms still watched); then blue is terminated and the
 *       endpoint is {@code InService} on the new configuration, FailureReason cleared;
 *   <li>rolling: per batch of {@code MaximumBatchSize}: launch the batch (4 min), move its share of
 *       traffic, bake {@code WaitIntervalInSeconds}; the blue fleet's CurrentInstanceCount drops by
 *       the batches replaced;
 *   <li>no DeploymentConfig: launch the new fleet, then switch all at once with no bake (variant
 *       names may change);
 *   <li>{@code RetainAllVariantProperties} keeps the current weights and instance counts of
 *       same-named variants (minus {@code ExcludeRetainedVariantProperties}): "updated with the most
 *       recent DesiredInstanceCount ... regardless of the values of the InitialInstanceCount field"
 *       (Developer Guide, endpoint-scaling); the blue/green steps count the retained instances.
 * </ul>
 *
 * <p>UpdateEndpointWeightsAndCapacities: {@code Updating}, then {@code InService} with the new
 * counts and weights, on the same endpoint configuration ("When it receives the request, SageMaker
 * sets the endpoint status to Updating. After updating the endpoint, it sets the status to
 * InService", botocore; the API names no configuration). Refused with a ValidationException: a
 * variant the endpoint does not have; while the endpoint is Creating, Updating, RollingBack,
 * SystemUpdating or Deleting ("Cannot update in-progress endpoint", as UpdateEndpoint); an instance
 * count for more than one variant ("... or capacity of one variant", botocore); an instance count
 * for a serverless variant (its capacity is {@code ServerlessUpdateConfig}, botocore
 * {@code DesiredWeightAndCapacity}); and, undocumented, so refused as the harder reading, an entry
 * that asks for nothing and a request that changes nothing; with {@code failNextCapacityChange} armed, {@code RollingBack} with the
 * reason for a minute and then {@code InService} on the old counts, the configuration unchanged
 * (botocore EndpointStatus: RollingBack "only applies to an endpoint that has autoscaling enabled
 * and is undergoing variant weight or capacity changes as part of an
 * UpdateEndpointWeightsAndCapacities call"; the FailureReason is kept, the harder reading).
 *
 * Rollback, when an AutoRollbackConfiguration alarm reads ALARM during a bake, when
 * {@code MaximumExecutionTimeoutInSeconds} passes, or when the new fleet fails to launch
 * ({@code failNextUpdate}): at once back to the old fleet, {@code InService}, EndpointConfigName
 * the OLD configuration, and FailureReason:
 *
 * <ul>
 *   <li>alarm: {@code Rolled back the update to endpoint configuration "<new>": alarm(s) [<names>] in
 *       ALARM while baking traffic step <i> of <k>.} (the real text is not documented; this one
 *       names the alarms so tools can report them);
 *   <li>timeout: {@code Rolled back the update to endpoint configuration "<new>": the deployment
 *       exceeded MaximumExecutionTimeoutInSeconds (<s> seconds).};
 *   <li>failed launch: the reason given to {@code failNextUpdate}, verbatim.
 * </ul>
 *
 * A rolling update that has already replaced instances rolls back in steps of
 * {@code RollbackMaximumBatchSize} (default: the whole capacity in one step), as AWS documents:
 * each step launches old capacity (4 minutes; the old fleet's VariantStatus {@code Creating},
 * "Launching N instance(s).", the new fleet's {@code Deleting}, "Terminating N instance(s).") and
 * then moves that share of traffic back. The endpoint stays {@code Updating} with the FailureReason
 * already set (AWS documents {@code RollingBack} only for UpdateEndpointWeightsAndCapacities of
 * autoscaled endpoints), and is {@code InService} on the old configuration after the last step.
 *
 * <p>With {@code failRollback} armed the rollback fails instead: {@code UpdateRollbackFailed}, the
 * FailureReason above followed by {@code The rollback failed: the endpoint serves a mix of the old
 * and the new endpoint configuration.}, and traffic keeps the split it had. Such an endpoint
 * accepts UpdateEndpoint (starting from the old fleet) and DeleteEndpoint.
 *
 * <h2>InvokeEndpoint</h2>
 *
 * The production variant is the {@code X-Amzn-SageMaker-Target-Variant} if given, else the next in
 * a smooth weighted round-robin over the variants' current weights (weights 3:1 give A A B A,
 * repeating). Each variant runs the model its configuration names ({@code ProductionVariants[].ModelName}),
 * so variants with models of their own answer with their own artifacts. Sources: botocore's
 * sagemaker-runtime model, {@code InvokeEndpointInput.TargetVariant} ("Specify the production variant
 * to send the inference request to ... this parameter overrides the default behavior for the
 * endpoint, which is to distribute the invocation traffic based on the variant weights"), and the
 * Developer Guide's "Test models in production" (model-ab-testing.html). A target the endpoint does
 * not have is answered {@code ValidationError} (HTTP 400), the error InvokeEndpoint lists for a
 * request to "inspect ... and try again" (botocore {@code ValidationError}); AWS documents no
 * message text, so the message here ({@code Variant <name> not found for endpoint ...}) is our own
 * wording and no test relies on it. During a guardrail update, the green fleet of that variant takes its share of calls
 * the same deterministic way (an accumulator firing each time the share sums to 1). The answer is
 * the {@link dev.sagemakergitops.local.spi.LocalModel} prediction of the serving model for each
 * CSV line ({@code Content-Type} text/csv or absent), {@code Content-Type: text/csv}, with
 * {@code x-Amzn-Invoked-Production-Variant}. Other content types get a 415 from the model (a
 * ModelError). The artifact is the first container's {@code ModelDataUrl} read from the object
 * store; loaded models are cached by URL once the object exists.
 *
 * <p>Models of several containers ({@code Containers}) are checked at CreateModel by {@code
 * PipelineModels} and run by {@code PipelineInvocation}, following
 * https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html (Serial: each
 * container's answer is the next one's request, the last one's is returned) and
 * https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html (Direct: only the
 * {@code X-Amzn-SageMaker-Target-Container-Hostname} container runs; a missing or unknown target,
 * or a target for an endpoint not configured for direct invocation, is a validation error). What
 * a container computes is the local model's business: with an artifact, the {@code LocalModel} of
 * that artifact; without one, its input unchanged (its code would be in its image, which is not
 * run here).
 *
 * <p>Multi-model containers ({@code Mode: MultiModel}) and {@code X-Amzn-SageMaker-Target-Model}
 * ({@code MultiModelTarget}): the answer comes from {@code <ModelDataUrl><TargetModel>} in the
 * object store; a multi-model request without TargetModel, TargetModel on a single-model endpoint,
 * and a TargetModel with no object under the prefix are refused with {@code ValidationError}
 * (sources and the undocumented case in that class).
 *
 * <p>Shadow copies, computed and measured but never returned: a configuration's shadow variant
 * receives the share {@code shadow weight / sum of production weights} (capped at 100%); a running
 * inference experiment's shadow its {@code SamplingPercentage} of the source variant's calls; a
 * shadow retained by StopInferenceExperiment likewise.
 *
 * <p>Data capture: with the serving configuration's {@code DataCaptureConfig} enabled, a
 * deterministic {@code InitialSamplingPercentage} of successful calls is written to the object
 * store in SageMaker's layout and JSON Lines format (see {@code DataCapture}).
 *
 * <p>Metrics, namespace {@code AWS/SageMaker}, dimensions {@code EndpointName, VariantName}, and
 * during a guardrail update also {@code EndpointConfigName, EndpointName, VariantName} with the
 * configuration of the fleet that served: {@code Invocations} 1, {@code InvocationsPerInstance}
 * 1/instances, {@code ModelLatency} {@code (4000 + 100 * records) * latency factor} microseconds,
 * {@code OverheadLatency} 1200 microseconds, {@code Invocation4XXErrors},
 * {@code Invocation5XXErrors} and {@code InvocationModelErrors} 0 or 1.
 *
 * <h2>Inference experiments</h2>
 *
 * {@code Creating} for 4 minutes (shadow variant {@code Creating}), then {@code Created} until the
 * schedule's start, {@code Running}, and {@code Completed} at its end (shadow variant
 * {@code Deleted}). StopInferenceExperiment finishes at once with {@code DesiredState} (default
 * Completed) and {@code Reason}. Once the shadow is up the endpoint serves a configuration
 * SageMaker made ({@code sagemaker-ie-<20 hex>}: production plus the shadow under
 * {@code ShadowProductionVariants}). For the shadow variant, {@code Promote} puts it, under its own
 * name, in production's place on another new configuration (with its {@code DesiredModelVariants}
 * instances), {@code Retain} keeps it copying traffic on the experiment's configuration, and
 * {@code Remove} (or the scheduled end) returns the endpoint to the configuration it served before.
 * A stop that would remove a production variant registered with Application Auto Scaling is
 * refused. Sources and the readings chosen: {@code InferenceExperimentEndpoint}.
 *
 * <h2>Scenario controls</h2>
 *
 * Java methods of {@link dev.sagemakergitops.local.sagemaker.hosting.HostingService} and admin
 * actions ({@code POST /_local/actions/<name>}, JSON with {@code endpointName} and optional
 * {@code region}): {@code failProvisioning}, {@code failNextUpdate} ({@code reason}),
 * {@code failRollback}, {@code failNextCapacityChange} ({@code reason}), {@code tripAlarmAtStep} ({@code alarmName}, {@code step}: the next update
 * reads that alarm as ALARM from that 1-based traffic step on), {@code slowVariant}
 * ({@code variantName}, {@code factor}) and {@code errorVariant} ({@code variantName},
 * {@code errorRate}: that share of calls, spread evenly, fail with a model 500). One-shot faults are
 * claimed when the state machine reaches them, so they may be armed before or during an update.
 */
package dev.sagemakergitops.local.sagemaker.hosting;
