/**
 * The probes, each the smallest set of calls that settles one behaviour the local control plane
 * models from documentation or takes the hard way where AWS is silent (docs/local.md, "Live AWS
 * probes"):
 *
 * <ul>
 *   <li>{@link dev.sagemakergitops.liveaws.probe.OciMediaTypesProbe}: CreateModel's answer for a
 *       Docker image manifest, an OCI image manifest, an OCI image index and a Docker manifest list
 *       (images built by {@link dev.sagemakergitops.liveaws.probe.ProbeImages}, the same bytes and
 *       digests on every run);
 *   <li>{@link dev.sagemakergitops.liveaws.probe.EventualConsistencyProbe}: the not-found answers of
 *       each create-then-use chain, and how long a new model, endpoint configuration and model
 *       package stay invisible (informational);
 *   <li>{@link dev.sagemakergitops.liveaws.probe.ClientTokenAfterDeleteProbe}: CreateModelPackage's
 *       ClientToken after the version it created was deleted;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.ManifestListProbe}: ECR's PutImage of a Docker
 *       manifest list before and after its image, DescribeImages of the list and of its image, and
 *       CreateModel naming the list by digest and by tag;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.InferenceExperimentPromoteProbe}: the endpoint's
 *       configuration and variant names during a shadow test and after Promote, and an
 *       EndTime-only schedule;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.WaitIntervalZeroProbe}: UpdateEndpoint with
 *       {@code WaitIntervalInSeconds: 0} in a canary and in a rolling update, and where each leaves
 *       the endpoint;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.AlarmRollbackProbe}: a canary update rolled back by
 *       an alarm forced to ALARM during its bake: the endpoint's statuses, configuration and
 *       FailureReason;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.CompositeRollbackAlarmProbe}: a composite alarm
 *       over a forced alarm: PutCompositeAlarm naming a missing alarm, DescribeAlarms with and
 *       without AlarmTypes, and whether SageMaker accepts it as a rollback alarm and rolls a canary
 *       back when it goes to ALARM;
 *   <li>{@link dev.sagemakergitops.liveaws.probe.ScaledInstanceTypeRollbackProbe}: an instance-type
 *       change of a scalable target (refused), then, deregistered, rolled back by an alarm: is the
 *       variant a scalable target again.
 * </ul>
 *
 * {@link dev.sagemakergitops.liveaws.probe.ForcedRollback} is the rollback alarm the rollback
 * probes (and the operations' story, package {@code story}) force to ALARM with SetAlarmState
 * during a bake. {@link dev.sagemakergitops.liveaws.probe.Probes#all()} ends with the operations'
 * story.
 *
 * A probe creates through {@link dev.sagemakergitops.liveaws.probe.ProbeRun}, which names, tags and
 * records every resource for deletion, and observes answers and refusals the same way on every
 * target.
 */
package dev.sagemakergitops.liveaws.probe;
