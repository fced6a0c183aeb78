/**
 * {@code status}: whether the live endpoints match the manifests at a Git ref.
 *
 * <p>{@link dev.sagemakergitops.core.status.EndpointStatusCheck} asks the endpoint health
 * classifier ({@code core.health}) and reports each endpoint as
 * {@link dev.sagemakergitops.core.status.SyncState#IN_SYNC IN_SYNC} (it serves the configuration
 * the manifest hashes to, named exactly as safe deploy names it; judged before a rollback),
 * {@link dev.sagemakergitops.core.status.SyncState#OUT_OF_SYNC OUT_OF_SYNC} (another configuration,
 * no endpoint, or one changed outside Git: a configuration sagemaker-gitops neither deployed nor
 * replaced), {@link dev.sagemakergitops.core.status.SyncState#ROLLED_BACK ROLLED_BACK} (it is back on
 * the configuration the last deployment replaced, as the endpoint's intent tag records),
 * {@link dev.sagemakergitops.core.status.SyncState#UPDATING UPDATING} (a deployment, a capacity
 * change or {@code RollingBack}, maintenance) or
 * {@link dev.sagemakergitops.core.status.SyncState#SHADOW_TEST SHADOW_TEST} (an inference experiment
 * runs on it), with a reason. For a rollback it names the commit to revert: from the commit the
 * intent tag records, the commit that introduced the manifest's content there (through a merge,
 * the branch's own commit), even when the configuration was reused from an earlier deploy; and
 * {@link dev.sagemakergitops.core.status.EndpointStatusCheck#writeRevert} writes that commit's
 * revert on a branch, ready for a pull request. It reads AWS only.
 */
package dev.sagemakergitops.core.status;
