package dev.sagemakergitops.core.operation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes operation states as JSON and reads them back. The envelope names the operation and a
 * schema version, so a state saved by one version of the tool is refused clearly by another that
 * cannot read it, rather than misread. Jackson binds the records by their components (and nothing
 * else: a record's helper methods are not state): states are records of strings, numbers, instants,
 * enums, lists, maps and nested records.
 */
public final class StateCodec {
  /** Bumped when a state record changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  // Only a record's components are its state: helper methods such as isFinished() or getLabel() would
  // otherwise be written as fields, and then refused as unknown when the state is read back.
  private final ObjectMapper mapper = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** {@code {"operation": ..., "schemaVersion": 1, "state": {...}}}. */
  public String write(String operation, OperationState state) {
    ObjectNode envelope = mapper.createObjectNode();
    envelope.put("operation", operation);
    envelope.put("schemaVersion", SCHEMA_VERSION);
    envelope.set("state", mapper.valueToTree(state));
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the state of " + operation + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @throws IllegalArgumentException when the text is not a state of {@code operation} in this schema
   */
  public <S extends OperationState> S read(String operation, Class<S> type, String json) {
    try {
      JsonNode envelope = mapper.readTree(json);
      String savedOperation = envelope.path("operation").asText(null);
      if (!operation.equals(savedOperation)) {
        throw new IllegalArgumentException("the saved state is of operation '" + savedOperation + "', not '"
            + operation + "'; delete it or use the operation that wrote it");
      }
      int version = envelope.path("schemaVersion").asInt(-1);
      if (version != SCHEMA_VERSION) {
        throw new IllegalArgumentException("the saved state of " + operation + " has schema version " + version
            + " but this version of sagemaker-gitops reads " + SCHEMA_VERSION
            + "; finish the run with the version that started it, or delete the state to start again");
      }
      return mapper.treeToValue(envelope.path("state"), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the saved state of " + operation + " is not readable: "
          + e.getOriginalMessage(), e);
    }
  }
}
