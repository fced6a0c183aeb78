package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;

/**
 * DescribeEndpoint's answer, drawn from an endpoint and the deployment it is in: the blue fleet in
 * ProductionVariants, the green one in PendingDeploymentSummary, each with its weights, instance
 * counts, deployed images and variant status (sources in this package's docs).
 */
final class EndpointDescription {
  private EndpointDescription() {}

  /**
   * DescribeEndpoint. During an update the top-level EndpointConfigName is the new configuration,
   * ProductionVariants is the old (blue) fleet and PendingDeploymentSummary the new (green) one;
   * each fleet's CurrentWeight is its variant weight times the share of traffic it takes now, and
   * its DesiredWeight what it will take once the deployment ends (0 for the old fleet).
   */
  static ObjectNode render(Endpoint endpoint) {
    Deployment deployment = endpoint.deployment;
    boolean newConfig = deployment != null && deployment.bringsNewConfig();
    ObjectNode out = Json.object();
    out.put("EndpointName", endpoint.name);
    out.put("EndpointArn", endpoint.arn);
    out.put("EndpointConfigName", newConfig ? deployment.target.name() : endpoint.config.name());
    double share = newConfig ? deployment.greenShare : 0;
    if (deployment == null || deployment.kind != Deployment.Kind.CREATE) {
      ArrayNode variants = out.putArray("ProductionVariants");
      for (LiveVariant variant : endpoint.variants) {
        ObjectNode summary = summary(variant, variant.currentWeight() * (1 - share),
            newConfig ? 0 : variant.desiredWeight(), blueCount(variant, deployment), variant.desiredInstanceCount());
        if (deployment != null && deployment.rollingBack) {
          summary.putArray("VariantStatus").addObject().put("Status", "Creating")
              .put("StatusMessage", "Launching " + DeploymentEngine.instances(DeploymentEngine.rollbackBatchNow(deployment))
                  + ".")
              .put("StartTime", Json.timestamp(deployment.phaseStart));
        }
        if (deployment != null && deployment.kind == Deployment.Kind.REWEIGH && !deployment.finished) {
          summary.putArray("VariantStatus").addObject().put("Status", "Updating")
              .put("StatusMessage", "Updating the weight and capacity of the variant.")
              .put("StartTime", Json.timestamp(deployment.startTime));
        }
        variants.add(summary);
      }
      if (!endpoint.shadows.isEmpty()) {
        ArrayNode shadows = out.putArray("ShadowProductionVariants");
        for (LiveVariant variant : endpoint.shadows) {
          shadows.add(summary(variant, variant.currentWeight(), variant.desiredWeight(), variant.currentInstanceCount(),
              variant.desiredInstanceCount()));
        }
      }
    }
    EndpointConfig shown = newConfig ? deployment.target : endpoint.config;
    JsonNode capture = shown.spec().get("DataCaptureConfig");
    if (capture != null && !capture.isNull()) {
      ObjectNode summary = out.putObject("DataCaptureConfig");
      boolean enabled = capture.path("EnableCapture").asBoolean(true);
      summary.put("EnableCapture", enabled);
      summary.put("CaptureStatus", enabled ? "Started" : "Stopped");
      summary.put("CurrentSamplingPercentage", capture.path("InitialSamplingPercentage").asInt());
      summary.put("DestinationS3Uri", capture.path("DestinationS3Uri").asText());
      if (capture.hasNonNull("KmsKeyId")) {
        summary.put("KmsKeyId", capture.get("KmsKeyId").asText());
      }
    }
    out.put("EndpointStatus", endpoint.status);
    if (endpoint.failureReason != null) {
      out.put("FailureReason", endpoint.failureReason);
    }
    out.put("CreationTime", Json.timestamp(endpoint.creationTime));
    out.put("LastModifiedTime", Json.timestamp(endpoint.lastModifiedTime));
    if (endpoint.lastDeploymentConfig != null) {
      out.set("LastDeploymentConfig", endpoint.lastDeploymentConfig.deepCopy());
    }
    if (newConfig) {
      out.set("PendingDeploymentSummary", pending(deployment));
    }
    return out;
  }

