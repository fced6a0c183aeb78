package dev.sagemakergitops.core.pullrequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bump pull request says about the version it deploys, as the registry records it.
 *
 * @param manifestName the manifest's {@code metadata.name}, such as {@code churn-prod}
 * @param manifestPath the manifest the bump changes
 * @param modelPackage {@code group/version}
 * @param packageArn the version's ARN, or {@code null} when it was not looked up
 * @param approvalStatus its {@code ModelApprovalStatus}, or {@code null}
 * @param trainingJob the training job that made the artifact, or {@code null}
 * @param image the pinned serving image with its digest, or {@code null}
 * @param metricsReport the evaluation report's S3 URI ({@code ModelMetrics.ModelQuality.Statistics}), or {@code null}
 * @param metrics the report's numbers by name, in the report's order; empty when it has none
 */
public record BumpFacts(String manifestName, String manifestPath, String modelPackage, String packageArn,
    String approvalStatus, String trainingJob, String image, String metricsReport, Map<String, String> metrics) {
  public BumpFacts {
    metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
  }

  /** The metrics in the report's order, read-only. */
  @Override
  public Map<String, String> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  /** What is known without asking the registry: the manifest and the version. */
  public static BumpFacts of(String manifestName, String manifestPath, String modelPackage) {
    return new BumpFacts(manifestName, manifestPath, modelPackage, null, null, null, null, null, Map.of());
  }
}
