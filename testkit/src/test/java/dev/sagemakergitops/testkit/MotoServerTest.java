package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class MotoServerTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void endpoint_whenStarted_answersOnLoopback() throws Exception {
    URI endpoint = MOTO.endpoint();

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(MOTO.server().isRunning()).isTrue();
  }

  @Test
  void resolveParameter_whenExtensionRegistered_injectsTheSharedServer(MotoServer server) {
    assertThat(server).isSameAs(MOTO.server());
  }

  @Test
  void reset_whenAlarmExists_forgetsIt() throws Exception {
    // An own server: resetting the shared one would pull state from under other tests.
    try (MotoServer own = MotoServer.start()) {
      String alarm = "reset-probe";
      // CloudWatch's Query protocol is plain form posting, so a raw request suffices (testkit has no SDK).
      post(own, "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=" + alarm
          + "&MetricName=CPU&Namespace=Test&Statistic=Average&Period=60&EvaluationPeriods=1&Threshold=1"
          + "&ComparisonOperator=GreaterThanThreshold");
      assertThat(describeAlarms(own)).contains(alarm);

      own.reset();

      assertThat(describeAlarms(own)).doesNotContain(alarm);
    }
  }

  @Test
  void close_whenRunning_stopsTheProcess() throws Exception {
    MotoServer own = MotoServer.start();
    URI endpoint = own.endpoint();

    own.close();

    assertThat(own.isRunning()).isFalse();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void startupTime_whenStarted_isWithinTheTimeout() {
    assertThat(MOTO.server().startupTime()).isPositive().isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void locateExecutable_whenVariableNamesExecutable_usesIt(@TempDir Path dir) throws IOException {
    Path fake = Files.createFile(dir.resolve("my-moto"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(MotoServer.locateExecutable(Map.of("MOTO_SERVER", fake.toString(), "PATH", "")))
        .contains(fake);
  }

  @Test
  void locateExecutable_whenOnPath_findsIt(@TempDir Path dir) throws IOException {
    Path fake = Files.createFile(dir.resolve("moto_server"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(MotoServer.locateExecutable(Map.of("PATH", "/nonexistent:" + dir))).contains(fake);
  }

  @Test
  void locateExecutable_whenNowhere_isEmpty(@TempDir Path dir) {
    assertThat(MotoServer.locateExecutable(Map.of("PATH", dir.toString()))).isEmpty();
    assertThat(MotoServer.locateExecutable(Map.of("MOTO_SERVER", dir.resolve("absent").toString()))).isEmpty();
  }

  @Test
  void start_whenExecutableMissing_failsWithInstallCommand(@TempDir Path dir) {
    assertThatThrownBy(() -> MotoServer.start(dir.resolve("moto_server"), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("moto_server not found on PATH; install it with: pip install 'moto[server]'");
  }

  @Test
  void start_whenProcessExitsEarly_failsWithItsOutput(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("moto_server"), "#!/bin/sh\necho 'no module named moto' >&2\nexit 3\n");
    broken.toFile().setExecutable(true);

    assertThatThrownBy(() -> MotoServer.start(broken, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with status 3")
        .hasMessageContaining("no module named moto");
  }

  private String describeAlarms(MotoServer server) throws Exception {
    return post(server, "Action=DescribeAlarms&Version=2010-08-01");
  }

  private String post(MotoServer server, String form) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        // moto routes by the credential scope's service name, as AWS routes by host name.
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/monitoring/aws4_request, "
            + "SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
