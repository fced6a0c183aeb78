package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the editor schema ({@code docs/manifest.schema.json}) and the loader in step: what the loader
 * accepts the schema accepts, the shape errors the loader rejects the schema rejects, and both know
 * the same keys in the same places. The loader stays the authority; the schema is what editors show.
 */
class ManifestSchemaTest {
  private static final Path SCHEMA = Path.of("../docs/manifest.schema.json");
  private static final Path DOCS = Path.of("../docs");
  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where each of the binder's key lists lives in the schema. Segments are property names, {@code []}
   * for a list's items and {@code *} for the values of a mapping whose keys the user chooses.
   */
  private static final Map<String, String> KEY_LIST_PLACES = Map.ofEntries(
      Map.entry("TOP_KEYS", ""),
      Map.entry("METADATA_KEYS", "metadata"),
      Map.entry("SPEC_KEYS", "spec"),
      Map.entry("TRAINING_KEYS", "spec.training"),
      Map.entry("INPUT_KEYS", "spec.training.inputs.*"),
      Map.entry("NETWORK_KEYS", "spec.training.network"),
      Map.entry("REGISTRY_KEYS", "spec.registry"),
      Map.entry("MODEL_KEYS", "spec.model"),
      Map.entry("CONTAINER_KEYS", "spec.model.containers.[]"),
      Map.entry("MODEL_NETWORK_KEYS", "spec.model.network"),
      Map.entry("ENDPOINT_KEYS", "spec.endpoint"),
      Map.entry("VARIANT_KEYS", "spec.endpoint.variants.[]"),
      Map.entry("SERVERLESS_KEYS", "spec.endpoint.variants.[].serverless"),
      Map.entry("VARIANT_MODEL_KEYS", "spec.endpoint.variants.[].model"),
      Map.entry("AUTOSCALING_KEYS", "spec.endpoint.autoscaling"),
      Map.entry("DATA_CAPTURE_KEYS", "spec.endpoint.dataCapture"),
      Map.entry("DEPLOYMENT_KEYS", "spec.endpoint.deployment"),
      Map.entry("SMOKE_TEST_KEYS", "spec.endpoint.smokeTest"),
      Map.entry("SMOKE_REQUEST_KEYS", "spec.endpoint.smokeTest.requests.[]"),
      Map.entry("SMOKE_EXPECT_KEYS", "spec.endpoint.smokeTest.requests.[].expect"),
      Map.entry("SMOKE_VALUES_KEYS", "spec.endpoint.smokeTest.requests.[].expect.values"),
      Map.entry("SHADOW_KEYS", "spec.shadowTest"),
      Map.entry("COMPARE_KEYS", "spec.shadowTest.compare"),
      Map.entry("TRANSFORM_KEYS", "spec.batchTransforms.*"),
      Map.entry("TRANSFORM_INPUT_KEYS", "spec.batchTransforms.*.input"),
      Map.entry("TRANSFORM_OUTPUT_KEYS", "spec.batchTransforms.*.output"));

  private static JsonNode schemaJson() throws IOException {
    return JSON.readTree(Files.readString(SCHEMA));
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
  }

  /** YAML as an editor's language server sees it: safe-loaded (YAML 1.1 booleans and all), then as JSON. */
  private static JsonNode yamlAsJson(String text) {
    Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    return JSON.valueToTree(value);
  }

