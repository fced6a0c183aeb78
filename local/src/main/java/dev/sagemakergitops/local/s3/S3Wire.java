package dev.sagemakergitops.local.s3;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * S3's REST-XML wire form as every operation writes and reads it: error documents, path-style
 * {bucket, key} paths, query parameters and XML text.
 */
final class S3Wire {
  private S3Wire() {}

  static HttpAnswer error(int status, String code, String message, String extra, RequestContext context) {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + xml(message)
        + "</Message>" + (extra == null ? "" : extra) + "<RequestId>" + context.requestId() + "</RequestId></Error>";
    return HttpAnswer.text(status, "application/xml", body);
  }

  /** {bucket, key} from a path-style path; either may be {@code null}. */
  static String[] split(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (path.isEmpty()) {
      return new String[] {null, null};
    }
    int slash = path.indexOf('/');
    if (slash < 0 || slash == path.length() - 1) {
      return new String[] {decode(slash < 0 ? path : path.substring(0, slash)), null};
    }
    return new String[] {decode(path.substring(0, slash)), decode(path.substring(slash + 1))};
  }

  static String decode(String raw) {
    // Path segments are percent-encoded; a '+' in a path is a plus, not a space.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String urlEncode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
