package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.SmokeTestSpec;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The smoke test a deploy runs once the endpoint is verified, as plain data kept in the plan: each
 * manifest request once per variant it goes to (a request without {@code variant} goes to every
 * variant), with where it is in the manifest. An inline body is kept as the manifest (in Git) has
 * it; a {@code bodyFrom} object is read when the request is sent and never kept.
 *
 * @param probes the requests in the order they are sent
 */
public record SmokeTestPlan(List<Probe> probes) {

  public SmokeTestPlan {
    probes = List.copyOf(probes);
  }

  /**
   * One request to one variant.
   *
   * @param location {@code file:line} of the request in the manifest
   * @param field its field path, such as {@code spec.endpoint.smokeTest.requests[0]}
   * @param name its name
   * @param variant the variant ({@code TargetVariant})
   * @param targetModel {@code TargetModel}, or {@code null}
   * @param contentType {@code ContentType}, or {@code null}
   * @param accept {@code Accept}, or {@code null}
   * @param body the inline body, or {@code null}
   * @param bodyFrom the S3 object of the body, or {@code null}
   * @param expect what must come back
   */
  public record Probe(String location, String field, String name, String variant, String targetModel,
      String contentType, String accept, String body, String bodyFrom, SmokeTestSpec.Expect expect) {

    /** How messages and records name the body: its source and size, never its content. */
    String bodySource() {
      return body != null ? "inline body of " + body.getBytes(StandardCharsets.UTF_8).length + " bytes"
          : "body from " + bodyFrom;
    }

    /** The request as messages name it: where it is, its name, variant and model. */
    String describe() {
      return location + ": " + field + " ('" + name + "', variant " + variant
          + (targetModel == null ? "" : ", TargetModel " + targetModel) + ", " + bodySource() + ")";
    }
  }

  /**
   * The smoke test of {@code manifest} against the variants of {@code config}, or {@code null} when
   * the manifest has none.
   */
  static SmokeTestPlan of(ResolvedManifest manifest, EndpointConfigDefinition config) {
    SmokeTestSpec spec = manifest.manifest().spec().endpoint().smokeTest();
    if (spec == null) {
      return null;
    }
    List<Probe> probes = new ArrayList<>();
    for (SmokeTestSpec.Request request : spec.requests()) {
      ManifestProblem at = manifest.problemAt(request.field(), "");
      String location = at.file() + (at.line() > 0 ? ":" + at.line() : "");
      List<String> variants = request.variant() != null ? List.of(request.variant()) : config.variantNames();
      for (String variant : variants) {
        probes.add(new Probe(location, request.field(), request.name(), variant, request.targetModel(),
            request.contentType(), request.accept(), request.body(), request.bodyFrom(), request.expect()));
      }
    }
    return new SmokeTestPlan(probes);
  }
}
