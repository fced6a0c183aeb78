package dev.sagemakergitops.local;

import com.sun.net.httpserver.HttpExchange;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control plane's HTTP edge: a JDK {@code HttpExchange} read into an {@link HttpCall} (its
 * service and region taken from the SigV4 credential scope, as AWS routes a request), and an
 * {@link HttpAnswer} written back with its request id.
 */
final class HttpExchanges {
  private HttpExchanges() {}

  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

  private static final Pattern PRESIGNED_SCOPE =
      Pattern.compile("X-Amz-Credential=[^&%]+(?:%2F|/)\\d{8}(?:%2F|/)([a-z0-9-]+)(?:%2F|/)([a-z0-9-]+)(?:%2F|/)aws4_request");


  static HttpCall read(HttpExchange exchange, String defaultRegion) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    String service = "";
    String region = defaultRegion;
    List<String> authorization = headers.get("authorization");
    if (authorization != null && !authorization.isEmpty()) {
      Matcher match = CREDENTIAL_SCOPE.matcher(authorization.get(0));
      if (match.find()) {
        region = match.group(1);
        service = match.group(2);
      }
    }
    URI uri = exchange.getRequestURI();
    if (service.isEmpty() && uri.getRawQuery() != null) {
      // A presigned URL carries its credential scope in the query (SigV4 query-string signing).
      Matcher match = PRESIGNED_SCOPE.matcher(uri.getRawQuery());
      if (match.find()) {
        region = match.group(1);
        service = match.group(2);
      }
    }
    return new HttpCall(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        headers, body, service, region);
  }

  static void write(HttpExchange exchange, HttpAnswer answer, String requestId) throws IOException {
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    boolean noBody = answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }
}
