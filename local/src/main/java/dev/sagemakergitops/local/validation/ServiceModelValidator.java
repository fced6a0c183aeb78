package dev.sagemakergitops.local.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.RequestValidator;
import dev.sagemakergitops.local.validation.ServiceModel.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates requests against the bundled botocore constraints and answers like Coral, the framework
 * behind SageMaker, ECR and Application Auto Scaling: {@code ValidationException} (HTTP 400) with
 * "N validation error(s) detected: ..." listing every violated constraint. See the package
 * documentation for the exact texts and the deliberate approximations.
 *
 * <p>Thread-safe. Each service's model is read on first use and kept; a service or operation that is
 * not bundled passes untouched, so the dispatcher can answer {@code UnknownOperationException}.
 */
public final class ServiceModelValidator implements RequestValidator {
  private static final String RESOURCES = "/service-models/";
  private static final ServiceModelValidator BUNDLED = new ServiceModelValidator();

  private final Map<String, Optional<ServiceModel>> models = new ConcurrentHashMap<>();

  private ServiceModelValidator() {}

  /** The shared instance over {@code service-models/*.json}; sharing it reads each model once per JVM. */
  public static ServiceModelValidator bundled() {
    return BUNDLED;
  }

  /**
   * The bundled model of {@code service} ({@code sagemaker}, {@code ecr},
   * {@code application-autoscaling}, {@code sagemaker-runtime}, {@code cloudwatch}), if any.
   */
  public Optional<ServiceModel> model(String service) {
    return models.computeIfAbsent(service, ServiceModelValidator::load);
  }

  /**
   * Checks {@code input} (the request in its JSON form, member names as in the model) of
   * {@code operation}. Non-JSON protocols call this too, after converting the request: CloudWatch's
   * route calls {@code validate("cloudwatch", "PutMetricAlarm", json)}.
   *
   * @throws AwsServiceException {@code ValidationException} listing every violated constraint, or
   *     {@code SerializationException} when a value has the wrong JSON type (Coral fails reading the
   *     request before it validates anything)
   */
  @Override
  public void validate(String service, String operation, JsonNode input) {
    Optional<ServiceModel> model = model(service);
    Optional<Shape> shape = model.flatMap(m -> m.input(operation));
    if (shape.isEmpty()) {
      return;
    }
    Walk walk = new Walk(model.get());
    walk.value(shape.get(), input == null || input.isNull() ? walk.emptyObject() : input, "");
    if (walk.typeError != null) {
      throw new AwsServiceException("SerializationException", 400, walk.typeError);
    }
    if (!walk.errors.isEmpty() && model.get().service().equals("ecr")) {
      throw ecrInvalidParameter(walk.errors.get(0));
    }
    if (!walk.errors.isEmpty()) {
      int count = walk.errors.size();
      throw AwsServiceException.validation(count + (count == 1 ? " validation error" : " validation errors")
          + " detected: " + String.join("; ", walk.errors));
    }
  }

  /**
   * ECR does not answer Coral's {@code ValidationException} (it is not among the modelled errors of
   * its operations, botocore ecr 2015-09-21) but its own {@code InvalidParameterException}, one
   * constraint at a time: "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must
   * satisfy regular expression '(?:[a-z0-9]+...''" and "... 'must have length greater than or equal
   * to 2'" (real answers quoted in localstack/localstack#8051, int128/create-ecr-repository-action#231,
   * aws/aws-dotnet-deploy#549). Enum and range violations take the same form; their real texts were
   * not found, so that is this plane's reading.
   */
  private static AwsServiceException ecrInvalidParameter(String coralViolation) {
    java.util.regex.Matcher parts = java.util.regex.Pattern
        .compile("^Value .* at '([^']*)' failed to satisfy constraint: Member (.*)$", java.util.regex.Pattern.DOTALL)
        .matcher(coralViolation);
    if (!parts.matches()) {
      return new AwsServiceException("InvalidParameterException", 400, coralViolation);
    }
    String constraint = parts.group(2);
    String pattern = "must satisfy regular expression pattern: ";
    if (constraint.startsWith(pattern)) {
      constraint = "must satisfy regular expression '" + constraint.substring(pattern.length()) + "'";
    }
    return new AwsServiceException("InvalidParameterException", 400,
        "Invalid parameter at '" + parts.group(1) + "' failed to satisfy constraint: '" + constraint + "'");
  }

  private static Optional<ServiceModel> load(String service) {
    try (InputStream in = ServiceModelValidator.class.getResourceAsStream(RESOURCES + service + ".json")) {
      return in == null ? Optional.empty() : Optional.of(ServiceModel.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + service + " model", e);
    }
  }

