package dev.sagemakergitops.testkit.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on a free loopback port, turning each exchange into a {@link Call} for a
 * stand-in and writing back its {@link Answer}. What the stand-ins share; what they serve is theirs.
 */
final class LoopbackHttpServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived: header names lower-cased, query parameters decoded. */
  record Call(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
      String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String queryValue(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    JsonNode json() {
      try {
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** A response: status, JSON body (or none), extra headers. */
  record Answer(int status, Object body, Map<String, String> headers) {
    static Answer json(int status, Object body) {
      return new Answer(status, body, Map.of());
    }

    Answer withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Answer(status, body, all);
    }
  }

  /** What a stand-in does with a call. */
  interface Handler {
    Answer handle(Call call);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "loopback-http-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());

  LoopbackHttpServer(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> serve(exchange, handler));
    // One thread: calls are handled one at a time, in arrival order, as the stand-ins' state assumes.
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request line served so far ({@code GET /path?query}), in order. */
  List<String> requestLines() {
    synchronized (requestLines) {
      return List.copyOf(requestLines);
    }
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      requestLines.add(exchange.getRequestMethod() + " " + uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Call call = new Call(exchange.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), headers, body);
      Answer answer;
      try {
        answer = handler.handle(call);
      } catch (RuntimeException e) {
        answer = Answer.json(500, Map.of("message", "stand-in failure: " + e));
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
      if (answer.body() != null) {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
