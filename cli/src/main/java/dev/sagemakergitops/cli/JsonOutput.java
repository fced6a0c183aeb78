package dev.sagemakergitops.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sagemakergitops.core.redaction.Redaction;

/**
 * The JSON the commands print: pretty-printed, instants as ISO-8601 text, records written by their
 * components only (a result's helper methods are not part of it), and no URL with credentials in
 * any text value (an AWS message may quote one).
 */
final class JsonOutput {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private JsonOutput() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code node} with every text value passed through {@link Redaction#withoutUrlCredentials}. */
  private static JsonNode withoutUrlCredentials(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(Redaction.withoutUrlCredentials(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      java.util.List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, withoutUrlCredentials(object.get(name))));
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, withoutUrlCredentials(array.get(i)));
      }
    }
    return node;
  }

  /** {@code value} (a record, a map, a list ...) as a JSON tree. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** {@code value} as indented JSON text ending in a newline. */
  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(withoutUrlCredentials(MAPPER.valueToTree(value))) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
