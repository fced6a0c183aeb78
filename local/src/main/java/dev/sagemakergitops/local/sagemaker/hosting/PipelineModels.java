package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CreateModel's rules for a model of several containers ({@code Containers}) and its
 * {@code InferenceExecutionConfig}, beyond the shapes botocore's model checks (at most 15 containers,
 * the host name pattern, the {@code Serial}/{@code Direct} enum). Sources:
 *
 * <ul>
 *   <li>"Use the Containers parameter instead of PrimaryContainer, and include more than one container
 *       in the Containers parameter", "The ContainerHostname parameter is required for each container
 *       in a multi-container endpoint with direct invocation", "The default mode is Serial"
 *       (https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html); an inference
 *       pipeline is "a linear sequence of two to fifteen containers"
 *       (https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html).
 *   <li>"If you specify a value for the ContainerHostName for any ContainerDefinition that is part of
 *       an inference pipeline, you must specify a value for the ContainerHostName parameter of every
 *       ContainerDefinition in that pipeline", and the host name "uniquely identifies the container"
 *       (botocore {@code ContainerDefinition.ContainerHostname}).
 * </ul>
 *
 * <p>AWS does not publish the error texts; each refusal is a {@code ValidationException} worded here.
 * Undocumented, and taken the harder way: a {@code Containers} list of one container is refused (the
 * guide asks for more than one), as is an {@code InferenceExecutionConfig} on a model with a
 * {@code PrimaryContainer} (it "specifies details of how containers in a multi-container endpoint are
 * called", botocore), and host names that differ only in letter case count as the same.
 */
final class PipelineModels {
  private PipelineModels() {}

  /** Refuses a CreateModel whose containers or execution config break the rules above. */
  static void check(ObjectNode input) {
    JsonNode containers = input.path("Containers");
    boolean pipeline = containers.size() > 0;
    if (!pipeline) {
      if (input.hasNonNull("InferenceExecutionConfig")) {
        throw AwsServiceException.validation("InferenceExecutionConfig can be specified only for a model with "
            + "multiple containers (Containers).");
      }
      return;
    }
    if (containers.size() < 2) {
      throw AwsServiceException.validation("Containers must include more than one container; use PrimaryContainer"
          + " for a model with one container.");
    }
    boolean direct = "Direct".equals(mode(input));
    int named = 0;
    Set<String> hostnames = new HashSet<>();
    for (JsonNode container : containers) {
      String hostname = Model.textOrNull(container, "ContainerHostname");
      if (hostname == null) {
        continue;
      }
      named++;
      if (!hostnames.add(hostname.toLowerCase(Locale.ROOT))) {
        throw AwsServiceException.validation("ContainerHostname \"" + hostname + "\" is used by more than one"
            + " container; container host names must be unique within a model.");
      }
    }
    if (direct && named < containers.size()) {
      throw AwsServiceException.validation("ContainerHostname is required for each container when the"
          + " InferenceExecutionConfig Mode is Direct.");
    }
    if (named > 0 && named < containers.size()) {
      throw AwsServiceException.validation("If ContainerHostname is specified for any container, it must be"
          + " specified for every container in Containers.");
    }
  }

  /** The model's execution mode: its {@code InferenceExecutionConfig.Mode}, else SageMaker's default Serial. */
  static String mode(JsonNode model) {
    String mode = model.path("InferenceExecutionConfig").path("Mode").asText("");
    return mode.isEmpty() ? "Serial" : mode;
  }
}
