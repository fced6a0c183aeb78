/**
 * The SageMaker model a manifest serves, shared by safe deploy, shadow test and batch transform.
 *
 * <p>{@link dev.sagemakergitops.core.operation.model.ServingModels} defines the {@link
 * dev.sagemakergitops.core.operation.model.ServingModel} of a manifest (reads only: the model
 * package versions it names) and creates it unless it exists. Its name is a hash of what it serves,
 * so every operation finds the model another created.
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
