package dev.sagemakergitops.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The ground truth: what a {@code DescribeEndpoint} shows of the endpoint, looked at every virtual
 * second by a client of its own (whose calls are not counted), and every change of it with the time
 * it happened. A change is any difference in {@code EndpointStatus}, the live
 * {@code EndpointConfigName}, {@code FailureReason}, or a variant's status, status message, status
 * start time, current weight or instance count, of the live fleet or of the
 * {@code PendingDeploymentSummary}. Timestamps ({@code LastModifiedTime}) are not compared.
 *
 * <p>Each change is timed at the observation that first showed it, refined to the latest
 * timestamp of the answer ({@code LastModifiedTime}, a {@code VariantStatus} {@code StartTime})
 * that falls after the previous observation: the control plane stamps state changes with their
 * own simulated time, so the refinement gives the exact instant, and without it the time is at
 * most one second late.
 */
final class EndpointObserver {
  /**
   * One state the endpoint entered.
   *
   * @param at when
   * @param signature everything compared, as text
   * @param status {@code EndpointStatus}, or {@code absent}
   * @param summary a short description for the report
   */
  record Change(Instant at, String signature, String status, String summary) {}

  private final SageMakerClient client;
  private final String endpointName;
  private final List<Change> changes = new ArrayList<>();
  private Instant lastObservation;

  EndpointObserver(SageMakerClient client, String endpointName) {
    this.client = client;
    this.endpointName = endpointName;
  }

  List<Change> changes() {
    return List.copyOf(changes);
  }

  void observe(Instant now) {
    DescribeEndpointResponse endpoint;
    try {
      endpoint = client.describeEndpoint(r -> r.endpointName(endpointName));
    } catch (SageMakerException e) {
      if (e.statusCode() != 400 || !String.valueOf(e.getMessage()).contains("Could not find")) {
        throw e;
      }
      endpoint = null;
    }
    String signature = endpoint == null ? "absent" : signature(endpoint);
    if (changes.isEmpty() || !changes.get(changes.size() - 1).signature().equals(signature)) {
      Instant at = endpoint == null ? now : refine(endpoint, now);
      changes.add(new Change(at, signature, endpoint == null ? "absent" : endpoint.endpointStatusAsString(),
          endpoint == null ? "no endpoint" : summary(endpoint)));
    }
    lastObservation = now;
  }

  private Instant refine(DescribeEndpointResponse endpoint, Instant now) {
    Instant best = null;
    List<Instant> stamps = new ArrayList<>();
    stamps.add(endpoint.lastModifiedTime());
    statuses(endpoint).forEach(s -> stamps.add(s.startTime()));
    for (Instant stamp : stamps) {
      if (stamp != null && lastObservation != null && stamp.isAfter(lastObservation) && !stamp.isAfter(now)
          && (best == null || stamp.isAfter(best))) {
        best = stamp;
      }
    }
    return best == null ? now : best;
  }

  private static List<ProductionVariantStatus> statuses(DescribeEndpointResponse endpoint) {
    List<ProductionVariantStatus> out = new ArrayList<>();
    endpoint.productionVariants().forEach(v -> out.addAll(v.variantStatus()));
    if (endpoint.pendingDeploymentSummary() != null) {
      endpoint.pendingDeploymentSummary().productionVariants().forEach(v -> out.addAll(v.variantStatus()));
    }
    return out;
  }

  static String signature(DescribeEndpointResponse endpoint) {
    StringBuilder out = new StringBuilder();
    out.append(endpoint.endpointStatusAsString()).append('|').append(endpoint.endpointConfigName()).append('|')
        .append(endpoint.failureReason()).append("|live[");
    for (ProductionVariantSummary v : endpoint.productionVariants()) {
      out.append(v.variantName()).append(':').append(v.currentWeight()).append(':').append(v.currentInstanceCount())
          .append(':').append(statusText(v.variantStatus())).append(';');
    }
    out.append("]|pending[");
    if (endpoint.pendingDeploymentSummary() != null) {
      out.append(endpoint.pendingDeploymentSummary().endpointConfigName()).append(';');
      for (PendingProductionVariantSummary v : endpoint.pendingDeploymentSummary().productionVariants()) {
        out.append(v.variantName()).append(':').append(v.currentWeight()).append(':').append(v.currentInstanceCount())
            .append(':').append(statusText(v.variantStatus())).append(';');
      }
    }
    return out.append(']').toString();
  }

  private static String statusText(List<ProductionVariantStatus> statuses) {
    StringBuilder out = new StringBuilder();
    for (ProductionVariantStatus s : statuses) {
      out.append(s.statusAsString()).append('/').append(s.statusMessage()).append('/').append(s.startTime()).append(',');
    }
    return out.toString();
  }

  /** For example {@code Updating, new fleet Baking at 25% (Baking for 600 seconds ...)}. */
  static String summary(DescribeEndpointResponse endpoint) {
    StringBuilder out = new StringBuilder(endpoint.endpointStatusAsString());
    if (endpoint.pendingDeploymentSummary() != null) {
      for (PendingProductionVariantSummary v : endpoint.pendingDeploymentSummary().productionVariants()) {
        if (!v.variantStatus().isEmpty()) {
          ProductionVariantStatus s = v.variantStatus().get(0);
          out.append(", new fleet ").append(s.statusAsString());
          if (v.currentWeight() != null && v.desiredWeight() != null && v.desiredWeight() > 0) {
            out.append(String.format(Locale.ROOT, " at %.0f%%", 100.0 * v.currentWeight() / v.desiredWeight()));
          }
          out.append(" (").append(s.statusMessage()).append(')');
        }
        break;
      }
    } else {
      for (ProductionVariantSummary v : endpoint.productionVariants()) {
        if (!v.variantStatus().isEmpty()) {
          ProductionVariantStatus s = v.variantStatus().get(0);
          out.append(", old fleet ").append(s.statusAsString()).append(" (").append(s.statusMessage()).append(')');
          break;
        }
      }
      out.append(" on ").append(endpoint.endpointConfigName());
    }
    if (endpoint.failureReason() != null) {
      out.append("; FailureReason: ").append(endpoint.failureReason());
    }
    return out.toString();
  }
}