  /** Every manifest a user is shown: examples/**.yaml and the docs' yaml blocks that start with apiVersion. */
  static Stream<Arguments> documentedManifests() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Path example : ManifestLoaderTest.examples().toList()) {
      out.add(Arguments.of(example.toString(), Files.readString(example, StandardCharsets.UTF_8)));
    }
    try (Stream<Path> docs = Files.list(DOCS)) {
      for (Path doc : docs.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        Matcher block = YAML_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
        int index = 0;
        while (block.find()) {
          index++;
          if (block.group(1).startsWith("apiVersion:")) {
            out.add(Arguments.of(doc + " yaml block " + index, block.group(1)));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedManifests")
  void documentedManifest_whenLoadedAndValidated_isAcceptedByLoaderAndSchema(String name, String text)
      throws IOException {
    ManifestParseResult result = new ManifestLoader().load(ManifestSource.file(name), text);
    Set<ValidationMessage> schemaErrors = schema().validate(yamlAsJson(text));

    assertThat(result.problems()).as("loader problems").isEmpty();
    assertThat(schemaErrors).as("schema errors").isEmpty();
  }

  @Test
  void documentedManifests_whenListed_includeTheExamplesAndTheReferenceExample() throws IOException {
    List<String> names = documentedManifests().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(names).anyMatch(name -> name.contains("examples"));
    assertThat(names).anyMatch(name -> name.contains("manifest.md"));
  }

  static Stream<ManifestCorpusTest.CorpusCase> shapeErrors() throws IOException {
    return ManifestCorpusTest.cases().filter(ManifestCorpusTest.CorpusCase::schemaRejects);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapeErrors")
  void corpusShapeError_whenValidated_isRejectedBySchemaAtTheSameField(ManifestCorpusTest.CorpusCase corpusCase)
      throws IOException {
    JsonNode manifest = yamlAsJson(new String(corpusCase.bytes(), StandardCharsets.UTF_8));

    Set<ValidationMessage> errors = schema().validate(manifest);

    // The schema reports an unknown or missing key at the enclosing object, so a parent path counts too.
    List<String> expectedFields = corpusCase.expectations().stream().map(ManifestCorpusTest.Expectation::field).toList();
    assertThat(errors).as("schema errors").isNotEmpty();
    assertThat(errors).as("a schema error at one of %s or a parent", expectedFields).anySatisfy(error -> {
      String at = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
      assertThat(expectedFields).anyMatch(field -> field.equals(at) || at.isEmpty()
          || field.startsWith(at + ".") || field.startsWith(at + "["));
    });
  }

  @Test
  void schema_whenCheckedAgainstDraft202012_isValid() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // The meta-schema ships inside the validator, so this needs no network.
    JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(metaSchema.validate(schemaJson())).isEmpty();
  }

  @Test
  void binderKeyLists_whenCompared_matchTheSchemaPropertiesAtTheSamePlace() throws Exception {
    JsonNode schema = schemaJson();
    Map<String, List<String>> lists = binderKeyLists();

    assertThat(lists.keySet()).as("binder key lists that this test does not place in the schema")
        .isEqualTo(KEY_LIST_PLACES.keySet());
    for (var entry : lists.entrySet()) {
      String place = KEY_LIST_PLACES.get(entry.getKey());
      JsonNode object = objectAt(schema, schema, place);
      assertThat(propertyNames(object)).as("schema properties at '%s' against ManifestKeys.%s", place, entry.getKey())
          .containsExactlyInAnyOrderElementsOf(entry.getValue());
    }
  }

  @Test
  void schemaObjects_whenListed_areEachCoveredByABinderKeyList() throws Exception {
    JsonNode schema = schemaJson();
    Set<JsonNode> covered = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (String place : KEY_LIST_PLACES.values()) {
      covered.add(objectAt(schema, schema, place));
    }
    List<JsonNode> objects = new ArrayList<>();
    collectObjects(schema, schema, objects, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));

    assertThat(objects).as("schema objects with properties").isNotEmpty();
    for (JsonNode object : objects) {
      assertThat(covered).as("an object whose keys the loader does not know: %s", propertyNames(object))
          .anyMatch(c -> c == object);
      assertThat(object.path("additionalProperties").isBoolean() && !object.path("additionalProperties").asBoolean())
          .as("additionalProperties: false on the object with %s", propertyNames(object)).isTrue();
    }
  }

  @Test
  void schemaProperties_whenShownInAnEditor_eachHaveADescription() throws IOException {
    List<String> missing = new ArrayList<>();
    collectUndescribed(schemaJson(), "", missing);

    assertThat(missing).as("properties without a description").isEmpty();
  }

  /** The {@code *_KEYS} lists of {@link ManifestKeys}, read by reflection so that a new list cannot be forgotten here. */
  private static Map<String, List<String>> binderKeyLists() throws IllegalAccessException {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Field field : ManifestKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_KEYS")) {
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) field.get(null);
        lists.put(field.getName(), keys);
      }
    }
    return lists;
  }

  /** The object schema at {@code place}, following {@code $ref}s and, in an {@code anyOf}, the object branch. */
  private static JsonNode objectAt(JsonNode root, JsonNode node, String place) {
    JsonNode current = resolve(root, node);
    if (!place.isEmpty()) {
      for (String segment : place.split("\\.")) {
        current = switch (segment) {
          case "[]" -> resolve(root, current.path("items"));
          case "*" -> resolve(root, current.path("additionalProperties"));
          default -> resolve(root, current.path("properties").path(segment));
        };
      }
    }
    assertThat(current.has("properties")).as("an object schema with properties at '%s'", place).isTrue();
    return current;
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode current = node;
    if (current.has("$ref")) {
      current = root.at(current.get("$ref").asText().substring(1));
    }
    if (!current.has("properties") && current.has("anyOf")) {
      for (JsonNode branch : current.get("anyOf")) {
        JsonNode resolved = resolve(root, branch);
        if (resolved.has("properties")) {
          return resolved;
        }
      }
    }
    return current;
  }

  /**
   * Object schemas that describe manifest content: reached through properties, items,
   * additionalProperties, {@code $ref} and {@code anyOf}; {@code if}/{@code then}/{@code not} only
   * restate keys and are not walked.
   */
  private static void collectObjects(JsonNode root, JsonNode node, List<JsonNode> out, Set<JsonNode> seen) {
    JsonNode current = node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
    if (!current.isObject() || !seen.add(current)) {
      return;
    }
    if (current.has("properties")) {
      out.add(current);
      current.get("properties").forEach(child -> collectObjects(root, child, out, seen));
    }
    if (current.path("items").isObject()) {
      collectObjects(root, current.get("items"), out, seen);
    }
    if (current.path("additionalProperties").isObject()) {
      collectObjects(root, current.get("additionalProperties"), out, seen);
    }
    current.path("anyOf").forEach(branch -> collectObjects(root, branch, out, seen));
  }

  private static void collectUndescribed(JsonNode node, String path, List<String> missing) {
    if (node.path("properties").isObject()) {
      node.get("properties").properties().forEach(property -> {
        String childPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
        if (!property.getValue().path("description").isTextual()
            || property.getValue().get("description").asText().isBlank()) {
          missing.add(childPath);
        }
        collectUndescribed(property.getValue(), childPath, missing);
      });
    }
    for (String keyword : List.of("items", "additionalProperties")) {
      if (node.path(keyword).isObject()) {
        collectUndescribed(node.get(keyword), path + (keyword.equals("items") ? "[]" : ".*"), missing);
      }
    }
    node.path("anyOf").forEach(branch -> collectUndescribed(branch, path, missing));
    node.path("$defs").properties().forEach(def -> collectUndescribed(def.getValue(), "$defs." + def.getKey(),
        missing));
  }

  private static Set<String> propertyNames(JsonNode object) {
    Set<String> names = new LinkedHashSet<>();
    object.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
