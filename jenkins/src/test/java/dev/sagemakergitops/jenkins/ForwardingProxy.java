package dev.sagemakergitops.jenkins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP forward proxy on loopback, as a company proxy is to the controller: it takes
 * requests in absolute form ({@code POST http://host:port/ HTTP/1.1}), sends them on and answers
 * with what it got back, counting them. Written here because the JDK has no proxy to run, and the
 * test needs only this much of one.
 */
final class ForwardingProxy implements AutoCloseable {
  // Headers the JDK's HttpURLConnection sets itself, or refuses to be given.
  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "proxy-connection",
      "keep-alive", "transfer-encoding", "expect", "upgrade", "proxy-authorization");

  private final HttpServer server;
  private final AtomicInteger forwarded = new AtomicInteger();

  ForwardingProxy() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.start();
  }

  /** The proxy's address, as Jenkins' proxy settings give it. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests went through. */
  int forwarded() {
    return forwarded.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI target = exchange.getRequestURI();
      if (target.getHost() == null) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
      connection.setRequestMethod(exchange.getRequestMethod());
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          for (String value : header.getValue()) {
            connection.addRequestProperty(header.getKey(), value);
          }
        }
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (body.length > 0) {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] reply = answer == null ? new byte[0] : answer.readAllBytes();
      connection.getHeaderFields().forEach((name, values) -> {
        if (name != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      forwarded.incrementAndGet();
      exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
      if (reply.length > 0) {
        exchange.getResponseBody().write(reply);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
