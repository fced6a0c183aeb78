package dev.sagemakergitops.local.spi;

import java.util.Optional;

/**
 * The hook through which another service vets a scalable target before Application Auto Scaling
 * registers it; the hosting service offers one (with
 * {@link dev.sagemakergitops.local.Installation#provide}) to refuse variants whose endpoint is not
 * {@code InService}, as SageMaker does. Without a provider every target is accepted.
 */
@FunctionalInterface
public interface ScalableTargetValidator {
  /** Accepts every target. */
  ScalableTargetValidator ACCEPT_ALL = (region, namespace, resourceId, dimension) -> Optional.empty();

  /**
   * Why the target cannot be registered, answered as a {@code ValidationException} with this
   * message (SageMaker's is {@code ... The status should be in 'InService' to register it as a
   * scalable target}), or empty to accept it.
   */
  Optional<String> refusal(String region, String serviceNamespace, String resourceId, String scalableDimension);
}
