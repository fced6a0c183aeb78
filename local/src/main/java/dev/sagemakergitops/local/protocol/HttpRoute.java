package dev.sagemakergitops.local.protocol;

/**
 * A protocol that is not AWS JSON 1.1: SageMaker Runtime's REST-JSON, CloudWatch's Query and RPC v2
 * CBOR, S3's REST-XML. Routes are asked in the order they were installed; the first that accepts a
 * call answers it.
 */
public interface HttpRoute {
  /** True when this route answers {@code call}. */
  boolean accepts(HttpCall call);

  /**
   * Answers {@code call}; runs under the control plane's lock, after every simulation event due by
   * {@code context.now()} has run. Throwing {@link AwsServiceException} is allowed only for routes
   * whose protocol errors are JSON-shaped; others answer their own error shapes.
   */
  HttpAnswer answer(HttpCall call, RequestContext context);

  /** The operation name for fault injection and logs, such as {@code InvokeEndpoint}. */
  String operationOf(HttpCall call);

  /**
   * {@code error} in this protocol's own error shape: injected faults (a throttle, a 500, a 503) and
   * errors a handler throws must parse in the caller's SDK as that service's errors. The default is
   * the JSON shape ({@code __type}, {@code message}).
   */
  default HttpAnswer error(AwsServiceException error, RequestContext context) {
    return JsonErrors.answer(error);
  }
}
