/**
 * What the SageMaker resource services (hosting, registry, training, transform, tags) share, as
 * static helpers with no service of their own:
 * {@link dev.sagemakergitops.local.sagemaker.resources.SageMakerResources} (list pagination with an
 * opaque {@code NextToken} and {@code MaxResults}, request timestamps, {@code Tags} lists, S3 URIs,
 * and keeping a Create call's tags through {@link dev.sagemakergitops.local.spi.ResourceTags}).
 * Kept apart from every service so that the services reach each other only through {@code spi}.
 */
package dev.sagemakergitops.local.sagemaker.resources;
