package dev.sagemakergitops.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The protocol layer through the real SDK: routing by X-Amz-Target, error shapes, faults, simulated time. */
class LocalControlPlaneTest {
  /** A test service: ListEndpoints answers the events the scheduler has run. */
  static final class Probe implements LocalService {
    final List<String> events = new ArrayList<>();

    @Override
    public void install(Installation installation) {
      installation.scheduler().schedule(installation.clock().instant().plusSeconds(600), () -> events.add("ten minutes"));
      installation.json("sagemaker", "SageMaker")
          .register("ListEndpoints", (input, context) -> {
            var out = Json.object();
            var list = out.putArray("Endpoints");
            for (String event : events) {
              list.addObject().put("EndpointName", event.replace(' ', '-')).put("EndpointArn",
                  context.arn("sagemaker", "endpoint/x")).put("EndpointStatus", "InService")
                  .put("CreationTime", Json.timestamp(context.now())).put("LastModifiedTime", Json.timestamp(context.now()));
            }
            return out;
          })
          .register("DescribeEndpoint", (input, context) -> {
            throw AwsServiceException.validation("Could not find endpoint \""
                + context.arn("sagemaker", "endpoint/" + Json.text(input, "EndpointName")) + "\".");
          });
    }
  }

  private LocalControlPlane plane;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new Probe()).start();
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
  }

  @AfterEach
  void stop() {
    sageMaker.close();
    plane.close();
  }

  @Test
  void call_whenVirtualTimeAdvances_runsDueEventsBeforeAnswering() {
    assertThat(sageMaker.listEndpoints(r -> { }).endpoints()).isEmpty();

    plane.advance(Duration.ofMinutes(10));

    assertThat(sageMaker.listEndpoints(r -> { }).endpoints()).singleElement()
        .satisfies(e -> assertThat(e.endpointName()).isEqualTo("ten-minutes"));
  }

  @Test
  void call_whenHandlerRefuses_answersTheAwsErrorShapeWithTheRegionOfTheSignature() {
    assertThatThrownBy(() -> sageMaker.describeEndpoint(r -> r.endpointName("churn")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Could not find endpoint \"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn\".");
          assertThat(e.requestId()).isNotBlank();
        });
  }

  @Test
  void call_whenOperationUnknown_answersUnknownOperation() {
    assertThatThrownBy(() -> sageMaker.listModels(r -> { }))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
  }

  @Test
  void call_whenThrottledTwice_succeedsThroughTheSdkRetries() {
    plane.faults().add(new CallFault(CallFault.Kind.THROTTLE, "sagemaker", "ListEndpoints", 1.0, 2));

    assertThat(sageMaker.listEndpoints(r -> { }).endpoints()).isEmpty();
    assertThat(plane.faults().faults()).singleElement().satisfies(f -> assertThat(f.remaining()).isZero());
  }

  @Test
  void call_whenConnectionDroppedOnce_succeedsThroughTheSdkRetry() {
    plane.faults().add(new CallFault(CallFault.Kind.DROP_CONNECTION, "sagemaker", "ListEndpoints", 1.0, 1));

    assertThat(sageMaker.listEndpoints(r -> { }).endpoints()).isEmpty();
    assertThat(plane.faults().faults()).singleElement().satisfies(f -> assertThat(f.remaining()).isZero());
  }

  @Test
  void call_whenInternalErrorsOnAShareOfCalls_failsOnlyThatShareBeforeRetries() {
    plane.faults().add(new CallFault(CallFault.Kind.INTERNAL_ERROR, "*", "*", 0.2, -1));
    int failures = 0;
    for (int i = 0; i < 200; i++) {
      if (plane.faults().pick("sagemaker", "ListEndpoints").isPresent()) {
        failures++;
      }
    }

    assertThat(failures).isBetween(20, 60);
    assertThat(sageMaker.listEndpoints(r -> { }).endpoints()).isEmpty();
  }

  @Test
  void call_whenAlwaysUnavailable_surfacesThe503AfterRetries() {
    plane.faults().add(new CallFault(CallFault.Kind.UNAVAILABLE, "*", "*", 1.0, -1));

    assertThatThrownBy(() -> sageMaker.listEndpoints(r -> { }))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }
}
