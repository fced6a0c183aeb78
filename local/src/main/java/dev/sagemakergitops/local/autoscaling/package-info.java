/**
 * Application Auto Scaling, locally: scalable targets and scaling policies for SageMaker variants.
 *
 * <p>{@link dev.sagemakergitops.local.autoscaling.ApplicationAutoScalingService} serves AWS JSON 1.1
 * under {@code AnyScaleFrontendService} (model name {@code application-autoscaling}):
 * {@code RegisterScalableTarget}, {@code DeregisterScalableTarget}, {@code DescribeScalableTargets},
 * {@code PutScalingPolicy} (target tracking, for example on
 * {@code SageMakerVariantInvocationsPerInstance}, and step scaling), {@code DeleteScalingPolicy} and
 * {@code DescribeScalingPolicies}, per region, with pagination.
 *
 * <p>Kept from AWS: {@code ObjectNotFoundException} for a policy on an unregistered target and for
 * deleting what does not exist ({@code No scalable target registered for service namespace: ..,
 * resource ID: .., scalable dimension: ..}); {@code ValidationException} when a new target lacks its
 * capacities, when minimum exceeds maximum, for a malformed SageMaker resource id
 * ({@code endpoint/<name>/variant/<variant>}) and for a target-tracking policy without its
 * configuration; re-registering updates in place; deregistering deletes the target's policies;
 * target tracking answers a policy ARN and the two alarms it would create
 * ({@code TargetTracking-<resourceId>-AlarmHigh-<uuid>} and {@code -AlarmLow-}).
 *
 * <p><b>The InService hook.</b> SageMaker refuses to register a variant whose endpoint is not
 * {@code InService}. This package cannot know endpoints, so it asks a
 * {@link dev.sagemakergitops.local.spi.ScalableTargetValidator}: the one given to the
 * constructor, else the one an installed service provides as a capability (the hosting service is
 * meant to), else it accepts every target.
 *
 * <p>Scheduled actions (PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction) are
 * stored and answered, need a registered target ("You cannot create a scheduled action until you
 * have registered the resource as a scalable target", botocore PutScheduledAction), and go with the
 * target: "Deregistering a scalable target deletes the scaling policies and the scheduled actions
 * that are associated with it" (botocore DeregisterScalableTarget).
 *
 * <p><b>Eventual consistency.</b> "There might be a brief delay until the operation achieves
 * eventual consistency" (botocore RegisterScalableTarget): with the control plane's consistency delay
 * ({@code local --consistency-delay}, {@code fault.ConsistencyDelay}), a newly registered target is
 * not found by PutScalingPolicy, PutScheduledAction and DescribeScalableTargets for that long. There
 * is no other switch for it; without a delay the service is strongly consistent.
 *
 * <p>Deliberate differences: nothing scales (capacities are recorded, never applied; scheduled
 * actions never run); the target-tracking alarms are named but not created in CloudWatch; scaling
 * activities and predictive scaling are not served; ids in ARNs are derived from names, so they are
 * stable across runs. ARNs (targets, policies, scheduled actions, the service-linked role) are in the
 * region's partition ({@code aws-cn} in China, {@code aws-us-gov} in GovCloud: AWS General Reference,
 * "Amazon Resource Names").
 */
package dev.sagemakergitops.local.autoscaling;
