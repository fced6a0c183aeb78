package dev.sagemakergitops.cli.demo;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo's waits: they advance the local control plane's virtual clock (an hour-long shadow test
 * passes in a moment) and, while traffic is on, send the endpoint a few requests every simulated
 * minute, as its clients would, so CloudWatch has invocations and latencies to compare. Requests go
 * to SageMaker Runtime's {@code InvokeEndpoint} path on the local control plane over HTTP.
 */
final class Traffic implements Sleeper {
  private static final int REQUESTS_PER_MINUTE = 6;

  private final LocalControlPlane local;
  private final String endpointName;
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean on;
  private long sent;

  Traffic(LocalControlPlane local, String endpointName) {
    this.local = local;
    this.endpointName = endpointName;
  }

  void on(boolean value) {
    on = value;
  }

  long sent() {
    return sent;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Instant target = local.clock().instant().plus(duration);
    if (on) {
      Instant now = local.clock().instant();
      Instant minute = Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
      while (!minute.isAfter(target)) {
        local.advance(Duration.between(local.clock().instant(), minute));
        for (int i = 0; i < REQUESTS_PER_MINUTE; i++) {
          invoke((i % 7) + ".5," + (i % 3) + ".25\n");
        }
        minute = minute.plusSeconds(60);
      }
    }
    Duration rest = Duration.between(local.clock().instant(), target);
    if (!rest.isNegative() && !rest.isZero()) {
      local.advance(rest);
    }
  }

  private void invoke(String csv) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(local.endpoint() + "/endpoints/" + endpointName + "/invocations"))
        .header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(csv))
        .build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
      sent++;
    } catch (IOException e) {
      // A lost request, as a live client would see now and then; the comparison counts what arrived.
    }
  }
}
