package dev.sagemakergitops.local.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One service's request constraints as written by {@code local/scripts/generate-service-models.py}:
 * the input shape of each served operation and every shape reachable from it, reduced to what
 * validation reads. Immutable once read; patterns are compiled here, once, so a request never pays
 * for compilation.
 */
public final class ServiceModel {
  private final String service;
  private final String apiVersion;
  private final String botocoreVersion;
  private final Map<String, Optional<String>> operations;
  private final Map<String, Shape> shapes;
  private final Set<String> skippedPatterns;

  private ServiceModel(String service, String apiVersion, String botocoreVersion,
      Map<String, Optional<String>> operations, Map<String, Shape> shapes, Set<String> skippedPatterns) {
    this.service = service;
    this.apiVersion = apiVersion;
    this.botocoreVersion = botocoreVersion;
    this.operations = Collections.unmodifiableMap(operations);
    this.shapes = Collections.unmodifiableMap(shapes);
    this.skippedPatterns = Collections.unmodifiableSet(skippedPatterns);
  }

  /** Reads a generated resource; a malformed one is a build defect, hence unchecked. */
  public static ServiceModel read(InputStream in) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a service model resource", e);
    }
    Map<String, Optional<String>> operations = new LinkedHashMap<>();
    root.path("operations").fields().forEachRemaining(e ->
        operations.put(e.getKey(), e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText())));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    Set<String> skipped = new TreeSet<>();
    root.path("shapes").fields().forEachRemaining(e -> {
      Shape shape = Shape.of(e.getKey(), e.getValue());
      if (shape.patternText().isPresent() && shape.pattern().isEmpty()) {
        skipped.add(shape.patternText().get());
      }
      shapes.put(e.getKey(), shape);
    });
    return new ServiceModel(root.path("service").asText(), root.path("apiVersion").asText(),
        root.path("botocoreVersion").asText(), operations, shapes, skipped);
  }

  /** The model name, for example {@code sagemaker}. */
  public String service() {
    return service;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The botocore release the constraints were taken from. */
  public String botocoreVersion() {
    return botocoreVersion;
  }

  public Set<String> operations() {
    return operations.keySet();
  }

  /**
   * The input shape of {@code operation}; empty both for an operation that is not bundled and for
   * one without input, since neither has anything to validate.
   */
  public Optional<Shape> input(String operation) {
    return operations.getOrDefault(operation, Optional.empty()).map(this::shape);
  }

  public Shape shape(String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalStateException(service + " model has no shape " + name + "; regenerate the service models");
    }
    return shape;
  }

  /** Patterns Java's regex engine refused; values are not checked against them (see package docs). */
  public Set<String> skippedPatterns() {
    return skippedPatterns;
  }

  /**
   * A botocore shape, reduced: {@code members} keeps the resource's (sorted) order, which is the
   * order errors are reported in.
   */
  public record Shape(String name, String type, List<String> required, Map<String, String> members,
      String member, String key, String value, List<String> enumValues, BigDecimal min, BigDecimal max,
      Optional<String> patternText, Optional<Pattern> pattern) {

    public Shape {
      required = List.copyOf(required);
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
      enumValues = List.copyOf(enumValues);
    }

    static Shape of(String name, JsonNode node) {
      List<String> required = strings(node.path("required"));
      Map<String, String> members = new LinkedHashMap<>();
      node.path("members").fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue().asText()));
      Optional<String> patternText = Optional.ofNullable(node.get("pattern")).map(JsonNode::asText);
      return new Shape(name, node.path("type").asText(), required, members, text(node, "member"),
          text(node, "key"), text(node, "value"), strings(node.path("enum")), number(node, "min"),
          number(node, "max"), patternText, patternText.flatMap(Shape::compile));
    }

    /**
     * botocore patterns are written for the services' Java validators, so nearly all compile; one that
     * does not (a syntax Java lacks) is skipped rather than failing every request that reaches it.
     */
    private static Optional<Pattern> compile(String regex) {
      try {
        return Optional.of(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        return Optional.empty();
      }
    }

    private static List<String> strings(JsonNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(item -> out.add(item.asText()));
      return out;
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null ? null : value.asText();
    }

    private static BigDecimal number(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null ? null : value.decimalValue();
    }
  }
}
