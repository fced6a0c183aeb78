package dev.sagemakergitops.core.operation.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * Where a deployment stands, read from one {@code DescribeEndpoint}: the endpoint's status and the
 * new fleet's {@code VariantStatus} ({@code Creating}, {@code ActivatingTraffic}, {@code Baking},
 * ...), with its message and start time, and when the current bake ends.
 *
 * @param endpointStatus {@code EndpointStatus} as SageMaker spells it
 * @param endpointConfigName the top-level {@code EndpointConfigName}
 * @param pendingConfigName {@code PendingDeploymentSummary.EndpointConfigName}, or {@code null}
 * @param variantStatus the new fleet's variant status, or {@code null} when SageMaker shows none
 * @param statusMessage its message, or {@code null}
 * @param startTime when that variant status began, or {@code null}
 * @param bakeEnd when the current bake ends, or {@code null} when not baking
 */
public record DeploymentProgress(String endpointStatus, String endpointConfigName, String pendingConfigName,
    String variantStatus, String statusMessage, Instant startTime, Instant bakeEnd) {

  private static final Pattern BAKING_FOR = Pattern.compile("Baking for (\\d+) seconds");

  /**
   * Reads {@code endpoint}. The bake's length comes from the status message when SageMaker states
   * it ({@code Baking for 600 seconds ...}), otherwise from {@code policy}: the termination wait
   * when the message names it, the bake otherwise.
   */
  public static DeploymentProgress of(DescribeEndpointResponse endpoint, DeploymentPolicy policy) {
    String pendingConfig = endpoint.pendingDeploymentSummary() == null ? null
        : endpoint.pendingDeploymentSummary().endpointConfigName();
    ProductionVariantStatus status = newFleetStatus(endpoint);
    String variantStatus = status == null ? null : status.statusAsString();
    String message = status == null ? null : status.statusMessage();
    Instant start = status == null ? null : status.startTime();
    Instant bakeEnd = null;
    if (status != null && status.status() == VariantStatus.BAKING && start != null) {
      bakeEnd = start.plus(bakeLength(message, policy));
    }
    return new DeploymentProgress(endpoint.endpointStatusAsString(), endpoint.endpointConfigName(), pendingConfig,
        variantStatus, message, start, bakeEnd);
  }

  static Duration bakeLength(String message, DeploymentPolicy policy) {
    if (message != null) {
      Matcher m = BAKING_FOR.matcher(message);
      if (m.find()) {
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
      }
      if (namesTerminationWait(message) && policy != null) {
        return Duration.ofSeconds(policy.terminationWaitSeconds());
      }
    }
    return Duration.ofSeconds(policy == null ? 0 : policy.bakeSeconds());
  }

  /** The new fleet's status: the pending deployment's first variant status, else a live variant's. */
  private static ProductionVariantStatus newFleetStatus(DescribeEndpointResponse endpoint) {
    if (endpoint.pendingDeploymentSummary() != null) {
      for (PendingProductionVariantSummary v : endpoint.pendingDeploymentSummary().productionVariants()) {
        List<ProductionVariantStatus> statuses = v.variantStatus();
        if (!statuses.isEmpty()) {
          return statuses.get(0);
        }
      }
    }
    for (ProductionVariantSummary v : endpoint.productionVariants()) {
      if (!v.variantStatus().isEmpty()) {
        return v.variantStatus().get(0);
      }
    }
    return null;
  }

  /**
   * This progress on the local clock: SageMaker's {@code StartTime} is on AWS's clock, which may be
   * minutes off the local one, so it is never compared with the local time. The start becomes
   * {@code firstSeen} (when this progress was first seen here) and the bake ends as long after it as
   * SageMaker's bake lasts (its message, else the policy). A bake first seen midway is thus waited
   * for at most its whole length, never less.
   */
  public DeploymentProgress seenAt(Instant firstSeen) {
    if (startTime == null) {
      return this;
    }
    Instant end = bakeEnd == null ? null : firstSeen.plus(Duration.between(startTime, bakeEnd));
    return new DeploymentProgress(endpointStatus, endpointConfigName, pendingConfigName, variantStatus, statusMessage,
        firstSeen, end);
  }

  /** True while the new fleet's instances are being launched. */
  public boolean launching() {
    return variantStatus != null && VariantStatus.fromValue(variantStatus) == VariantStatus.CREATING;
  }

  /**
   * True when the bake is the termination wait (the final bake before the old fleet goes), which is
   * not a traffic step: SageMaker's status message names it.
   */
  public boolean terminationBake() {
    return namesTerminationWait(statusMessage);
  }

  private static boolean namesTerminationWait(String message) {
    return message != null && message.contains("TerminationWaitInSeconds");
  }

  /** True while a bake runs. */
  public boolean baking() {
    return bakeEnd != null;
  }

  /** What identifies this progress: a change of it is reported once. */
  public String key() {
    return endpointStatus + "|" + variantStatus + "|" + startTime + "|" + statusMessage;
  }

  /** One line for the build log, for example {@code Baking: 540 s left (Baking for 600 seconds ...)}. */
  public String describe(Instant now) {
    StringBuilder out = new StringBuilder(endpointStatus);
    if (variantStatus != null) {
      out.append(", new fleet ").append(variantStatus);
    }
    if (bakeEnd != null) {
      long left = Math.max(0, Duration.between(now, bakeEnd).toSeconds());
      out.append(": ").append(left).append(" s of bake left");
    }
    if (statusMessage != null && !statusMessage.isBlank()) {
      out.append(" (").append(statusMessage).append(')');
    }
    return out.toString();
  }
}
