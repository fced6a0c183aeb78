/**
 * SageMaker tags, and what the SageMaker resource services share.
 *
 * <h2>Tags</h2>
 * {@link dev.sagemakergitops.local.sagemaker.tags.Tags} serves {@code AddTags}, {@code ListTags} and
 * {@code DeleteTags} for any SageMaker ARN ({@code arn:aws:sagemaker:<region>:<account>:<resource>}).
 * It provides a {@link dev.sagemakergitops.local.sagemaker.tags.TagStore} capability; every Create
 * call with {@code Tags} (training and transform jobs, model package groups, and the hosting
 * resources) stores its tags there, usually through
 * {@link dev.sagemakergitops.local.sagemaker.resources.SageMakerResources#storeTags}.
 *
 * <ul>
 *   <li>{@code AddTags} adds or overwrites, and answers the tags it was given. More than 50 tags on
 *       one resource is refused with {@code ResourceLimitExceeded}.
 *   <li>{@code ListTags} answers tags in the order their keys were first added, 50 per page by
 *       default ({@code MaxResults} at least 50, as the model says), with {@code NextToken}.
 *   <li>{@code DeleteTags} ignores keys the resource does not have.
 *   <li>Deliberate difference: the store does not check that the ARN names an existing resource
 *       (it cannot know every resource kind); AWS refuses tags on resources that do not exist.
 * </ul>
 *
 * <p>The helpers the resource services share (pagination, timestamps, {@code Tags} lists, S3 URIs)
 * live in {@code sagemaker.resources}, a package of no service, and reach this store through
 * {@link dev.sagemakergitops.local.spi.ResourceTags}.
 */
package dev.sagemakergitops.local.sagemaker.tags;
