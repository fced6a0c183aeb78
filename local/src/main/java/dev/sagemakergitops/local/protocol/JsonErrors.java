package dev.sagemakergitops.local.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The AWS JSON protocols' error answer: {@code __type} and {@code message}, which Java and botocore both read. */
public final class JsonErrors {
  private JsonErrors() {}

  public static HttpAnswer answer(AwsServiceException e) {
    ObjectNode body = Json.object();
    body.put("__type", e.code());
    body.put("message", e.getMessage());
    return HttpAnswer.text(e.status(), "application/x-amz-json-1.1", body.toString())
        .withHeader("x-amzn-ErrorType", e.code());
  }
}
