/**
 * Model manifests, version 1: the YAML users write, as immutable Java values.
 *
 * <p>A manifest ({@link dev.sagemakergitops.core.manifest.ModelManifest}) describes one deployable
 * model in one environment: the image, and optionally how it is trained ({@code training}),
 * registered ({@code registry}), served ({@code model}, {@code endpoint}), shadow-tested
 * ({@code shadowTest}) and batch-scored ({@code batchTransforms}). The reference users read is
 * {@code docs/manifest.md}; {@code docs/manifest.schema.json} gives editors completion and checks.
 *
 * <h2>Loading</h2>
 *
 * {@link dev.sagemakergitops.core.manifest.ManifestLoader} is strict and safe:
 *
 * <ul>
 *   <li>SnakeYAML only <em>composes</em> the text into a node tree; nothing is constructed, so no
 *       tag can instantiate a class, and tags outside YAML's core schema are refused. Aliases (32),
 *       nesting (24 levels) and size (256 KiB) are bounded. One document per file.
 *   <li>The tree is bound field by field so that every problem carries file, line, column and
 *       field path, says what was expected and how to fix it, and all problems of a file are
 *       reported together. Unknown keys are errors with a "did you mean" hint. The package-private
 *       {@code ManifestBinder} reads the top level, hands each section to its binder (one class
 *       per section: {@code MetadataBinder}, {@code ImageBinder}, {@code TrainingBinder},
 *       {@code RegistryBinder}, {@code ModelBinder}, {@code EndpointBinder} with
 *       {@code AutoscalingBinder}, {@code DataCaptureBinder}, {@code DeploymentBinder} and
 *       {@code VariantModelBinder} (a variant's own model: package, image, environment; a shadow
 *       test refused beside it; labels and such variants sharing the endpoint's tag budget),
 *       {@code SmokeTestBinder} (the sample requests sent after a deploy, {@code spec.endpoint.smokeTest}),
 *       {@code ShadowTestBinder}, {@code BatchTransformBinder}), then checks the rules across
 *       sections. Under them, {@code YamlMapping} knows a mapping's keys, paths and where a problem
 *       points, {@code YamlScalars} whether one value is right, {@code SageMakerFields} the values
 *       several sections share, and {@code ManifestKeys} the keys each mapping allows.
 *   <li>Every value is checked against SageMaker's own limits ({@link
 *       dev.sagemakergitops.core.manifest.SageMakerLimits}: name patterns and lengths, bake and
 *       termination wait 0-3600 s, timeout 600-28800 s, canary at most 50 %, linear steps 10-50 %,
 *       1-10 rollback alarms, sampling 1-100 %) and its deployment guardrail exclusions (rolling
 *       excludes multi-variant and serverless endpoints; shadow tests exclude serverless,
 *       multi-model and Inf1; Inf1 cannot use guardrails at all). The deployment section's rules
 *       are {@link dev.sagemakergitops.core.manifest.DeploymentRules}, which also counts the traffic
 *       steps and builds SageMaker's {@code DeploymentConfig}, for safe deploy as well.
 * </ul>
 *
 * <p>Durations are a whole number and a unit ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d});
 * percentages are written {@code 10%}; a fleet share ({@link
 * dev.sagemakergitops.core.manifest.CapacitySize}) is a percentage or an instance count.
 *
 * <h2>Inference pipelines</h2>
 *
 * {@code spec.model.containers} ({@link dev.sagemakergitops.core.manifest.ContainersBinder}) lists
 * 2 to 15 {@link dev.sagemakergitops.core.manifest.ContainerSpec containers}, SageMaker's limits;
 * then {@code spec.image}, {@code spec.model.package}, {@code environment} and {@code mode} are
 * refused, each container naming its own image, artifact ({@code package}, {@code artifact} or
 * neither) and environment. {@code inferenceExecution} is {@code Serial} or {@code Direct}; Direct
 * needs a host name on every container.
 *
 * <h2>Editing</h2>
 *
 * {@link dev.sagemakergitops.core.manifest.ManifestScalarEditor} changes one scalar (the model
 * package a pull request bumps) in place, leaving comments and formatting byte for byte (a key path
 * may step into a sequence item, {@code [1]});
 * {@link dev.sagemakergitops.core.manifest.VariantModelEditor} is {@code bump --variant}'s edit: it
 * changes a variant's {@code model.package}, or adds a {@code model:} block with the package to a
 * variant that serves {@code spec.model}, in the variant's own style (block or flow);
 * {@link dev.sagemakergitops.core.manifest.ManifestLocator} finds where a field is written, so that
 * problems found later (against AWS, or between two commits) still point at a line.
 */
package dev.sagemakergitops.core.manifest;
