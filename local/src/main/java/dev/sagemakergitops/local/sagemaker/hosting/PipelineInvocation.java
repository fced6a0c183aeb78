package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.spi.LocalModel;
import java.util.List;
import java.util.function.Function;

/**
 * How InvokeEndpoint runs a model's containers, and which {@code TargetContainerHostname} it takes.
 *
 * <p>Routing follows AWS. Serial: "Within an inference pipeline model, SageMaker AI handles
 * invocations as a sequence of HTTP requests. The first container in the pipeline handles the
 * initial request, then the intermediate response is sent as a request to the second container,
 * and so on, for each container in the pipeline. SageMaker AI returns the final response to the
 * client" (https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html). Direct: "only
 * the container with the TargetContainerHostname processes the invocation request. You will get
 * validation errors if you do any of the following: Specify a TargetContainerHostname that does not
 * exist in the endpoint; Do not specify a value for TargetContainerHostname in a request to an
 * endpoint configured for direct invocation; Specify a value for TargetContainerHostname in a
 * request to an endpoint that is not configured for direct invocation"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html). The texts of those
 * validation errors are not published; the ones here are worded after the guide.
 *
 * <p>What a container computes is the local model's business: a container with an artifact runs the
 * {@link LocalModel} of that artifact on its input; a container without one (a preprocessing or
 * postprocessing step whose code lives in its image, which the local control plane does not run)
 * returns its input unchanged. A model of one container (PrimaryContainer) runs as before: the local
 * model of its artifact, or of no artifact.
 */
final class PipelineInvocation {
  static final String TARGET_CONTAINER_HEADER = "X-Amzn-SageMaker-Target-Container-Hostname";

  private final Function<String, LocalModel> byArtifact;

  /**
   * @param byArtifact the local model of an artifact URL ({@code null} for no artifact)
   */
  PipelineInvocation(Function<String, LocalModel> byArtifact) {
    this.byArtifact = byArtifact;
  }

  /**
   * Refuses a request whose {@code TargetContainerHostname} does not fit the model, before anything
   * runs or is measured.
   */
  static void checkTarget(Model model, String target, String endpointName) {
    boolean direct = model != null && !model.spec().path("Containers").isEmpty()
        && "Direct".equals(PipelineModels.mode(model.spec()));
    if (!direct && target != null) {
      throw new AwsServiceException("ValidationError", 400, "TargetContainerHostname " + target + " was given, but"
          + " endpoint " + endpointName + " is not configured for direct invocation.");
    }
    if (direct && target == null) {
      throw new AwsServiceException("ValidationError", 400, "Endpoint " + endpointName + " is configured for direct"
          + " invocation; specify TargetContainerHostname.");
    }
    if (direct && container(model, target) == null) {
      throw new AwsServiceException("ValidationError", 400, "TargetContainerHostname " + target + " does not exist"
          + " in endpoint " + endpointName + ".");
    }
  }

  /** The CSV answer of {@code model} to {@code payload}, for a target already checked. */
  String predict(Model model, String payload, String target) {
    if (model == null || model.spec().path("Containers").isEmpty()) {
      return byArtifact.apply(model == null ? null : model.modelDataUrl()).predictCsv(payload);
    }
    if (target != null) {
      return run(container(model, target), payload);
    }
    String data = payload;
    for (JsonNode container : model.spec().path("Containers")) {
      data = run(container, data);
    }
    return data;
  }

  private String run(JsonNode container, String input) {
    String artifact = artifactOf(container);
    return artifact == null ? input : byArtifact.apply(artifact).predictCsv(input);
  }

  private static String artifactOf(JsonNode container) {
    String url = Model.textOrNull(container, "ModelDataUrl");
    return url != null ? url : container.path("ModelDataSource").path("S3DataSource").path("S3Uri").asText(null);
  }

  private static JsonNode container(Model model, String hostname) {
    List<JsonNode> containers = model.containers();
    return containers.stream().filter(c -> hostname.equals(Model.textOrNull(c, "ContainerHostname"))).findFirst()
        .orElse(null);
  }
}
