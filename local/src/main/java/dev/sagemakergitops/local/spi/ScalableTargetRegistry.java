package dev.sagemakergitops.local.spi;

/**
 * Whether a resource is a registered Application Auto Scaling target, as the services that must
 * refuse changes to such a resource ask it: SageMaker refuses to remove or replace a variant that
 * is a scalable target (Developer Guide, endpoint-scaling-update; StopInferenceExperiment's
 * Promote and Remove likewise). The Application Auto Scaling service provides it; without it
 * nothing is registered.
 */
@FunctionalInterface
public interface ScalableTargetRegistry {
  /** True when a target is registered for this namespace, resource id and dimension in {@code region}. */
  boolean isRegistered(String region, String serviceNamespace, String resourceId, String scalableDimension);
}
