package dev.sagemakergitops.core.manifest;


import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds {@code spec.model.containers} and {@code spec.model.inferenceExecution}: an inference
 * pipeline of 2 to 15 containers, each with its image, host name, artifact and environment.
 *
 * <p>The limits are SageMaker's: "An inference pipeline is a Amazon SageMaker AI model that is
 * composed of a linear sequence of two to fifteen containers" (Developer Guide,
 * inference-pipelines.html); botocore's {@code ContainerDefinitionList} caps {@code Containers} at 15;
 * {@code ContainerHostname} follows botocore's pattern {@code [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}; "If
 * you specify a value for the ContainerHostName for any ContainerDefinition that is part of an
 * inference pipeline, you must specify a value for the ContainerHostName parameter of every
 * ContainerDefinition" (botocore {@code ContainerDefinition.ContainerHostname}), and "The
 * ContainerHostname parameter is required for each container in a multi-container endpoint with
 * direct invocation" (Developer Guide, multi-container-create.html). Host names are unique because
 * they identify a container ("uniquely identifies the container", botocore) and are what
 * {@code TargetContainerHostname} names.
 */
final class ContainersBinder {
  static final int MIN_CONTAINERS = 2;
  static final int MAX_CONTAINERS = 15;
  static final List<String> MODES = List.of("Serial", "Direct");

  private static final Pattern HOSTNAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  private ContainersBinder() {}

  /** The pipeline's containers (empty when the manifest names none), or {@code null} when any is wrong. */
  static List<ContainerSpec> bind(YamlMapping model, String region) {
    if (!model.has("containers")) {
      return List.of();
    }
    List<Node> items = model.sequence("containers", true, MIN_CONTAINERS, MAX_CONTAINERS,
        "containers (an inference pipeline runs two to fifteen)");
    if (items == null) {
      return null;
    }
    List<ContainerSpec> containers = new ArrayList<>();
    List<YamlMapping> nodes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping item = YamlMapping.read(model.problems(), model.path("containers") + "[" + i + "]", items.get(i),
          ManifestKeys.CONTAINER_KEYS);
      nodes.add(item);
      ContainerSpec container = container(item, region);
      if (container != null) {
        containers.add(container);
      }
    }
    boolean hostnamesAgree = checkHostnames(model, nodes, containers);
    return containers.size() == items.size() && hostnamesAgree ? containers : null;
  }

  /**
   * {@code inferenceExecution}, or {@code null} when absent (or wrong, with a problem recorded). With
   * {@code package} instead of containers it applies when that version holds several containers (a
   * registered pipeline); deploy refuses it for a version of one.
   */
  static String inferenceExecution(YamlMapping model) {
    String mode = model.oneOf("inferenceExecution", false, MODES);
    if (mode != null && !model.has("containers") && !model.has("package")) {
      model.problem("inferenceExecution", "inferenceExecution says how the containers of an inference pipeline run,"
          + " and this model has neither containers nor a package; add spec.model.containers or remove"
          + " inferenceExecution");
      return null;
    }
    return mode;
  }

  /** The rules between {@code containers} and the rest of {@code spec.model}. */
  static void checkModel(YamlMapping model) {
    if (!model.has("containers")) {
      return;
    }
    for (String key : List.of("package", "environment", "mode")) {
      if (model.has(key)) {
        model.problem(key, "spec.model." + key + " does not go with spec.model.containers: "
            + switch (key) {
              case "package" -> "each container names its own package (containers[i].package) or artifact";
              case "environment" -> "each container has its own environment (containers[i].environment)";
              default -> "a pipeline's containers each serve one model (SageMaker's SingleModel mode)";
            } + "; remove spec.model." + key);
      }
    }
  }

  private static ContainerSpec container(YamlMapping node, String region) {
    ImageReference image = ImageBinder.inRegion(node, "image", region);
    if (image != null && region != null && !image.region().equals(region)) {
      image = null;
    }
    String hostname = node.matching("hostname", false, HOSTNAME, 63, "a container host name of letters, digits and"
        + " hyphens (at most 63, starting and ending with a letter or digit), such as preprocess");
    ModelPackageReference modelPackage = node.has("package") ? ModelBinder.modelPackage(node, "package") : null;
    String artifact = SageMakerFields.s3Uri(node, "artifact", false);
    if (node.has("package") && node.has("artifact")) {
      node.problem("artifact", "a container serves either the artifact of a model package version (package) or an"
          + " S3 artifact (artifact), not both; remove one");
      return null;
    }
    Map<String, String> environment = ModelBinder.environment(node);
    boolean wrong = image == null || (node.has("hostname") && hostname == null)
        || (node.has("package") && modelPackage == null) || (node.has("artifact") && artifact == null);
    return wrong ? null : new ContainerSpec(image, hostname, modelPackage, artifact, environment);
  }

  private static boolean checkHostnames(YamlMapping model, List<YamlMapping> nodes, List<ContainerSpec> containers) {
    boolean direct = "Direct".equals(textOf(model, "inferenceExecution"));
    long named = nodes.stream().filter(n -> n.has("hostname")).count();
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    for (YamlMapping node : nodes) {
      if (!node.has("hostname") && (direct || named > 0)) {
        node.problem("hostname", direct
            ? "expected a hostname: with inferenceExecution: Direct each container is reached by its host name"
                + " (TargetContainerHostname), so every container needs one"
            : "expected a hostname: when one container of a pipeline names its host, SageMaker needs every"
                + " container to name one");
        ok = false;
      }
    }
    for (int i = 0; i < containers.size(); i++) {
      String hostname = containers.get(i).hostname();
      if (hostname != null && !seen.add(hostname.toLowerCase(Locale.ROOT))) {
        nodes.stream().filter(n -> hostname.equals(textOf(n, "hostname"))).reduce((a, b) -> b)
            .ifPresent(n -> n.problem("hostname", "the host name '" + hostname + "' is used twice; a host name"
                + " identifies one container of the pipeline"));
        ok = false;
      }
    }
    return ok;
  }

  private static String textOf(YamlMapping node, String key) {
    return node.has(key) && node.locate(key) instanceof ScalarNode scalar
        ? scalar.getValue() : null;
  }
}
