package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.S3BucketInAnotherRegion;
import dev.sagemakergitops.core.aws.S3Objects;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The smoke test's part of the pre-flight: the plan of requests, and each {@code bodyFrom} object
 * looked at with {@code HeadObject} (a read), so a missing sample, or one in a bucket of another
 * region (S3's 301), refuses the deploy before anything changes instead of failing it after the
 * endpoint was updated. The binder has checked everything
 * else offline.
 */
final class SmokeTestPreflight {
  private SmokeTestPreflight() {}

  /** The smoke test's plan, or {@code null} for none; problems are added to {@code problems}. */
  static SmokeTestPlan check(OperationContext context, ResolvedManifest manifest, EndpointConfigDefinition config,
      String region, List<ManifestProblem> problems) {
    SmokeTestPlan plan = SmokeTestPlan.of(manifest, config);
    if (plan == null) {
      return null;
    }
    Set<String> looked = new LinkedHashSet<>();
    for (SmokeTestPlan.Probe probe : plan.probes()) {
      if (probe.bodyFrom() == null || !looked.add(probe.field())) {
        continue;
      }
      S3Location object = S3Location.parse(probe.bodyFrom());
      String field = probe.field() + ".bodyFrom";
      try {
        if (new S3Objects(context.clients().s3(region), region).head(object.bucket(), object.key()).isEmpty()) {
          problems.add(manifest.problemAt(field, "S3 has no object " + probe.bodyFrom() + " (in " + region
              + "), so this smoke-test request has no body; upload the sample there or correct the address"));
        }
      } catch (S3BucketInAnotherRegion e) {
        problems.add(manifest.problemAt(field, e.describe("smoke-test sample", probe.bodyFrom())
            + " where the endpoint runs (S3 answered 301 PermanentRedirect); the smoke test reads its samples in"
            + " the endpoint's region: copy the sample to a bucket in " + region + " and point bodyFrom at it"));
      }
    }
    return plan;
  }

  /** An {@code s3://bucket/key} address, as the binder admits it. */
  record S3Location(String bucket, String key) {
    static S3Location parse(String uri) {
      String rest = uri.substring("s3://".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }
  }
}
