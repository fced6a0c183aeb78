package dev.sagemakergitops.local.s3;

import static dev.sagemakergitops.local.s3.S3Wire.error;
import static dev.sagemakergitops.local.s3.S3Wire.xml;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Requests that carry no SigV4 credential scope but are S3's all the same, and S3's answer to them.
 * The control plane routes by the SigV4 scope (AWS routes by host name, which is the same loopback
 * address for every service here), so without this they went unrouted and were answered with a JSON
 * 404 that no S3 client reads.
 *
 * <ul>
 *   <li>Signature Version 2 (an {@code Authorization: AWS <key>:<signature>} header, or a presigned URL
 *       with {@code AWSAccessKeyId} and {@code Signature}): 400 {@code InvalidRequest} "The authorization
 *       mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", S3's answer where
 *       Signature Version 2 is off, as it is for every bucket created since June 24, 2020 (S3 API
 *       Reference, "Authenticating Requests (AWS Signature Version 2)":
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/auth-request-sig-v2.html).
 *   <li>A browser-based upload ({@code POST /bucket} with a {@code multipart/form-data} body: PostObject,
 *       signed inside its form fields), which the control plane does not implement: S3's
 *       {@code 501 NotImplemented}, as for every operation it does not serve.
 * </ul>
 */
final class LegacyRequests {
  private LegacyRequests() {}

  /** True for an unscoped request that only S3 would take: Signature Version 2 or a browser-based upload. */
  static boolean isS3s(HttpCall call) {
    return call.signingService().isEmpty() && (signatureVersion2(call) || browserUpload(call));
  }

  /** S3's refusal of such a request, or empty for any other request. */
  static Optional<HttpAnswer> refusal(HttpCall call, RequestContext context) {
    if (!call.signingService().isEmpty()) {
      return Optional.empty();
    }
    if (signatureVersion2(call)) {
      return Optional.of(error(400, "InvalidRequest",
          "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", null, context));
    }
    if (browserUpload(call)) {
      return Optional.of(error(501, "NotImplemented", "A header you provided implies functionality that is not "
          + "implemented.", "<Resource>" + xml(call.path()) + "</Resource>", context));
    }
    return Optional.empty();
  }

  private static boolean signatureVersion2(HttpCall call) {
    String authorization = call.header("authorization");
    if (authorization != null && authorization.startsWith("AWS ")) {
      return true;
    }
    String query = "&" + call.query();
    return query.contains("&AWSAccessKeyId=") && query.contains("&Signature=");
  }

  private static boolean browserUpload(HttpCall call) {
    String type = call.header("content-type");
    return call.method().equals("POST") && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }
}
