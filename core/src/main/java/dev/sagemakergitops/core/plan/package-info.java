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
 *
 * <p>Threads: from 16 changed manifests on, Git's walk for each change's last commit runs on a
 * thread of its own, and the manifests are parsed meanwhile on the calling thread and the common
 * fork-join pool (a parallel stream: the number of processors, two threads on a two-processor
 * machine). The models keep the order of the diff (by path), so the output is the same whatever
 * thread parsed what.
 */
package dev.sagemakergitops.core.plan;
