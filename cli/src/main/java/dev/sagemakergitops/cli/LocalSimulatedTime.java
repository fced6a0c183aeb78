package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.operation.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time of a local control plane whose clock is virtual ({@code sagemaker-gitops local} started
 * in a test, or any {@code LocalControlPlane} with a virtual clock): the command reads the time from
 * it ({@code GET /_local/clock}) and waits by moving it on ({@code POST /_local/clock}), so a command
 * run as a separate process (what {@code buildspec.yml} does) gets through hour-long bakes in
 * moments, exactly as in-process tests do. Chosen with
 * {@code SAGEMAKER_GITOPS_SIMULATED_TIME=local} next to {@code AWS_ENDPOINT_URL}; never used against
 * AWS.
 */
final class LocalSimulatedTime extends Clock implements Sleeper {
  static final String VARIABLE = "SAGEMAKER_GITOPS_SIMULATED_TIME";

  private final URI clockUri;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  LocalSimulatedTime(URI endpoint) {
    this.clockUri = endpoint.resolve("/_local/clock");
  }

  @Override
  public Instant instant() {
    return Instant.parse(call(HttpRequest.newBuilder(clockUri).GET().build()).path("now").asText());
  }

  @Override
  public void sleep(Duration duration) {
    // The clock counts whole seconds; a shorter wait still moves it, or a poll loop would spin.
    long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
    call(HttpRequest.newBuilder(clockUri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the local control plane's time is kept in UTC");
  }

  private JsonNode call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the local control plane's clock at " + clockUri + " answered "
            + response.statusCode() + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the local control plane's clock at " + clockUri + " ("
          + VARIABLE + " is set): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the local control plane's clock", e);
    }
  }
}
