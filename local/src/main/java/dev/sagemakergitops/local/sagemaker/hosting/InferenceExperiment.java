package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shadow-mode inference experiment: an entity changed only under the control plane's lock, by its
 * operations and scheduler events. The request parts it echoes are kept as copies.
 */
final class InferenceExperiment {
  final String region;
  final String name;
  final String arn;
  final String endpointName;
  final ObjectNode request;
  final String sourceVariant;
  final String shadowVariant;
  final String shadowModel;
  final double samplingPercentage;
  final Instant creationTime;
  final Instant startTime;
  final Instant endTime;
  String status = "Creating";
  String statusReason;
  Instant completionTime;
  Instant lastModifiedTime;
  /**
   * The configuration the endpoint served before SageMaker put it on the experiment's own
   * configuration (the one with the shadow variant), or {@code null} until then.
   */
  EndpointConfig priorConfig;
  /** The configuration SageMaker made to host the shadow variant beside production, or {@code null}. */
  EndpointConfig shadowConfig;
  /** ModelVariantStatus per variant name, in the order of the request's ModelVariants. */
  final Map<String, String> variantStatus = new LinkedHashMap<>();

  InferenceExperiment(String region, String name, String arn, ObjectNode request, String sourceVariant,
      String shadowVariant, String shadowModel, double samplingPercentage, Instant creationTime, Instant startTime,
      Instant endTime) {
    this.region = region;
    this.name = name;
    this.arn = arn;
    this.endpointName = request.path("EndpointName").asText();
    this.request = request.deepCopy();
    this.sourceVariant = sourceVariant;
    this.shadowVariant = shadowVariant;
    this.shadowModel = shadowModel;
    this.samplingPercentage = samplingPercentage;
    this.creationTime = creationTime;
    this.startTime = startTime;
    this.endTime = endTime;
    this.lastModifiedTime = creationTime;
  }

  boolean isOver() {
    return status.equals("Completed") || status.equals("Cancelled");
  }
}
