/**
 * {@code plan}: what would merging one commit onto another do, model by model?
 *
 * <p>{@link dev.sagemakergitops.core.plan.PlanBuilder} diffs the manifests of two refs
 * ({@link dev.sagemakergitops.core.git.GitRepository#diff}), loads both sides of every changed
 * manifest, and, unless offline, resolves their image tags to digests in ECR (read-only). For each
 * change it produces a {@link dev.sagemakergitops.core.plan.ModelPlan}:
 *
 * <ul>
 *   <li><b>facts</b> before and after: a manifest summarised as stable labels and one-line values
 *       ({@code model package}, {@code image digest}, {@code variant AllTraffic}, {@code deployment},
 *       ...), so two versions compare field by field;
 *   <li><b>changes</b>: the facts that differ;
 *   <li><b>actions</b>: what the merge pipeline will do, in order (shadow test, endpoint update with
 *       its guardrails, autoscaling re-registration, batch transforms); a change SageMaker would not
 *       see is said to deploy nothing, and a removed manifest is never deleted;
 *   <li><b>problems</b>: what blocks the change: an invalid head manifest, a variant rename that
 *       SageMaker's blue/green and rolling updates refuse, an image that does not resolve.
 * </ul>
 *
 * <p>When the head commit is a {@code git revert}, the plan carries its
 * {@link dev.sagemakergitops.core.git.RevertInfo}: a rollback that reuses what exists.
 * {@link dev.sagemakergitops.core.plan.PlanRenderer} writes the plan as text (build logs), Markdown
 * (a pull-request comment) and JSON (a documented, versioned contract: {@code docs/plan-json.md}).
 *
 * <p>A plan reads only the manifests that changed. Rules spanning all manifests belong to
 * {@code validate}; pull-request builds run both.
 */
package dev.sagemakergitops.core.plan;
