package dev.sagemakergitops.core.health;

import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * The one place that reads SageMaker's endpoint statuses. It turns a {@code DescribeEndpoint}
 * answer, the endpoint's unfinished inference experiments and its intent tag into a
 * {@link HealthState}, the way gitops-engine's {@code pkg/health} turns a Kubernetes resource into a
 * health status: a pure function of what AWS says, so that deploy, status, sync and explain cannot
 * disagree. The rules, each with its source:
 *
 * <ol>
 *   <li>{@code Failed}, {@code UpdateRollbackFailed}, {@code Deleting}, {@code OutOfService},
 *       {@code SystemUpdating} are what they say [botocore {@code DescribeEndpointOutput.EndpointStatus}].
 *   <li>{@code RollingBack} is not a deployment rollback: "Endpoint fails to scale up or down or
 *       change its variant weight and is in the process of rolling back to its previous
 *       configuration … only applies to an endpoint that has autoscaling enabled and is undergoing
 *       variant weight or capacity changes as part of an UpdateEndpointWeightsAndCapacities call"
 *       [same doc string]. It is waited for.
 *   <li>An unfinished inference experiment makes the endpoint a shadow test in progress, whatever
 *       configuration it serves: to host a shadow variant SageMaker moves the endpoint onto a
 *       configuration of its own [Developer Guide, shadow-tests-create], which is neither ours nor
 *       a rollback.
 *   <li>{@code Updating} with a {@code PendingDeploymentSummary} is a deployment of that
 *       configuration ("only returned when the endpoint is creating or updating with a new endpoint
 *       configuration" [botocore]); ours when it is the expected or the intended configuration.
 *       {@code Updating} without one changes weights or capacity ("UpdateEndpoint or
 *       UpdateEndpointWeightsAndCapacities is executing" [botocore]), which is what autoscaling does.
 *   <li>{@code InService} on the expected configuration is healthy, whatever the intent tag and
 *       {@code FailureReason} say (in sync is judged before rolled back). {@code FailureReason} alone
 *       never makes a failure: it outlives failed scaling and patching (ACK's endpoint hooks), and
 *       may be empty after an automatic rollback (terraform-provider-aws PR 49020).
 *   <li>{@code InService} on another configuration than the intent tag names: a rollback when it is
 *       the configuration the endpoint served when the intent was written, a change outside Git
 *       otherwise (also after a creation, which has no configuration to roll back to). A tag
 *       written by an earlier version names neither commit nor previous configuration; it is
 *       read as a rollback, as that version did.
 *   <li>{@code InService} on the configuration an intent tag says its configuration was applied to in
 *       place ({@code on=}, written once an {@code UpdateEndpointWeightsAndCapacities} was verified:
 *       SageMaker keeps the endpoint's configuration name then [botocore
 *       {@code UpdateEndpointWeightsAndCapacities}: "Updates variant weight ... or capacity", no
 *       configuration]): healthy when that configuration is the expected one, out of date otherwise,
 *       and never a rollback or a change outside Git.
 * </ol>
 */
public final class EndpointHealthClassifier {
  private EndpointHealthClassifier() {}

  /**
   * Classifies {@code endpoint}.
   *
   * @param endpointName the endpoint's name (for messages when it does not exist)
   * @param endpoint its description, or {@code null} when it does not exist
   * @param intent its intent tag, or {@code null}
   * @param expected the configuration the caller expects it to serve, or {@code null} when the
   *     caller has no manifest (the intent tag's configuration is then expected)
   * @param experiments its unfinished inference experiments
   */
  public static EndpointHealth classify(String endpointName, DescribeEndpointResponse endpoint, IntentTag intent,
      String expected, List<RunningExperiment> experiments) {
    if (endpoint == null) {
      return new EndpointHealth(HealthState.MISSING, endpointName, null, null, null, intent, null, null,
          "endpoint " + endpointName + " does not exist");
    }
    String wanted = expected != null ? expected : intent != null ? intent.config() : null;
    Reading r = new Reading(endpointName, endpoint, intent);
    String status = endpoint.endpointStatusAsString();
    String live = endpoint.endpointConfigName();
    String pending = endpoint.pendingDeploymentSummary() == null ? null
        : endpoint.pendingDeploymentSummary().endpointConfigName();
    switch (status == null ? "" : status) {
      case "Failed":
        return r.as(HealthState.FAILED, "endpoint " + endpointName + " is Failed (" + r.reason()
            + "); SageMaker allows only DeleteEndpoint on it");
      case "UpdateRollbackFailed":
        return r.as(HealthState.UPDATE_ROLLBACK_FAILED, "SageMaker could not roll back the update of endpoint "
            + endpointName + (pending != null ? " to " + pending : "") + ": it serves a mix of the old and the new"
            + " configuration (" + r.reason() + ")");
      case "Deleting":
        return r.as(HealthState.DELETING, "endpoint " + endpointName + " is being deleted");
      case "SystemUpdating":
        return r.as(HealthState.SYSTEM_UPDATING, "endpoint " + endpointName + " is SystemUpdating (SageMaker's "
            + "own maintenance)");
      case "RollingBack":
        return r.as(HealthState.CAPACITY_ROLLING_BACK, "endpoint " + endpointName + " is RollingBack: a change of"
            + " its capacity or weights failed and SageMaker is restoring them; no deployment is concerned");
      case "Creating":
      case "Updating":
      case "InService":
        break;
      default:
        return r.as(HealthState.OUT_OF_SERVICE, "endpoint " + endpointName + " is " + status);
    }
    if (!experiments.isEmpty()) {
      RunningExperiment experiment = experiments.get(0);
      return new EndpointHealth(HealthState.SHADOW_TEST, endpointName, status, live, pending, intent,
          endpoint.failureReason(), experiment, "inference experiment " + experiment.name() + " is "
          + experiment.status() + " on endpoint " + endpointName + " (a shadow test in progress; SageMaker serves "
          + live + " meanwhile)");
    }
    if ("Creating".equals(status)) {
      return live != null && (live.equals(wanted) || r.intended(live))
          ? r.as(HealthState.DEPLOYING, "endpoint " + endpointName + " is being created with " + live)
          : r.as(HealthState.UPDATING_ELSEWHERE, "endpoint " + endpointName + " is being created with " + live
              + ", not by this deployment");
    }
    if ("Updating".equals(status)) {
      if (pending == null) {
        return r.as(HealthState.SCALING, "endpoint " + endpointName + " is Updating on " + live + " with no new "
            + "configuration: its capacity or weights are changing (autoscaling does this)");
      }
      return pending.equals(wanted) || r.intended(pending)
          ? r.as(HealthState.DEPLOYING, "endpoint " + endpointName + " is being updated to " + pending)
          : r.as(HealthState.UPDATING_ELSEWHERE, "endpoint " + endpointName + " is being updated to " + pending
              + (wanted != null ? ", not to " + wanted : "") + " (another deployment, or one made outside Git)");
    }
    if (wanted == null || wanted.equals(live)) {
      return r.as(HealthState.HEALTHY, "endpoint " + endpointName + " serves " + live);
    }
    if (intent != null && intent.inPlaceOn() != null && intent.inPlaceOn().equals(live)) {
      return intent.config().equals(wanted)
          ? r.as(HealthState.HEALTHY, "endpoint " + endpointName + " serves " + live + " with the weights and instance "
              + "counts of " + wanted + ", applied in place")
          : r.as(HealthState.OUT_OF_DATE, "endpoint " + endpointName + " serves " + live + " with the weights and "
              + "instance counts of " + intent.config() + " (applied in place), not " + wanted);
    }
    if (intent == null || intent.config().equals(live)) {
      return r.as(HealthState.OUT_OF_DATE, "endpoint " + endpointName + " serves " + live + ", not " + wanted);
    }
    boolean writtenByAnEarlierVersion = intent.commit() == null && intent.previousConfig() == null;
    if (writtenByAnEarlierVersion || live.equals(intent.previousConfig())) {
      return r.as(HealthState.ROLLED_BACK, "the last deployment by sagemaker-gitops asked endpoint " + endpointName
          + " to serve " + intent.config() + ", but it serves " + live + ": SageMaker rolled that deployment back");
    }
    return r.as(HealthState.CHANGED_OUTSIDE_GIT, "endpoint " + endpointName + " was changed outside Git: it serves "
        + live + ", which sagemaker-gitops neither deployed (it last deployed " + intent.config()
        + ")" + (intent.previousConfig() == null ? "" : " nor replaced (" + intent.previousConfig() + ")"));
  }

  /** True when SageMaker is creating the endpoint ({@code Creating}); false for {@code null}. */
  public static boolean isCreating(String endpointStatus) {
    return "Creating".equals(endpointStatus);
  }

  /**
   * True when the endpoint is {@code InService}: it serves, accepts an update, and accepts an
   * autoscaling registration; false for {@code null}.
   */
  public static boolean isInService(String endpointStatus) {
    return "InService".equals(endpointStatus);
  }

  /** True when the endpoint is {@code Failed}: only {@code DeleteEndpoint} is allowed; false for {@code null}. */
  public static boolean isFailed(String endpointStatus) {
    return "Failed".equals(endpointStatus);
  }

  /**
   * True when the endpoint is {@code Updating}: "UpdateEndpoint or UpdateEndpointWeightsAndCapacities
   * is executing" [botocore]; false for {@code null}.
   */
  public static boolean isUpdating(String endpointStatus) {
    return "Updating".equals(endpointStatus);
  }

  /**
   * True when the endpoint is {@code RollingBack}: a change of weights or capacity failed and
   * SageMaker is restoring them, after which the endpoint "returns to an InService status"
   * [botocore]; false for {@code null}.
   */
  public static boolean isRollingBack(String endpointStatus) {
    return "RollingBack".equals(endpointStatus);
  }

  /**
   * True when the endpoint is {@code SystemUpdating}: SageMaker's own maintenance, which "does not
   * change any customer-specified values" [botocore]; false for {@code null}.
   */
  public static boolean isSystemUpdating(String endpointStatus) {
    return "SystemUpdating".equals(endpointStatus);
  }

  /**
   * True when the endpoint is in a status waiting does not end: {@code Failed} ("DeleteEndpoint is
   * the only operation that can be performed"), {@code UpdateRollbackFailed} (the Developer Guide's
   * rolling-deployment remedy is needed to restore {@code InService}) or {@code OutOfService}
   * ("not available to take incoming requests"; botocore says nothing of a way back, so it is read
   * as the harder case). False for {@code null}.
   */
  public static boolean isStuck(String endpointStatus) {
    return "Failed".equals(endpointStatus) || "UpdateRollbackFailed".equals(endpointStatus)
        || "OutOfService".equals(endpointStatus);
  }

  /** The facts every classification carries. */
  private record Reading(String endpointName, DescribeEndpointResponse endpoint, IntentTag intent) {
    EndpointHealth as(HealthState state, String message) {
      String pending = endpoint.pendingDeploymentSummary() == null ? null
          : endpoint.pendingDeploymentSummary().endpointConfigName();
      return new EndpointHealth(state, endpointName, endpoint.endpointStatusAsString(), endpoint.endpointConfigName(),
          pending, intent, endpoint.failureReason(), null, message);
    }

    boolean intended(String config) {
      return intent != null && intent.config().equals(config);
    }

    String reason() {
      String reason = endpoint.failureReason();
      return reason == null || reason.isBlank() ? "SageMaker gives no reason" : reason;
    }
  }
}
