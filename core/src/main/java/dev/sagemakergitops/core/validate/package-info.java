/**
 * {@code validate}: are the manifests at a commit right, and does what they name exist?
 *
 * <p>{@link dev.sagemakergitops.core.validate.ManifestValidator} reads every manifest at a ref (or
 * under given paths) from Git objects, never from the work tree, and checks in three layers:
 *
 * <ol>
 *   <li><b>Each file</b> with {@link dev.sagemakergitops.core.manifest.ManifestLoader}: YAML in safe
 *       mode, the v1 shape, every SageMaker limit, the deployment guardrail exclusions.
 *   <li><b>The set</b> ({@code ManifestSetChecks}): {@code metadata.name} unique in the repository; no
 *       two manifests own the same endpoint in a region (endpoint names are case-insensitive).
 *   <li><b>References in AWS</b> ({@link dev.sagemakergitops.core.validate.ReferenceChecker}), unless
 *       offline, on the manifests that passed the first layer: image tags and digests in ECR, the
 *       model package version (exists, registration complete, {@code Approved}, built from the
 *       manifest's image), the rollback alarms in CloudWatch. Calls are read-only and batched.
 * </ol>
 *
 * <p>Every problem, whichever layer found it, is a
 * {@link dev.sagemakergitops.core.manifest.ManifestProblem} with file, line, column and field, so a
 * user fixes all of them in one round. A problem found against AWS is located in the file with
 * {@link dev.sagemakergitops.core.manifest.ManifestLocator}.
 */
package dev.sagemakergitops.core.validate;