  /** One request's traversal: collects Coral's messages in model member order. */
  private static final class Walk {
    private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

    private final ServiceModel model;
    private final List<String> errors = new ArrayList<>();
    private String typeError;

    Walk(ServiceModel model) {
      this.model = model;
    }

    JsonNode emptyObject() {
      return JsonNodeFactory.instance.objectNode();
    }

    void value(Shape shape, JsonNode node, String path) {
      if (!hasType(shape, node, path)) {
        return;
      }
      switch (shape.type()) {
        case "structure" -> structure(shape, node, path);
        case "list" -> list(shape, node, path);
        case "map" -> map(shape, node, path);
        default -> {
          List<String> failed = scalarFailures(shape, node);
          for (String constraint : failed) {
            errors.add(violation(node, path, constraint));
          }
        }
      }
    }

    private void structure(Shape shape, JsonNode node, String path) {
      for (Map.Entry<String, String> member : shape.members().entrySet()) {
        String memberPath = path.isEmpty() ? lowerCamel(member.getKey()) : path + "." + lowerCamel(member.getKey());
        JsonNode value = node.get(member.getKey());
        // Coral reads an explicit JSON null as an absent member.
        if (value == null || value.isNull()) {
          if (shape.required().contains(member.getKey())) {
            errors.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
          }
          continue;
        }
        value(model.shape(member.getValue()), value, memberPath);
      }
    }

    private void list(Shape shape, JsonNode node, String path) {
      sizeFailures(shape, node.size()).forEach(constraint -> errors.add(violation(node, path, constraint)));
      Shape element = model.shape(shape.member());
      if (isScalar(element)) {
        // Coral reports a list of scalars once, naming all of the element's constraints.
        boolean anyFailed = false;
        for (JsonNode item : node) {
          if (item.isNull()) {
            anyFailed = true;
          } else if (hasType(element, item, path)) {
            anyFailed |= !scalarFailures(element, item).isEmpty();
          }
        }
        if (anyFailed) {
          errors.add(violation(node, path, "Member must satisfy constraint: " + allConstraints(element)));
        }
        return;
      }
      int index = 1;
      for (JsonNode item : node) {
        // Coral numbers list elements from 1 and names them "member", as in the Query protocol.
        String itemPath = path + "." + index++ + ".member";
        if (item.isNull()) {
          errors.add("Value null at '" + itemPath + "' failed to satisfy constraint: Member must not be null");
        } else {
          value(element, item, itemPath);
        }
      }
    }

    private void map(Shape shape, JsonNode node, String path) {
      sizeFailures(shape, node.size()).forEach(constraint -> errors.add(violation(node, path, constraint)));
      Shape key = model.shape(shape.key());
      Shape value = model.shape(shape.value());
      boolean keyFailed = false;
      boolean valueFailed = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        keyFailed |= !scalarFailures(key, TextNode.valueOf(entry.getKey())).isEmpty();
        JsonNode item = entry.getValue();
        if (item.isNull()) {
          valueFailed = true;
        } else if (isScalar(value)) {
          if (hasType(value, item, path + "." + entry.getKey())) {
            valueFailed |= !scalarFailures(value, item).isEmpty();
          }
        } else {
          value(value, item, path + "." + entry.getKey());
        }
      }
      if (keyFailed) {
        errors.add(violation(node, path, "Map keys must satisfy constraint: " + allConstraints(key)));
      }
      if (valueFailed) {
        errors.add(violation(node, path, "Map value must satisfy constraint: " + allConstraints(value)));
      }
    }

