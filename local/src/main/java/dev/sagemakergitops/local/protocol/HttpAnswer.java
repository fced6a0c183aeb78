package dev.sagemakergitops.local.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer.
 *
 * @param status the HTTP status
 * @param headers headers to send (Content-Type among them)
 * @param body the body, possibly empty
 */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

  public HttpAnswer {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static HttpAnswer of(int status, String contentType, byte[] body) {
    return new HttpAnswer(status, Map.of("Content-Type", contentType), body);
  }

  public static HttpAnswer text(int status, String contentType, String body) {
    return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public HttpAnswer withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HttpAnswer(status, copy, body);
  }
}
