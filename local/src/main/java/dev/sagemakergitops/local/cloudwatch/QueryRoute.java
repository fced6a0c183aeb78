package dev.sagemakergitops.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * CloudWatch in the AWS Query protocol, as the Java SDK 2.40.2 sends it: {@code POST /} with a
 * form-encoded {@code Action=<Op>&Version=2010-08-01&...}, signed for {@code monitoring}; answers are
 * XML in CloudWatch's namespace, errors the Query {@code <ErrorResponse>}.
 */
final class QueryRoute implements HttpRoute {
  private final CloudWatchService service;

  QueryRoute(CloudWatchService service) {
    this.service = service;
  }

  @Override
  public boolean accepts(HttpCall call) {
    if (!call.path().equals("/") || call.header("x-amz-target") != null) {
      return false;
    }
    String type = call.header("content-type");
    boolean form = type != null && type.startsWith("application/x-www-form-urlencoded");
    return form && (call.signingService().equals("monitoring") || call.bodyText().contains("Version=2010-08-01"));
  }

  @Override
  public String operationOf(HttpCall call) {
    return form(call).path("Action").asText("");
  }

  @Override
  public HttpAnswer answer(HttpCall call, RequestContext context) {
    ObjectNode input = form(call);
    String action = input.path("Action").asText("");
    try {
      if (action.isEmpty()) {
        throw CloudWatchException.missingParameter("Action");
      }
      input.remove("Action");
      input.remove("Version");
      ObjectNode output = service.invoke(action, input, context.region(), context.now());
      StringBuilder xml = new StringBuilder("<").append(action).append("Response xmlns=\"")
          .append(CloudWatchService.NAMESPACE_XML).append("\">");
      if (output != null) {
        xml.append('<').append(action).append("Result>");
        members(xml, output);
        xml.append("</").append(action).append("Result>");
      }
      xml.append("<ResponseMetadata><RequestId>").append(context.requestId())
          .append("</RequestId></ResponseMetadata></").append(action).append("Response>");
      return HttpAnswer.text(200, "text/xml", xml.toString());
    } catch (AwsServiceException e) {
      return error(e, context.requestId());
    }
  }

  @Override
  public HttpAnswer error(AwsServiceException e, RequestContext context) {
    // CloudWatch's Query code for throttling is "Throttling".
    AwsServiceException shaped = e.code().equals("ThrottlingException")
        ? new AwsServiceException("Throttling", e.status(), e.getMessage()) : e;
    return error(shaped, context.requestId());
  }

  static HttpAnswer error(AwsServiceException e, String requestId) {
    String xml = "<ErrorResponse xmlns=\"" + CloudWatchService.NAMESPACE_XML + "\"><Error><Type>"
        + (e.status() >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + escape(e.code()) + "</Code><Message>"
        + escape(e.getMessage()) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    return HttpAnswer.text(e.status(), "text/xml", xml);
  }

  /**
   * The form as a tree shaped like the JSON protocols' input: {@code A.member.2.B=x} becomes
   * {@code {"A": [.., {"B": "x"}]}}. Values stay text; the service reads numbers leniently.
   */
  static ObjectNode form(HttpCall call) {
    ObjectNode root = Json.object();
    String body = call.bodyText();
    String all = call.query().isEmpty() ? body : body.isEmpty() ? call.query() : call.query() + "&" + body;
    for (String pair : all.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      insert(root, key.split("\\."), 0, value);
    }
    return root;
  }

  private static void insert(ObjectNode node, String[] parts, int i, String value) {
    String name = parts[i];
    if (i == parts.length - 1) {
      // "AlarmNames=" is how Query spells an empty list; keep a list already started.
      if (!(value.isEmpty() && node.has(name))) {
        node.put(name, value);
      }
      return;
    }
    if (parts[i + 1].equals("member") && i + 2 < parts.length) {
      JsonNode existing = node.get(name);
      ArrayNode list = existing instanceof ArrayNode array ? array : node.putArray(name);
      int index = Integer.parseInt(parts[i + 2]) - 1;
      while (list.size() <= index) {
        list.add(NullNode.getInstance());
      }
      if (i + 2 == parts.length - 1) {
        list.set(index, value);
      } else {
        JsonNode element = list.get(index);
        ObjectNode object = element instanceof ObjectNode o ? o : Json.object();
        list.set(index, object);
        insert(object, parts, i + 3, value);
      }
      return;
    }
    JsonNode existing = node.get(name);
    ObjectNode child = existing instanceof ObjectNode o ? o : node.putObject(name);
    insert(child, parts, i + 1, value);
  }

  private static void members(StringBuilder xml, ObjectNode object) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      xml.append('<').append(field.getKey()).append('>');
      value(xml, field.getValue());
      xml.append("</").append(field.getKey()).append('>');
    }
  }

  private static void value(StringBuilder xml, JsonNode value) {
    if (value instanceof ObjectNode object) {
      members(xml, object);
    } else if (value instanceof ArrayNode array) {
      for (JsonNode element : array) {
        xml.append("<member>");
        value(xml, element);
        xml.append("</member>");
      }
    } else if (value instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
      xml.append(instant);
    } else {
      xml.append(escape(value.asText()));
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
