package dev.sagemakergitops.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** A twin brought to a recording control plane's state by replay, and the two going on apart. */
class InputLogReplayTest {
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  private LocalControlPlane plane() {
    LocalControlPlane plane = LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(42)
        .standardServices().start();
    opened.add(plane);
    return plane;
  }

  private SageMakerClient sageMaker(LocalControlPlane plane) {
    SageMakerClient client = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
    opened.add(client);
    return client;
  }

  /** A model, a configuration and an endpoint created, and the clock moved into its provisioning. */
  private static void deploy(SageMakerClient sageMaker, LocalControlPlane plane, String endpoint) {
    sageMaker.createModel(r -> r.modelName(endpoint + "-model").executionRoleArn("arn:aws:iam::123456789012:role/x")
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/x@sha256:" + "a".repeat(64))
            .modelDataUrl("s3://b/model.tar.gz")));
    sageMaker.createEndpointConfig(r -> r.endpointConfigName(endpoint + "-config").productionVariants(v -> v
        .variantName("AllTraffic").modelName(endpoint + "-model").instanceType("ml.m5.large").initialInstanceCount(1)));
    sageMaker.createEndpoint(r -> r.endpointName(endpoint).endpointConfigName(endpoint + "-config"));
    plane.advance(Duration.ofMinutes(1));
  }

  @Test
  void replay_ofARecording_bringsATwinToTheSameStateAndBothThenGoOnApart() {
    LocalControlPlane original = plane();
    SageMakerClient originalClient = sageMaker(original);
    InputLog log = original.recordInputs();
    deploy(originalClient, original, "churn");
    LocalControlPlane twin = plane();
    SageMakerClient twinClient = sageMaker(twin);

    twin.replay(log.entries());

    assertThat(log.entries()).hasSize(4).last().isInstanceOf(InputLog.Advance.class);
    assertThat(twin.clock().instant()).isEqualTo(original.clock().instant());
    // Compared as text: an SDK response's equality takes in its HTTP response (the request id).
    assertThat(twinClient.describeEndpoint(r -> r.endpointName("churn")).toString())
        .isEqualTo(originalClient.describeEndpoint(r -> r.endpointName("churn")).toString());
    // The scheduler's pending events came along: provisioning ends in both at the same time.
    original.advance(Duration.ofMinutes(15));
    twin.advance(Duration.ofMinutes(15));
    assertThat(twinClient.describeEndpoint(r -> r.endpointName("churn")).endpointStatus())
        .isEqualTo(EndpointStatus.IN_SERVICE)
        .isEqualTo(originalClient.describeEndpoint(r -> r.endpointName("churn")).endpointStatus());
    // Apart from here on: what one makes, the other never sees.
    deploy(twinClient, twin, "fraud");
    originalClient.deleteEndpoint(r -> r.endpointName("churn"));
    original.advance(Duration.ofMinutes(10));
    assertThat(twinClient.listEndpoints(r -> { }).endpoints()).extracting(e -> e.endpointName())
        .containsExactlyInAnyOrder("churn", "fraud");
    assertThat(originalClient.listEndpoints(r -> { }).endpoints()).isEmpty();
  }

  @Test
  void replay_intoAControlPlaneInAnotherState_failsNamingTheCallThatAnsweredDifferently() {
    LocalControlPlane original = plane();
    InputLog log = original.recordInputs();
    deploy(sageMaker(original), original, "churn");
    LocalControlPlane other = plane();
    sageMaker(other).createModel(r -> r.modelName("churn-model").executionRoleArn("arn:aws:iam::123456789012:role/x")
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/x@sha256:" + "b".repeat(64))));

    assertThatThrownBy(() -> other.replay(log.entries())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input 1 of the replay").hasMessageContaining("SageMaker.CreateModel");
  }
}
