package dev.sagemakergitops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The seed file of {@code sagemaker-gitops local}: what to create before anyone connects, so that
 * manifests validate against the local control plane right away.
 *
 * <pre>
 * region: us-east-1                 # default for the entries below
 * images:                           # published to the local ECR
 *   - {repository: churn-xgb, tags: [1.4.2, 1.5.0]}
 * alarms:                           # CloudWatch alarms on AWS/SageMaker metrics
 *   - {name: churn-prod-5xx, endpoint: churn-prod, metric: Invocation5XXErrors, threshold: 1}
 * </pre>
 *
 * @param region the region of every entry
 * @param images repositories and their tags
 * @param alarms alarms to create
 */
record LocalSeed(String region, List<Image> images, List<Alarm> alarms) {

  record Image(String repository, List<String> tags) {}

  /**
   * @param name the alarm name
   * @param endpoint the {@code EndpointName} dimension
   * @param metric an {@code AWS/SageMaker} metric (default {@code Invocation5XXErrors})
   * @param threshold the value at or above which it alarms (default 1)
   */
  record Alarm(String name, String endpoint, String metric, double threshold) {}

  /** Reads a seed file; problems name the file and the entry, and say what is expected. */
  static LocalSeed read(Path file) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException("--seed: cannot read " + file + ": " + e.getMessage());
    } catch (YAMLException e) {
      throw new InvalidInputException(file + ": invalid YAML: " + e.getMessage());
    }
    Map<?, ?> top = mapping(file, "the file", root, Set.of("region", "images", "alarms"));
    String region = top.get("region") == null ? null : top.get("region").toString();
    List<Image> images = new ArrayList<>();
    int index = 0;
    for (Object item : list(file, "images", top.get("images"))) {
      String where = "images[" + index++ + "]";
      Map<?, ?> image = mapping(file, where, item, Set.of("repository", "tags"));
      List<String> tags = new ArrayList<>();
      for (Object tag : list(file, where + ".tags", image.get("tags"))) {
        tags.add(tag.toString());
      }
      images.add(new Image(required(file, where + ".repository", image.get("repository")), tags));
    }
    List<Alarm> alarms = new ArrayList<>();
    index = 0;
    for (Object item : list(file, "alarms", top.get("alarms"))) {
      String where = "alarms[" + index++ + "]";
      Map<?, ?> alarm = mapping(file, where, item, Set.of("name", "endpoint", "metric", "threshold"));
      Object threshold = alarm.get("threshold");
      if (threshold != null && !(threshold instanceof Number)) {
        throw new InvalidInputException(file + ": " + where + ".threshold: expected a number, got '" + threshold + "'");
      }
      alarms.add(new Alarm(required(file, where + ".name", alarm.get("name")),
          required(file, where + ".endpoint", alarm.get("endpoint")),
          alarm.get("metric") == null ? "Invocation5XXErrors" : alarm.get("metric").toString(),
          threshold == null ? 1.0 : ((Number) threshold).doubleValue()));
    }
    return new LocalSeed(region, images, alarms);
  }

  private static Map<?, ?> mapping(Path file, String where, Object value, Set<String> keys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidInputException(file + ": " + where + ": expected a mapping with " + keys);
    }
    for (Object key : map.keySet()) {
      if (!keys.contains(String.valueOf(key))) {
        throw new InvalidInputException(file + ": " + where + ": unknown key '" + key + "'; allowed: " + keys);
      }
    }
    return map;
  }

  private static List<?> list(Path file, String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidInputException(file + ": " + where + ": expected a list");
    }
    return list;
  }

  private static String required(Path file, String where, Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(file + ": " + where + ": missing; it is required");
    }
    return value.toString();
  }
}
