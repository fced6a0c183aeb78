package dev.sagemakergitops.testkit;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Git's own smart HTTP server, {@code git http-backend}, run as a CGI program behind a loopback
 * {@link HttpServer} that demands HTTP Basic authentication with one user name and password, as
 * GitHub and GitLab do for token pushes. Only the CGI glue is written here; every Git answer is
 * git's. Requests without the right credentials get {@code 401} with a {@code WWW-Authenticate}
 * challenge, the way a real host asks a client for its credentials.
 *
 * <p>The user names of authenticated requests are kept ({@link #authenticatedUsers()}) so a test
 * can say which scheme the client used; passwords are never kept.
 *
 * <p>{@link #afterPush} tells a test each time git has received a push (its refs updated, before the
 * client hears back), the way a hosting service learns of a push: for example to tell a stand-in
 * of the host's API which branches the repository now has.
 */
public final class GitHttpBackend implements AutoCloseable {
  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> authenticatedUsers = new CopyOnWriteArrayList<>();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<Consumer<Path>> pushListeners = new CopyOnWriteArrayList<>();

  private GitHttpBackend(Path root, HttpServer server, ExecutorService executor) {
    this.root = root;
    this.server = server;
    this.executor = executor;
  }

  /** Serves every repository under {@code root}, to requests authenticated as {@code user}/{@code password}. */
  public static GitHttpBackend serving(Path root, String user, String password) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      GitHttpBackend backend = new GitHttpBackend(root, server, executor);
      server.createContext("/", backend::handle).setAuthenticator(new BasicAuthenticator("git") {
        @Override
        public boolean checkCredentials(String givenUser, String givenPassword) {
          boolean ok = user.equals(givenUser) && password.equals(givenPassword);
          if (ok) {
            backend.authenticatedUsers.add(givenUser);
          }
          return ok;
        }
      });
      server.setExecutor(executor);
      server.start();
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the git http-backend server", e);
    }
  }

  /** Creates an empty bare repository {@code name} under the served folder. */
  public Path bareRepository(String name) {
    return GitDaemon.createBare(root, name);
  }

  /** The {@code http://} URL of repository {@code name}, without credentials. */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** The user names of the requests that authenticated, in order. */
  public List<String> authenticatedUsers() {
    return List.copyOf(authenticatedUsers);
  }

  /**
   * Calls {@code listener} with the bare repository's path after each push to it has been received
   * by git, before the response goes back to the client, so the listener runs before the push
   * returns.
   */
  public GitHttpBackend afterPush(Consumer<Path> listener) {
    pushListeners.add(listener);
    return this;
  }

  /** Every request's method, path and query as received (a token in a URL would show here). */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = builder.environment();
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_PROJECT_ROOT", root.toAbsolutePath().toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      String query = exchange.getRequestURI().getRawQuery();
      env.put("QUERY_STRING", query == null ? "" : query);
      // http-backend allows receive-pack only to an authenticated user.
      env.put("REMOTE_USER", exchange.getPrincipal().getUsername());
      env.put("REMOTE_ADDR", "127.0.0.1");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process process = builder.start();
      Thread feeder = new Thread(() -> {
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(body);
        } catch (IOException ignored) {
          // http-backend stopped reading: its answer says why.
        }
      });
      feeder.start();
      byte[] output;
      try (InputStream stdout = process.getInputStream()) {
        output = stdout.readAllBytes();
      }
      feeder.join();
      process.waitFor();
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("POST") && path.endsWith("/git-receive-pack")) {
        Path repository = root.resolve(path.substring(1, path.length() - "/git-receive-pack".length()));
        pushListeners.forEach(listener -> listener.accept(repository));
      }
      respond(exchange, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Splits the CGI answer into its header lines and body, and sends them. */
  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int separator = 4;
    if (split < 0) {
      split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
      separator = 2;
    }
    if (split < 0) {
      exchange.sendResponseHeaders(502, -1);
      return;
    }
    int status = 200;
    for (String line : new String(output, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(output, split + separator, output.length - split - separator);
    exchange.sendResponseHeaders(status, content.size() == 0 ? -1 : content.size());
    if (content.size() > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        content.writeTo(out);
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
