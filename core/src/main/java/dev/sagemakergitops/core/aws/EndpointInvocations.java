package dev.sagemakergitops.core.aws;

import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * SageMaker Runtime's {@code InvokeEndpoint}, one request at a time, answering what came back in a
 * form a check can compare: the model's status, content type and body, and the variant that
 * answered. {@code InvokeEndpoint} only runs the model; it changes nothing in the account.
 *
 * <p>How the runtime answers (botocore sagemaker-runtime 2017-05-13): a model that answered 2xx is
 * the response; a model that answered 4xx or 5xx is {@code ModelError} (HTTP 424) carrying the
 * model's {@code OriginalStatusCode} and {@code OriginalMessage}, reported here as that status and
 * body; a request SageMaker refused ({@code ValidationError}: no such endpoint, variant or target
 * model) is reported with SageMaker's own status and message. Transient failures
 * ({@code ServiceUnavailable}, {@code InternalFailure}, throttling, {@code ModelNotReadyException})
 * are thrown for the caller's retry, after the SDK's own retries.
 */
public final class EndpointInvocations {
  private final SageMakerRuntimeClient runtime;

  public EndpointInvocations(SageMakerRuntimeClient runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * One request.
   *
   * @param endpointName the endpoint
   * @param targetVariant {@code TargetVariant}, or {@code null} for SageMaker's weighted choice
   * @param targetModel {@code TargetModel} (multi-model endpoints), or {@code null}
   * @param contentType {@code ContentType}, or {@code null}
   * @param accept {@code Accept}, or {@code null}
   * @param body the body
   */
  public record Request(String endpointName, String targetVariant, String targetModel, String contentType,
      String accept, byte[] body) {
    public Request {
      Objects.requireNonNull(endpointName, "endpointName");
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * What came back.
   *
   * @param status the model's HTTP status (200 for an answer; {@code OriginalStatusCode} of a model
   *     error), or SageMaker's own status when it refused the request
   * @param contentType the answer's content type, or {@code null}
   * @param body the model's answer, or its error message, or SageMaker's refusal
   * @param invokedVariant the variant SageMaker says answered, or {@code null}
   * @param refusedBySageMaker SageMaker refused the request itself (the model never saw it); its
   *     error code is then {@code errorCode}
   * @param errorCode SageMaker's error code ({@code ModelError}, {@code ValidationError}), or {@code null}
   */
  public record Answer(int status, String contentType, String body, String invokedVariant,
      boolean refusedBySageMaker, String errorCode) {}

  /** Sends {@code request}; transient failures are thrown (see the class documentation). */
  public Answer invoke(Request request) {
    InvokeEndpointRequest.Builder call = InvokeEndpointRequest.builder()
        .endpointName(request.endpointName())
        .body(SdkBytes.fromByteArray(request.body()));
    if (request.targetVariant() != null) {
      call.targetVariant(request.targetVariant());
    }
    if (request.targetModel() != null) {
      call.targetModel(request.targetModel());
    }
    if (request.contentType() != null) {
      call.contentType(request.contentType());
    }
    if (request.accept() != null) {
      call.accept(request.accept());
    }
    try {
      InvokeEndpointResponse response = runtime.invokeEndpoint(call.build());
      return new Answer(200, response.contentType(), response.body().asUtf8String(),
          response.invokedProductionVariant(), false, null);
    } catch (ModelErrorException e) {
      int status = e.originalStatusCode() == null ? e.statusCode() : e.originalStatusCode();
      String message = e.originalMessage() != null ? e.originalMessage() : SageMakerErrors.message(e);
      return new Answer(status, null, message, null, false, SageMakerErrors.code(e));
    } catch (SageMakerRuntimeException e) {
      if (TransientFailures.isTransient(e) || "ModelNotReadyException".equals(SageMakerErrors.code(e))) {
        throw e;
      }
      return new Answer(e.statusCode(), null, SageMakerErrors.message(e), null, true, SageMakerErrors.code(e));
    }
  }
}
