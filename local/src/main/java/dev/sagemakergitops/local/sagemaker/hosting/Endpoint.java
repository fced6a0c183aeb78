package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint: an entity whose fields change only under the control plane's lock, by request
 * handlers and scheduler events. Its parts ({@link LiveVariant}, {@link EndpointConfig}) are
 * immutable values, replaced as a whole.
 */
final class Endpoint {
  /** A shadow copy kept after an inference experiment stopped with {@code Retain} for its shadow. */
  record ShadowCopy(String sourceVariant, String shadowVariant, String modelName, double samplingPercentage) {}

  final String region;
  final String name;
  final String arn;
  final Instant creationTime;
  String status;
  Instant lastModifiedTime;
  String failureReason;
  /** The live (blue) configuration; while creating, the one being created. */
  EndpointConfig config;
  List<LiveVariant> variants = List.of();
  List<LiveVariant> shadows = List.of();
  ObjectNode lastDeploymentConfig;
  Deployment deployment;
  ShadowCopy retainedShadow;

  /** Smooth weighted round-robin state per variant, so routing by weight is exact and deterministic. */
  final Map<String, Double> routingCredit = new HashMap<>();
  /** Accumulated shares (green fleet, shadow copies, errors), each firing when it reaches 1. */
  final Map<String, Double> accumulators = new HashMap<>();
  /** Data-capture records written so far: the seed of their deterministic event ids. */
  long capturedRecords;

  Endpoint(String region, String name, String arn, Instant creationTime) {
    this.region = region;
    this.name = name;
    this.arn = arn;
    this.creationTime = creationTime;
    this.lastModifiedTime = creationTime;
  }

  /** Adds {@code share} to the named accumulator; true (and the accumulator less 1) when it reaches 1. */
  boolean accumulate(String key, double share) {
    double value = accumulators.getOrDefault(key, 0.0) + share;
    boolean fire = value >= 1.0 - 1e-9;
    accumulators.put(key, fire ? value - 1.0 : value);
    return fire;
  }
}
