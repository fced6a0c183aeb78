package dev.sagemakergitops.core.health;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Turns a recorded {@code DescribeEndpoint} answer (a JSON document under
 * {@code src/test/resources/health}) into the SDK's model the way the SDK itself does: a real
 * {@link SageMakerClient} whose HTTP client answers with the document, so the classifier is tested
 * on what the SDK makes of SageMaker's wire format, not on objects built by hand.
 */
final class RecordedAnswers {
  private RecordedAnswers() {}

  static DescribeEndpointResponse describeEndpoint(String fixture) {
    byte[] body = read("/health/" + fixture + ".json");
    try (SageMakerClient sageMaker = SageMakerClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("recorded", "recorded")))
        .httpClient(new Answering(body)).build()) {
      return sageMaker.describeEndpoint(r -> r.endpointName("churn-prod"));
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = RecordedAnswers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP client that answers every request with one recorded body, as SageMaker's JSON 1.1 protocol does. */
  private record Answering(byte[] body) implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200)
                  .putHeader("Content-Type", "application/x-amz-json-1.1")
                  .putHeader("Content-Length", String.valueOf(body.length)).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}

    @Override
    public String clientName() {
      return "recorded";
    }
  }

  static String text(String fixture) {
    return new String(read("/health/" + fixture + ".json"), StandardCharsets.UTF_8);
  }
}
