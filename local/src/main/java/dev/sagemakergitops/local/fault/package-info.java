/**
 * Faults the control plane injects on purpose, for tests and rehearsals of failure.
 *
 * <p><b>Call faults</b> ({@link dev.sagemakergitops.local.fault.CallFault},
 * {@link dev.sagemakergitops.local.fault.FaultInjector}): throttling, 5xx answers and dropped
 * connections on a share of the calls to a service or an operation, deterministic for a seed,
 * answered in each protocol's own error shape. {@code POST /_local/faults} with the fault as JSON,
 * {@code DELETE /_local/faults} clears them.
 *
 * <p><b>Eventual consistency</b> ({@link dev.sagemakergitops.local.fault.ConsistencyDelay}): a delay
 * of simulated time during which each new model, endpoint configuration, model package and scalable
 * target is invisible to the calls that use it and to its own Describe, with the services' own
 * not-found errors. AWS documents the behaviour and no bound for it (botocore sagemaker
 * CreateEndpoint; application-autoscaling RegisterScalableTarget). Set by
 * {@code LocalControlPlane.builder().consistencyDelay(...)}, {@code faults().consistencyDelay(...)},
 * {@code POST /_local/faults {"consistencyDelaySeconds": n}} or {@code local --consistency-delay};
 * zero (the default) is strongly consistent. Listings show a new resource at once and a second
 * create still answers "already exists": the reading harder on a caller that looks before it creates.
 *
 * <p>Scenario faults (a training job that fails, an alarm that trips at a traffic step) belong to
 * the service they concern.
 */
package dev.sagemakergitops.local.fault;
