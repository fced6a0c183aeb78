package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.CONTENT_TYPE;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI_MAX;

import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code spec.endpoint.smokeTest}: the sample requests sent after a deploy is verified and
 * what each must answer. Everything is checked here, offline, so bad smoke-test input is refused by
 * {@code validate} and before a deploy changes anything; only whether a {@code bodyFrom} object
 * exists is left to the deploy's pre-flight (a read).
 *
 * <p>The limits are SageMaker Runtime's ({@code InvokeEndpoint}, botocore sagemaker-runtime
 * 2017-05-13): {@code TargetVariant} matches {@code [a-zA-Z0-9](-*[a-zA-Z0-9])*} up to 63
 * characters (and must name a variant of this endpoint); {@code TargetModel} is 1 to 1024 printable
 * characters not starting with white space; the body of a real-time request is at most 6 MB
 * (Developer Guide, realtime-endpoints "payload"). A request has one body: {@code body} (inline,
 * stored in Git) or {@code bodyFrom} (an S3 object, for samples that must not live in Git).
 */
final class SmokeTestBinder {
  /** Our own limit: every request is a call the deploy waits for. */
  static final int REQUESTS_MAX = 20;
  static final int BODY_MAX_BYTES = 6 * 1024 * 1024;
  /** SageMaker Runtime answers within 60 seconds; a longer ceiling could never be reached. */
  static final int LATENCY_MAX_MS = 60_000;
  private static final Pattern VARIANT = SageMakerLimits.ENTITY_NAME;
  private static final Pattern TARGET_MODEL = Pattern.compile("\\S\\p{Print}*");
  private static final Pattern NAME = Pattern.compile("[\\p{Print}&&[^\\s]][\\p{Print}]{0,62}");

  private SmokeTestBinder() {}

  /**
   * The smoke test, or {@code null} when absent or when any request has a problem.
   *
   * @param variants the endpoint's variants that bound, to check {@code variant} against
   * @param multiModel whether {@code spec.model.mode} is {@code MultiModel}, or {@code null} when unknown
   */
  static SmokeTestSpec bind(YamlMapping node, List<Variant> variants, Boolean multiModel) {
    if (node == null) {
      return null;
    }
    List<Node> items = node.sequence("requests", true, 1, REQUESTS_MAX, "sample requests");
    if (items == null) {
      return null;
    }
    List<SmokeTestSpec.Request> requests = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String field = node.path("requests") + "[" + i + "]";
      YamlMapping item = YamlMapping.read(node.problems(), field, items.get(i), ManifestKeys.SMOKE_REQUEST_KEYS);
      SmokeTestSpec.Request request = request(item, field, "requests[" + i + "]", variants, multiModel);
      if (request != null) {
        requests.add(request);
      }
    }
    return requests.size() == items.size() ? new SmokeTestSpec(requests) : null;
  }

  private static SmokeTestSpec.Request request(YamlMapping node, String field, String defaultName,
      List<Variant> variants, Boolean multiModel) {
    int problemsBefore = node.problems().size();
    String name = node.matching("name", false, NAME, 63, "a short name for messages (printable, at most 63"
        + " characters)");
    String variant = node.matching("variant", false, VARIANT, 63, "a production variant name of this endpoint");
    if (variant != null && !variants.isEmpty() && variants.stream().noneMatch(v -> v.name().equals(variant))) {
      node.problem("variant", "endpoint has no variant '" + variant + "' (it has " + variants.stream()
          .map(Variant::name).toList() + "); name one of them, or leave variant out to send the request to each");
    }
    String targetModel = node.matching("targetModel", false, TARGET_MODEL, 1024, "a model path relative to the"
        + " multi-model prefix, such as churn-eu.tar.gz");
    if (targetModel != null && Boolean.FALSE.equals(multiModel)) {
      node.problem("targetModel", "TargetModel is for multi-model endpoints, and spec.model.mode is SingleModel;"
          + " remove targetModel, or set spec.model.mode: MultiModel");
    }
    if (!node.has("targetModel") && Boolean.TRUE.equals(multiModel)) {
      // A multi-model endpoint serves the model a request names; there is no default model to ask.
      node.problem("targetModel", "spec.model.mode is MultiModel, so every request names the model it asks"
          + " (TargetModel); add targetModel, such as churn-eu.tar.gz");
    }
    String contentType = node.matching("contentType", false, CONTENT_TYPE, 1024, "a MIME type such as text/csv");
    String accept = node.matching("accept", false, CONTENT_TYPE, 1024, "a MIME type such as text/csv");
    String body = node.text("body", false, "the request body as text");
    String bodyFrom = node.matching("bodyFrom", false, S3_URI, S3_URI_MAX, "an S3 object such as"
        + " s3://bucket/smoke/request.csv");
    if (node.has("body") == node.has("bodyFrom")) {
      node.problem(node.has("body") ? "bodyFrom" : "body", node.has("body")
          ? "a request has one body: give body (inline) or bodyFrom (an S3 object), not both"
          : "missing the request body; give body (inline text) or bodyFrom (an s3:// object)");
    } else if (bodyFrom != null && bodyFrom.endsWith("/")) {
      node.problem("bodyFrom", "expected an S3 object, got the prefix '" + bodyFrom + "'; name the object");
    }
    if (body != null && body.getBytes(StandardCharsets.UTF_8).length > BODY_MAX_BYTES) {
      node.problem("body", "expected at most 6 MB (SageMaker's real-time payload limit), got "
          + body.getBytes(StandardCharsets.UTF_8).length + " bytes");
    }
    YamlMapping expectNode = node.mapping("expect", false, ManifestKeys.SMOKE_EXPECT_KEYS);
    SmokeTestSpec.Expect expect = expectNode == null ? new SmokeTestSpec.Expect(200, null, null, null, null, null)
        : expect(expectNode);
    if (node.problems().size() != problemsBefore || expect == null) {
      return null;
    }
    return new SmokeTestSpec.Request(field, name == null ? defaultName : name, variant, targetModel, contentType,
        accept, body, bodyFrom, expect);
  }

  private static SmokeTestSpec.Expect expect(YamlMapping node) {
    int problemsBefore = node.problems().size();
    Integer status = node.integer("status", false, 100, 599);
    String contentType = node.matching("contentType", false, CONTENT_TYPE, 1024, "a MIME type such as text/csv");
    YamlMapping values = node.mapping("values", false, ManifestKeys.SMOKE_VALUES_KEYS);
    Double min = values == null ? null : values.number("min", false, -Double.MAX_VALUE, Double.MAX_VALUE);
    Double max = values == null ? null : values.number("max", false, -Double.MAX_VALUE, Double.MAX_VALUE);
    if (values != null && !values.has("min") && !values.has("max")) {
      node.problem("values", "expected min, max or both, such as {min: 0, max: 1}");
    }
    if (min != null && max != null && min > max) {
      node.problem("values", "min " + YamlScalars.format(min) + " is above max " + YamlScalars.format(max)
          + "; no answer could pass");
    }
    String matches = node.text("matches", false, "a regular expression the answer must contain");
    if (matches != null) {
      try {
        Pattern.compile(matches);
      } catch (PatternSyntaxException e) {
        node.problem("matches", "expected a regular expression (Java syntax), got '" + matches + "': "
            + e.getDescription());
      }
    }
    Integer latency = node.integer("maxLatencyMs", false, 1, LATENCY_MAX_MS);
    if (node.problems().size() != problemsBefore) {
      return null;
    }
    return new SmokeTestSpec.Expect(status == null ? 200 : status, contentType, min, max, matches, latency);
  }
}
