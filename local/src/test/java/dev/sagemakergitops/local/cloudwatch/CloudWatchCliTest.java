package dev.sagemakergitops.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.conformance.AwsCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CloudWatch through the real AWS CLI, which parses our answers strictly. Out of the box the CLI v1
 * (botocore 1.43) picks AWS JSON 1.0 from CloudWatch's protocol list; with a copy of the model that
 * lists only {@code smithy-rpc-v2-cbor} (through {@code AWS_DATA_PATH}) the same CLI speaks RPC v2
 * CBOR, as SDKs from 2.40.6 on do. The CLI is part of the build machine; a missing {@code aws}
 * fails the test rather than skipping it, so no protocol goes unchecked.
 */
@IntegrationPhase
class CloudWatchCliTest {
  private LocalControlPlane plane;
  private String protocol = "json";

  @TempDir
  Path models;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new CloudWatchService()).start();
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  /** The shared AWS CLI runner, narrowed to {@code aws cloudwatch}, speaking {@link #protocol}. */
  private AwsCli cli() throws IOException, InterruptedException {
    AwsCli cli = AwsCli.against(plane.endpoint(), models).withPrefix("cloudwatch");
    return protocol.equals("cbor") ? cli.withEnvironment("AWS_DATA_PATH", cborOnlyModel().toString()) : cli;
  }

  private AwsCli.Result aws(String... arguments) throws IOException, InterruptedException {
    return cli().run(arguments);
  }

  /** botocore's CloudWatch model with {@code protocols} narrowed to RPC v2 CBOR. */
  private Path cborOnlyModel() throws IOException, InterruptedException {
    Path target = models.resolve("cloudwatch/2010-08-01/service-2.json");
    if (!Files.exists(target)) {
      Files.createDirectories(target.getParent());
      Process python = new ProcessBuilder("python3", "-c", "import botocore,os,json,gzip,sys\n"
          + "p=os.path.join(os.path.dirname(botocore.__file__),'data/cloudwatch/2010-08-01/service-2.json.gz')\n"
          + "m=json.load(gzip.open(p))\nm['metadata']['protocols']=['smithy-rpc-v2-cbor']\n"
          + "m['metadata']['protocol']='smithy-rpc-v2-cbor'\njson.dump(m,open(sys.argv[1],'w'))", target.toString())
          .inheritIO().start();
      assertThat(python.waitFor()).isZero();
    }
    return models;
  }

  private static long epochSeconds(JsonNode timestamp) {
    return AwsCli.epochSeconds(timestamp);
  }

  private JsonNode ok(String... arguments) throws Exception {
    return cli().json(arguments);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void cli_whenAlarmPutSetAndMetricsPublished_parsesEveryAnswer(String protocol) throws Exception {
    this.protocol = protocol;
    ok("put-metric-alarm", "--alarm-name", "churn-5xx", "--namespace", "Local/SageMaker", "--metric-name",
        "Invocation5XXErrors", "--dimensions", "Name=EndpointName,Value=churn", "--statistic", "Average",
        "--period", "60", "--evaluation-periods", "1", "--threshold", "1", "--comparison-operator",
        "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching");

    JsonNode described = ok("describe-alarms", "--alarm-names", "churn-5xx");
    JsonNode alarm = described.path("MetricAlarms").get(0);
    assertThat(alarm.path("AlarmArn").asText()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:churn-5xx");
    assertThat(alarm.path("StateValue").asText()).isEqualTo("OK");
    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(epochSeconds(alarm.path("StateUpdatedTimestamp"))).isEqualTo(1767225600L);
    assertThat(alarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("churn");

    ok("set-alarm-state", "--alarm-name", "churn-5xx", "--state-value", "ALARM", "--state-reason", "by hand");
    assertThat(ok("describe-alarms", "--state-value", "ALARM").path("MetricAlarms")).hasSize(1);

    ok("put-metric-data", "--namespace", "Local/SageMaker", "--metric-name", "ModelLatency", "--dimensions",
        "EndpointName=churn", "--value", "250", "--unit", "Microseconds", "--timestamp", "2026-01-01T00:00:30Z");
    JsonNode statistics = ok("get-metric-statistics", "--namespace", "Local/SageMaker", "--metric-name",
        "ModelLatency", "--dimensions", "Name=EndpointName,Value=churn", "--start-time", "2026-01-01T00:00:00Z",
        "--end-time", "2026-01-01T00:05:00Z", "--period", "60", "--statistics", "Average", "SampleCount");
    assertThat(statistics.path("Label").asText()).isEqualTo("ModelLatency");
    JsonNode point = statistics.path("Datapoints").get(0);
    assertThat(point.path("Average").asDouble()).isEqualTo(250.0);
    assertThat(point.path("SampleCount").asDouble()).isEqualTo(1.0);
    assertThat(epochSeconds(point.path("Timestamp"))).isEqualTo(1767225600L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void cli_whenAlarmMissing_reportsTheQueryErrorCode(String protocol) throws Exception {
    this.protocol = protocol;
    AwsCli.Result result = aws("set-alarm-state", "--alarm-name", "nope", "--state-value", "OK", "--state-reason", "x");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("ResourceNotFound").contains("Alarm nope not found");
  }
}
