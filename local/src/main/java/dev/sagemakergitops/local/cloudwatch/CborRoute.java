package dev.sagemakergitops.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * CloudWatch in Smithy RPC v2 CBOR, as the AWS CLI (botocore 1.43) and SDKs from 2.40.6 on send it:
 * {@code POST /service/GraniteServiceVersion20100801/operation/<Op>} with a CBOR body. Answers carry
 * {@code Smithy-Protocol: rpc-v2-cbor}; timestamps are CBOR tag 1 with epoch seconds; errors carry
 * {@code __type} and, since CloudWatch is query-compatible, {@code x-amzn-query-error: <Code>;Sender}.
 */
final class CborRoute implements HttpRoute {
  static final String PREFIX = "/service/GraniteServiceVersion20100801/operation/";
  private static final CBORMapper MAPPER = new CBORMapper();
  private static final CBORFactory FACTORY = MAPPER.getFactory();

  private final CloudWatchService service;

  CborRoute(CloudWatchService service) {
    this.service = service;
  }

  @Override
  public boolean accepts(HttpCall call) {
    return call.method().equals("POST") && call.path().startsWith(PREFIX);
  }

  @Override
  public String operationOf(HttpCall call) {
    return call.path().substring(PREFIX.length());
  }

  @Override
  public HttpAnswer answer(HttpCall call, RequestContext context) {
    String operation = operationOf(call);
    try {
      if (call.header("x-amz-target") != null) {
        // The protocol forbids X-Amz-Target; refusing it keeps clients honest about what they speak.
        throw CloudWatchException.invalidParameterValue("X-Amz-Target must not be sent with rpc-v2-cbor");
      }
      JsonNode input = call.body().length == 0 ? Json.object() : MAPPER.readTree(call.body());
      if (!(input instanceof ObjectNode)) {
        input = Json.object();
      }
      ObjectNode output = service.invoke(operation, input, context.region(), context.now());
      return answer(200, output == null ? Json.object() : output);
    } catch (CloudWatchException e) {
      return error(e, e.shape());
    } catch (AwsServiceException e) {
      return error(e, e.code());
    } catch (IOException e) {
      return error(new AwsServiceException("SerializationException", 400, "the request body is not CBOR"),
          "SerializationException");
    }
  }

  @Override
  public HttpAnswer error(AwsServiceException e, RequestContext context) {
    return error(e, e.code());
  }

  private static HttpAnswer error(AwsServiceException e, String shape) {
    ObjectNode body = Json.object();
    body.put("__type", "com.amazonaws.cloudwatch#" + shape);
    body.put("message", e.getMessage());
    return answer(e.status(), body)
        .withHeader("x-amzn-query-error", e.code() + ";" + (e.status() >= 500 ? "Receiver" : "Sender"));
  }

  private static HttpAnswer answer(int status, ObjectNode body) {
    return HttpAnswer.of(status, "application/cbor", encode(body)).withHeader("Smithy-Protocol", "rpc-v2-cbor");
  }

  static byte[] encode(JsonNode tree) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator generator = FACTORY.createGenerator(bytes)) {
      write(generator, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void write(CBORGenerator out, JsonNode value) throws IOException {
    if (value instanceof ObjectNode object) {
      // Definite lengths: the simplest CBOR for any decoder.
      out.writeStartObject(object, object.size());
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        out.writeFieldName(field.getKey());
        write(out, field.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof ArrayNode array) {
      out.writeStartArray(array, array.size());
      for (JsonNode element : array) {
        write(out, element);
      }
      out.writeEndArray();
    } else if (value instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
      out.writeTag(1);
      out.writeNumber(instant.toEpochMilli() / 1000.0);
    } else if (value.isTextual()) {
      out.writeString(value.asText());
    } else if (value.isBoolean()) {
      out.writeBoolean(value.asBoolean());
    } else if (value.isIntegralNumber()) {
      out.writeNumber(value.asLong());
    } else if (value.isNumber()) {
      out.writeNumber(value.asDouble());
    } else {
      out.writeNull();
    }
  }
}
