package dev.sagemakergitops.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** JSON helpers in the conventions of the AWS JSON protocols (timestamps as epoch seconds). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** An AWS JSON timestamp: epoch seconds with millisecond precision. */
  public static BigDecimal timestamp(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }

  /** A required text member; its absence is already refused by request validation. */
  public static String text(JsonNode input, String member) {
    JsonNode value = input.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }
}