  private static int blueCount(LiveVariant variant, Deployment deployment) {
    if (deployment != null && deployment.kind == Deployment.Kind.ROLLING) {
      // A rolling update replaces old instances batch by batch.
      return Math.max(0, variant.currentInstanceCount() - deployment.greenInstances);
    }
    return variant.currentInstanceCount();
  }

  private static ObjectNode pending(Deployment deployment) {
    ObjectNode pending = Json.object();
    pending.put("EndpointConfigName", deployment.target.name());
    ArrayNode variants = pending.putArray("ProductionVariants");
    for (LiveVariant variant : deployment.greenVariants) {
      variants.add(pendingVariant(deployment, variant, deployment.greenShare));
    }
    pending.put("StartTime", Json.timestamp(deployment.startTime));
    if (!deployment.greenShadows.isEmpty()) {
      ArrayNode shadows = pending.putArray("ShadowProductionVariants");
      for (LiveVariant variant : deployment.greenShadows) {
        shadows.add(pendingVariant(deployment, variant, 1.0));
      }
    }
    return pending;
  }

  private static ObjectNode pendingVariant(Deployment deployment, LiveVariant variant, double share) {
    int current = deployment.kind == Deployment.Kind.ROLLING
        ? deployment.greenInstances
        : deployment.phaseIndex > 0 ? variant.desiredInstanceCount() : 0;
    ObjectNode summary = summary(variant, variant.desiredWeight() * share, variant.desiredWeight(), current,
        variant.desiredInstanceCount());
    if (variant.instanceType() != null) {
      summary.put("InstanceType", variant.instanceType());
    }
    Deployment.Phase phase = deployment.phase();
    ObjectNode status = summary.putArray("VariantStatus").addObject();
    if (deployment.rollingBack) {
      status.put("Status", "Deleting").put("StatusMessage", "Terminating "
          + DeploymentEngine.instances(DeploymentEngine.rollbackBatchNow(deployment)) + ".")
          .put("StartTime", Json.timestamp(deployment.phaseStart));
      return summary;
    }
    switch (phase.type()) {
      case PROVISION -> status.put("Status", "Creating").put("StatusMessage", "Launching "
          + DeploymentEngine.instances(deployment.kind == Deployment.Kind.ROLLING
              ? phase.greenInstances() - deployment.greenInstances : variant.desiredInstanceCount()) + ".");
      case BAKE -> status.put("Status", "Baking").put("StatusMessage", "Baking for " + phase.duration().toSeconds()
          + " seconds (WaitIntervalInSeconds) with traffic enabled on " + phase.capacityText() + ".");
      case TERMINATION_WAIT -> status.put("Status", "Baking").put("StatusMessage", "Baking for "
          + phase.duration().toSeconds() + " seconds (TerminationWaitInSeconds) with traffic enabled on "
          + phase.capacityText() + ".");
    }
    status.put("StartTime", Json.timestamp(deployment.phaseStart));
    return summary;
  }

  private static ObjectNode summary(LiveVariant variant, double currentWeight, double desiredWeight, int current,
      int desired) {
    ObjectNode summary = Json.object();
    summary.put("VariantName", variant.name());
    ArrayNode images = summary.putArray("DeployedImages");
    for (LiveVariant.DeployedImage image : variant.images()) {
      images.addObject().put("SpecifiedImage", image.specifiedImage()).put("ResolvedImage", image.resolvedImage())
          .put("ResolutionTime", Json.timestamp(image.resolutionTime()));
    }
    summary.put("CurrentWeight", (float) currentWeight);
    summary.put("DesiredWeight", (float) desiredWeight);
    if (variant.isServerless()) {
      summary.set("CurrentServerlessConfig", variant.serverless().deepCopy());
      summary.set("DesiredServerlessConfig", variant.serverless().deepCopy());
    } else {
      summary.put("CurrentInstanceCount", current);
      summary.put("DesiredInstanceCount", desired);
    }
    return summary;
  }
}
