package dev.sagemakergitops.core.operation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;

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
  //
  // One mapper for every codec of the JVM, not one per codec: a codec is made per run (each
  // OperationDriver, each state store), and a new mapper finds every record's serializer and
  // deserializer again by reflection: more than half of what writing a state cost in the reliability
  // tests, which make a store per simulated crash (docs/benchmarks.md, "Build and test time"). The
  // mapper is configured once here and never changed after, so sharing it is safe: a configured
  // Jackson mapper is thread-safe, and all it keeps between calls is that cache.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  // One pretty writer for every state: a writer is immutable and thread-safe, and its serializers,
  // found once per record type, are cached in the mapper.
  private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();

  /**
   * {@code {"operation": ..., "schemaVersion": 1, "state": {...}}}. The state is written straight
   * into the envelope (the same text as binding it to a tree first, without building the tree): a
   * parallel sync writes a state after every poll that changed it, of hundreds of runs.
   */
  public String write(String operation, OperationState state) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = WRITER.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("operation", operation);
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeFieldName("state");
      // Through the mapper, which keeps the generator's printer (and its indentation) as it is.
      json.writeObject(state);
      json.writeEndObject();
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
      throw new IllegalStateException("cannot write the state of " + operation + ": " + reason, e);
    }
    return text.toString();
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @throws IllegalArgumentException when the text is not a state of {@code operation} in this schema
   */
  public <S extends OperationState> S read(String operation, Class<S> type, String json) {
    try {
      JsonNode envelope = MAPPER.readTree(json);
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
      return MAPPER.treeToValue(envelope.path("state"), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the saved state of " + operation + " is not readable: "
          + e.getOriginalMessage(), e);
    }
  }
}