    /** The violated constraints of one scalar, in the order Coral was seen to list them. */
    private List<String> scalarFailures(Shape shape, JsonNode node) {
      List<String> failed = new ArrayList<>();
      switch (shape.type()) {
        case "string" -> {
          String text = node.asText();
          if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
            failed.add(enumConstraint(shape));
          }
          if (shape.pattern().isPresent() && !shape.pattern().get().matcher(text).matches()) {
            failed.add(patternConstraint(shape));
          }
          failed.addAll(sizeFailures(shape, text.length()));
        }
        case "blob" -> failed.addAll(sizeFailures(shape, blobLength(node)));
        case "integer", "long", "float", "double" -> {
          if (node.isTextual()) {
            // NaN or an infinity: outside every range, and the service's own rules decide (below).
            break;
          }
          BigDecimal number = node.decimalValue();
          if (shape.max() != null && number.compareTo(shape.max()) > 0) {
            failed.add("Member must have value less than or equal to " + shape.max().toPlainString());
          }
          if (shape.min() != null && number.compareTo(shape.min()) < 0) {
            failed.add("Member must have value greater than or equal to " + shape.min().toPlainString());
          }
        }
        default -> { }
      }
      return failed;
    }

    private static List<String> sizeFailures(Shape shape, int size) {
      List<String> failed = new ArrayList<>();
      if (shape.max() != null && shape.max().compareTo(BigDecimal.valueOf(size)) < 0) {
        failed.add("Member must have length less than or equal to " + shape.max().toPlainString());
      }
      if (shape.min() != null && shape.min().compareTo(BigDecimal.valueOf(size)) > 0) {
        failed.add("Member must have length greater than or equal to " + shape.min().toPlainString());
      }
      return failed;
    }

    /**
     * Every constraint of an element shape in brackets, as Coral writes them for list elements and map
     * keys and values: all of them, not only the violated ones (a null element shows no separate
     * constraint, as in the service's texts).
     */
    private String allConstraints(Shape shape) {
      List<String> all = new ArrayList<>();
      String unit = shape.type().equals("string") || shape.type().equals("blob") ? "length" : "value";
      if (shape.max() != null) {
        all.add("Member must have " + unit + " less than or equal to " + shape.max().toPlainString());
      }
      if (shape.min() != null) {
        all.add("Member must have " + unit + " greater than or equal to " + shape.min().toPlainString());
      }
      if (shape.pattern().isPresent()) {
        all.add(patternConstraint(shape));
      }
      if (!shape.enumValues().isEmpty()) {
        all.add(enumConstraint(shape));
      }
      return "[" + String.join(", ", all) + "]";
    }

    private static String enumConstraint(Shape shape) {
      return "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]";
    }

    /**
     * SageMaker's own patterns start with {@code ^} (its messages show
     * {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}), while botocore's copies lost the anchor; the anchor
     * changes nothing for a whole-value match, so it is put back only in SageMaker's texts.
     */
    private String patternConstraint(Shape shape) {
      String pattern = shape.patternText().orElseThrow();
      if (model.service().equals("sagemaker") && !pattern.startsWith("^")) {
        pattern = "^" + pattern;
      }
      return "Member must satisfy regular expression pattern: " + pattern;
    }

    /** Records the first wrong JSON type and answers whether {@code node} can be checked further. */
    private boolean hasType(Shape shape, JsonNode node, String path) {
      boolean fits = switch (shape.type()) {
        case "structure", "map" -> node.isObject();
        case "list" -> node.isArray();
        case "string" -> node.isTextual();
        case "boolean" -> node.isBoolean();
        // Coral truncates a fractional number given for an integer, so any JSON number is readable.
        case "integer", "long" -> node.isNumber();
        // Smithy's JSON encoding of non-finite doubles is a string ("NaN", "Infinity", "-Infinity"),
        // which botocore sends (serialize.py _handle_float); the service reads them and rules on them.
        case "float", "double" -> node.isNumber() || (node.isTextual() && NON_FINITE.contains(node.asText()));
        // AWS JSON timestamps are epoch seconds; ISO-8601 text is read too (and is what Query sends).
        case "timestamp" -> node.isNumber() || node.isTextual();
        case "blob" -> node.isTextual() && blobLength(node) >= 0;
        default -> true;
      };
      if (!fits && typeError == null) {
        typeError = "Expected " + article(shape.type()) + " at '" + (path.isEmpty() ? "input" : path)
            + "' but found " + article(kind(node)) + ".";
      }
      return fits;
    }

    private static int blobLength(JsonNode node) {
      try {
        return Base64.getDecoder().decode(node.asText()).length;
      } catch (IllegalArgumentException e) {
        return -1;
      }
    }

    private static boolean isScalar(Shape shape) {
      return !shape.type().equals("structure") && !shape.type().equals("list") && !shape.type().equals("map");
    }

    private static String kind(JsonNode node) {
      return node.getNodeType().name().toLowerCase(Locale.ROOT).replace("pojo", "object");
    }

    private static String article(String word) {
      return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String violation(JsonNode node, String path, String constraint) {
      return "Value '" + render(node) + "' at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    /** Coral prints values with Java's toString: text bare, lists {@code [a, b]}, maps {@code {k=v}}. */
    private static String render(JsonNode node) {
      if (node.isArray()) {
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(render(item)));
        return "[" + String.join(", ", items) + "]";
      }
      if (node.isObject()) {
        List<String> entries = new ArrayList<>();
        node.fields().forEachRemaining(e -> entries.add(e.getKey() + "=" + render(e.getValue())));
        return "{" + String.join(", ", entries) + "}";
      }
      return node.isNull() ? "null" : node.asText();
    }

    /** Coral names members in lowerCamel: {@code TrainingJobName} becomes {@code trainingJobName}. */
    private static String lowerCamel(String member) {
      return member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
  }
}
