/**
 * Lineage: what ties every resource to the commit, the manifest, the image digest and the model
 * artifact it was made from.
 *
 * <p>{@link dev.sagemakergitops.core.lineage.Lineage} is written as {@code sagemaker-gitops:*} tags on
 * every resource that takes tags (training jobs, models, endpoint configs, endpoints, experiments,
 * transform jobs), and as {@code MetadataProperties} plus {@code CustomerMetadataProperties} on
 * model package versions, which take no tags. {@code explain} reads it back from AWS alone.
 */
package dev.sagemakergitops.core.lineage;
