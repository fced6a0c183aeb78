package dev.sagemakergitops.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes plain maps and lists as pretty-printed JSON with Jackson's streaming generator. The plan
 * is already a tree of maps, so the streaming API is all it needs; databind's object mapper would
 * load some 470 more classes and cost about 0.2 s of a cold command-line run (measured in
 * {@code docs/benchmarks.md}).
 *
 * <p>Values are {@link Map} (with {@link String} keys), {@link List}, {@link String}, {@link Number},
 * {@link Boolean} or {@code null}.
 */
final class JsonText {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonText() {}

  static String write(Object value) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.useDefaultPrettyPrinter();
      value(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void value(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName((String) entry.getKey());
        value(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        value(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else if (value instanceof Number number) {
      generator.writeNumber(number.doubleValue());
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }
}
