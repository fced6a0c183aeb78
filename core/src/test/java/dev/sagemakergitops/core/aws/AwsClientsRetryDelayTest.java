package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.testkit.world.LocalCloud;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The tests' clients without the SDK's retry back-off ({@link AwsClients#createWithoutRetryDelays}):
 * the same attempts as the clients the tool uses, asked of the SDK's own retry strategy, with no
 * wait between them; the tool's clients keep the back-off.
 */
class AwsClientsRetryDelayTest {
  private static final String REGION = "us-east-1";

  @Test
  void createWithoutRetryDelays_whenAwsThrottlesTwice_retriesAtOnceAndTheThirdAttemptAnswers() {
    Attempts attempts = new Attempts();
    try (LocalCloud cloud = LocalCloud.start();
        AwsClients clients = AwsClients.createWithoutRetryDelays(settings(cloud), List.of(attempts))) {
      cloud.local().faults().add(new CallFault(CallFault.Kind.THROTTLE, "sagemaker", "ListModelPackageGroups", 1.0, 2));

      var answer = clients.sageMaker(REGION).listModelPackageGroups(r -> r.maxResults(10));

      assertThat(answer.modelPackageGroupSummaryList()).isEmpty();
      assertThat(attempts.count).as("attempts of the one call").hasSize(3);
      RetryStrategy strategy = strategy(clients.sageMaker(REGION));
      assertThat(delaysAfterThrottling(strategy)).as("no back-off").containsOnly(Duration.ZERO);
    }
  }

  @Test
  void create_whenAnAttemptIsThrottled_keepsTheSdkBackOffAndTheSameAttempts() {
    // No call is made: the strategies are asked directly.
    AwsSettings settings = new AwsSettings(REGION, null, URI.create("http://127.0.0.1:9"), null, null, null);
    try (AwsClients tool = AwsClients.create(settings, List.of());
        AwsClients tests = AwsClients.createWithoutRetryDelays(settings, List.of())) {
      RetryStrategy toolStrategy = strategy(tool.sageMaker(REGION));
      RetryStrategy testStrategy = strategy(tests.sageMaker(REGION));

      // Full jitter: each delay is drawn from [0, 1 s), then [0, 2 s); five all zero would be chance.
      assertThat(delaysAfterThrottling(toolStrategy)).anySatisfy(delay -> assertThat(delay).isPositive());
      assertThat(testStrategy.maxAttempts()).isEqualTo(toolStrategy.maxAttempts()).isEqualTo(3);
      assertThat(tests.retryMode()).isEqualTo(tool.retryMode());
    }
  }

  private static AwsSettings settings(LocalCloud cloud) {
    return new AwsSettings(REGION, null, cloud.endpoint(), null, null, null);
  }

  private static RetryStrategy strategy(SageMakerClient client) {
    return client.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
  }

  /** The delay the strategy asks for before the retry of each of five throttled first attempts. */
  private static List<Duration> delaysAfterThrottling(RetryStrategy strategy) {
    SageMakerException throttled = (SageMakerException) SageMakerException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
        .build();
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("sagemaker")).token();
      delays.add(strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(throttled).build())
          .delay());
    }
    return delays;
  }

  /** Counts the HTTP attempts of every call (the SDK runs this hook once per attempt). */
  private static final class Attempts implements ExecutionInterceptor {
    final List<String> count = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      count.add(context.httpRequest().getUri().toString());
    }
  }
}
