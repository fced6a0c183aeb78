package dev.sagemakergitops.core.aws;

import java.util.Objects;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * The Application Auto Scaling targets and policies of SageMaker endpoint variants (namespace
 * {@code sagemaker}, dimension {@code sagemaker:variant:DesiredInstanceCount}), by resource id
 * {@code endpoint/<endpoint>/variant/<variant>}. What is already gone is {@code ObjectNotFoundException}
 * (botocore: DeleteScalingPolicy, DeregisterScalableTarget), which a removal takes as done.
 */
public final class VariantScalingTargets {
  private static final ServiceNamespace NAMESPACE = ServiceNamespace.SAGEMAKER;
  private static final ScalableDimension DIMENSION = ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT;

  private final ApplicationAutoScalingClient client;

  public VariantScalingTargets(ApplicationAutoScalingClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * {@code DeleteScalingPolicy}.
   *
   * @return false when there was no such policy (deleted by an earlier attempt)
   */
  public boolean deletePolicy(String resourceId, String policyName) {
    try {
      client.deleteScalingPolicy(r -> r.policyName(policyName).serviceNamespace(NAMESPACE).resourceId(resourceId)
          .scalableDimension(DIMENSION));
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  /**
   * {@code DeregisterScalableTarget}.
   *
   * @return false when there was no such target (deregistered by an earlier attempt)
   */
  public boolean deregister(String resourceId) {
    try {
      client.deregisterScalableTarget(r -> r.serviceNamespace(NAMESPACE).resourceId(resourceId)
          .scalableDimension(DIMENSION));
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }
}
