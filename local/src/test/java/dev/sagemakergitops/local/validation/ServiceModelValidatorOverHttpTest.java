package dev.sagemakergitops.local.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The default validator in front of a handler, seen from the unmodified SDK over HTTP: a bad request
 * comes back as SageMaker's ValidationException and never reaches the handler.
 */
class ServiceModelValidatorOverHttpTest {
  /** Serves CreateEndpoint and counts the calls that got through validation. */
  static final class CountingEndpoints implements LocalService {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void install(Installation installation) {
      installation.json("sagemaker", "SageMaker").register("CreateEndpoint", (input, context) -> {
        calls.incrementAndGet();
        return Json.object().put("EndpointArn", context.arn("sagemaker", "endpoint/" + Json.text(input, "EndpointName")));
      });
    }
  }

  private final CountingEndpoints endpoints = new CountingEndpoints();
  private LocalControlPlane plane;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    // No validator(...) call: the bundled models are the default.
    plane = LocalControlPlane.builder().service(endpoints).start();
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    sageMaker.close();
    plane.close();
  }

  @Test
  void createEndpoint_whenNameBreaksThePattern_sdkReceivesValidationExceptionAndHandlerIsNotInvoked() {
    assertThatThrownBy(() -> sageMaker.createEndpoint(r -> r.endpointName("churn_v2").endpointConfigName("churn-config")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
              "1 validation error detected: Value 'churn_v2' at 'endpointName' failed to satisfy constraint: "
                  + "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
        });
    assertThat(endpoints.calls).hasValue(0);
  }

  @Test
  void createEndpoint_whenValid_reachesTheHandler() {
    String arn = sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-config")).endpointArn();

    assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");
    assertThat(endpoints.calls).hasValue(1);
  }
}
