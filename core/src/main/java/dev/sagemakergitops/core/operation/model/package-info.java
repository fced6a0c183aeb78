/**
 * The serving model the operations share: what a manifest serves, and what each of its production
 * variants serves.
 *
 * <p>{@link dev.sagemakergitops.core.operation.model.ServingModels} defines the model of
 * {@code spec.model}: the manifest's pinned image with the artifact of the model package version it
 * names, read from the registry (the package must exist, be Approved and Completed and have an
 * artifact; otherwise the refusal is located at {@code spec.model.package}). Its name is
 * {@code <manifest name>-<hash>} of exactly the fields {@code CreateModel} receives, so safe deploy,
 * shadow test and batch transform each find the model another created, and a {@code git revert}
 * finds the earlier one. {@code ensure} creates it unless it exists.
 *
 * <p>{@link dev.sagemakergitops.core.operation.model.VariantServingModels} defines the model of each
 * production variant. A variant without {@code model} serves {@code spec.model}'s. A variant with
 * {@code spec.endpoint.variants[].model} serves {@code spec.model} with the variant's package, its
 * image (pinned like {@code spec.image}; {@code spec.image} when it names none) and its environment
 * merged over {@code spec.model.environment} key by key: it is defined by {@code ServingModels}
 * like any other, so it is named by the same hash of the same fields. Two variants naming the same
 * package, image and environment share one model, and a manifest without overrides defines the one
 * model it always did (same name, same {@code CreateModel}). A refusal is located at the variant's
 * {@code model.package}.
 *
 * <p>Which operation serves what: safe deploy creates every distinct model and gives each variant
 * of the endpoint configuration its own {@code ModelName}; batch transform serves {@code spec.model}
 * only; a shadow test is refused by the loader when a variant has its own model.
 *
 * <p><b>One container</b> (every manifest without {@code spec.model.containers}): the manifest's
 * pinned image with the artifact of {@code spec.model.package}, as CreateModel's
 * {@code PrimaryContainer}.
 *
 * <p><b>An inference pipeline</b> ({@link dev.sagemakergitops.core.operation.model.PipelineModelDefinition}):
 * ONE model whose {@code Containers} are, in order, the manifest's containers (each image pinned,
 * each {@code package} read for its artifact, which must be approved) or the containers of a
 * package version registered with several; {@code InferenceExecutionConfig} when the manifest sets
 * {@code inferenceExecution}; a {@code sagemaker-gitops:container-N-image-digest} tag per container.
 * Its name hashes every container, so no one-container model's name or request changes.
 */
package dev.sagemakergitops.core.operation.model;
