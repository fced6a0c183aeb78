package dev.sagemakergitops.core.operation.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * SageMaker's deployment-guardrail exclusions that depend on the live endpoint, which the manifest
 * loader cannot see (it checks the manifest's own shape: sizes against its fleet, rolling with one
 * instance-backed variant, Inf1 with all at once). Checked before the first mutating call, and again
 * just before {@code UpdateEndpoint} in case the endpoint changed in between.
 *
 * <ul>
 *   <li>blue/green and rolling updates match the old and the new fleet by variant name, so the
 *       names must stay the same (SageMaker refuses the update otherwise);
 *   <li>rolling updates exclude endpoints with more than one variant and serverless endpoints; the
 *       live endpoint counts, not only the new configuration;
 *   <li>on Inf1, SageMaker cannot use guardrails and silently falls back to all at once with no
 *       bake, so a manifest that asks for a canary, a bake or rollback alarms would promise a
 *       safety net that does not exist: refused;
 *   <li>an instance-backed endpoint cannot become serverless: "You cannot convert your
 *       instance-based, real-time endpoint to a serverless endpoint. If you try to update your
 *       real-time endpoint to serverless, you receive a ValidationError message" (Developer Guide,
 *       serverless-endpoints, Feature exclusions).
 * </ul>
 */
final class Guardrails {
  private Guardrails() {}

  /** A problem: the manifest field it belongs to, and what to do. */
  record Problem(String field, String message) {}

  static List<Problem> check(LiveEndpoint live, EndpointConfigDefinition config, DeploymentPolicy policy) {
    List<Problem> problems = new ArrayList<>();
    String name = config.endpointName();
    TreeSet<String> before = new TreeSet<>(live.variantNames());
    TreeSet<String> after = new TreeSet<>(config.variantNames());
    if (!before.equals(after)) {
      problems.add(new Problem("spec.endpoint.variants", "the live endpoint " + name + " has the variants " + before
          + " but the manifest names " + after + "; SageMaker's blue/green and rolling updates replace each variant "
          + "by one of the same name, so keep the names " + before + ", or deploy to a new endpoint name and move "
          + "traffic there"));
    }
    if (policy.rolling()) {
      if (live.variants().size() > 1) {
        problems.add(new Problem("spec.endpoint.deployment.strategy", "the live endpoint " + name + " has "
            + live.variants().size() + " variants, and SageMaker's rolling updates support single-variant endpoints "
            + "only; use allAtOnce, canary or linear for this update"));
      }
      if (live.variants().stream().anyMatch(LiveEndpoint.Variant::serverless)) {
        problems.add(new Problem("spec.endpoint.deployment.strategy", "the live endpoint " + name
            + " is serverless, and SageMaker's rolling updates exclude serverless endpoints; use allAtOnce, canary "
            + "or linear for this update"));
      }
    }
    boolean liveInstances = live.variants().stream().anyMatch(v -> !v.serverless());
    if (liveInstances && config.variants().stream().anyMatch(EndpointConfigDefinition.Variant::serverless)) {
      problems.add(new Problem("spec.endpoint.variants", "the live endpoint " + name + " runs on instances, and "
          + "SageMaker cannot turn an instance-backed endpoint into a serverless one (it refuses the update with a "
          + "ValidationError); keep instanceType and instanceCount, or deploy the serverless variant to a new "
          + "endpoint name and move traffic there"));
    }
    if (live.variants().stream().anyMatch(LiveEndpoint.Variant::inf1) && policy.needsGuardrails()) {
      problems.add(new Problem("spec.endpoint.deployment", "the live endpoint " + name + " runs on Inf1 instances, "
          + "where SageMaker cannot use deployment guardrails and replaces the fleet all at once with no bake and no "
          + "alarm-based rollback; set strategy: allAtOnce without bake, terminationWait and rollbackAlarms to accept "
          + "that, or move off Inf1 in one deployment first"));
    }
    return problems;
  }
}
