package dev.sagemakergitops.core.manifest;

import java.util.List;

/**
 * {@code spec.endpoint.smokeTest}: sample requests sent to the endpoint once a deploy is verified,
 * and what each must answer.
 *
 * @param requests 1 to {@link SmokeTestBinder#REQUESTS_MAX} requests, in the manifest's order
 */
public record SmokeTestSpec(List<Request> requests) {

  public SmokeTestSpec {
    requests = List.copyOf(requests);
  }

  /**
   * One sample request.
   *
   * @param field where it is in the manifest ({@code spec.endpoint.smokeTest.requests[0]}), for
   *     located messages
   * @param name a name for messages; defaults to {@code requests[i]}
   * @param variant the production variant it is sent to ({@code TargetVariant}), or {@code null}
   *     for every variant of the endpoint, one request each
   * @param targetModel {@code TargetModel} (multi-model endpoints), or {@code null}
   * @param contentType the request's {@code ContentType}, or {@code null}
   * @param accept the request's {@code Accept}, or {@code null}
   * @param body the inline body (from Git), or {@code null} when {@code bodyFrom} is given
   * @param bodyFrom an {@code s3://bucket/key} object read at send time, or {@code null}
   * @param expect what must come back
   */
  public record Request(String field, String name, String variant, String targetModel, String contentType,
      String accept, String body, String bodyFrom, Expect expect) {}

  /**
   * What a request must answer.
   *
   * @param status the HTTP status the model answers (a model's own error status is SageMaker's
   *     {@code OriginalStatusCode}); 200 by default
   * @param contentType the answer's content type (compared without parameters), or {@code null}
   * @param min every number in the answer at least this, or {@code null}
   * @param max every number in the answer at most this, or {@code null}
   * @param matches a regular expression the answer must contain, or {@code null}
   * @param maxLatencyMs the longest the call may take, measured around the call, or {@code null}
   */
  public record Expect(int status, String contentType, Double min, Double max, String matches, Integer maxLatencyMs) {}
}
