package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A variant as it runs on an endpoint: what DescribeEndpoint's ProductionVariantSummary reports.
 *
 * @param images the containers' images as specified and as resolved when the fleet was launched
 */
record LiveVariant(String name, String modelName, String instanceType, int currentInstanceCount,
    int desiredInstanceCount, double currentWeight, double desiredWeight, ObjectNode serverless,
    List<DeployedImage> images) {

  /** DeployedImage: the image as given, its digest form, and when it was resolved. */
  record DeployedImage(String specifiedImage, String resolvedImage, Instant resolutionTime) {}

  LiveVariant {
    images = List.copyOf(images);
    serverless = serverless == null ? null : serverless.deepCopy();
  }

  boolean isServerless() {
    return serverless != null;
  }

  LiveVariant withWeights(double current, double desired) {
    return new LiveVariant(name, modelName, instanceType, currentInstanceCount, desiredInstanceCount, current, desired,
        serverless, images);
  }

  LiveVariant withCounts(int current, int desired) {
    return new LiveVariant(name, modelName, instanceType, current, desired, currentWeight, desiredWeight, serverless,
        images);
  }

  LiveVariant withModel(String model, List<DeployedImage> deployedImages) {
    return new LiveVariant(name, model, instanceType, currentInstanceCount, desiredInstanceCount, currentWeight,
        desiredWeight, serverless, deployedImages);
  }

  /** Instances serving traffic, at least one (serverless capacity is not counted in instances). */
  int servingInstances() {
    return Math.max(1, currentInstanceCount);
  }
}
