/**
 * {@code status}: whether the live endpoints match the manifests at a Git ref.
 *
 * <p>{@link dev.sagemakergitops.core.status.EndpointStatusCheck} reports each endpoint as
 * {@link dev.sagemakergitops.core.status.SyncState#IN_SYNC IN_SYNC} (it serves the configuration
 * the manifest hashes to, named exactly as safe deploy names it),
 * {@link dev.sagemakergitops.core.status.SyncState#OUT_OF_SYNC OUT_OF_SYNC} (another configuration,
 * or no endpoint), {@link dev.sagemakergitops.core.status.SyncState#ROLLED_BACK ROLLED_BACK} (the
 * configuration sagemaker-gitops last requested, recorded in the endpoint's
 * {@code sagemaker-gitops:endpoint-config} tag, is not what it serves: SageMaker rolled the
 * deployment back) or {@link dev.sagemakergitops.core.status.SyncState#UPDATING UPDATING}, with a
 * reason. For a rollback it finds, from the failed configuration's lineage tags, the commit that
 * introduced the manifest it was made from, and
 * {@link dev.sagemakergitops.core.status.EndpointStatusCheck#writeRevert} writes that commit's
 * revert on a branch, ready for a pull request. It reads AWS only.
 */
package dev.sagemakergitops.core.status;
