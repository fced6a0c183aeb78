/**
 * Lineage: what ties every resource to the commit, the manifest, the image digest and the model
 * artifact it was made from, how to read it back from AWS, and the record every run leaves.
 *
 * <h2>Writing lineage</h2>
 *
 * <p>{@link dev.sagemakergitops.core.lineage.Lineage} is written as {@code sagemaker-gitops:*} tags
 * ({@link dev.sagemakergitops.core.lineage.Lineage#toTags()}) on every resource that takes tags
 * (training jobs, models, endpoint configs, endpoints, experiments, transform jobs). Model package
 * versions take no tags: their lineage is {@code MetadataProperties} ({@code CommitId},
 * {@code Repository}, {@code GeneratedBy}) plus
 * {@link dev.sagemakergitops.core.lineage.Lineage#toCustomerMetadata()} in
 * {@code CustomerMetadataProperties} ({@code manifest-path}, {@code manifest-blob},
 * {@code manifest-name}, {@code image}, {@code image-digest}, {@code model-artifact},
 * {@code training-job}). Tag and metadata values are cut to 256 characters and characters SageMaker
 * refuses become {@code _}; the deployment record keeps them exact.
 *
 * <h3>Variants with their own model</h3>
 *
 * <p>The lineage tags of an endpoint and its configuration are those of {@code spec.model}. Each
 * production variant with a model of its own ({@code spec.endpoint.variants[].model}) adds one tag,
 * {@link dev.sagemakergitops.core.lineage.VariantLineage}: {@code sagemaker-gitops:variant:<variant>}
 * = {@code <group>/<version> <image digest> <model name>}. The design follows SageMaker's tag limits
 * (botocore {@code TagList} at most 50, {@code TagKey} at most 128, {@code TagValue} at most 256
 * characters): one tag per variant, and only for variants with their own model, so the tool's 13
 * tags, the manifest's labels and 10 such variants fit in 50 (the loader refuses labels plus such
 * variants above 37); a key is at most 25 + 63 characters and a value at most 209. The artifact,
 * whose URI may be 1024 characters, is left out of the tag: the named model carries it in its own
 * {@code sagemaker-gitops:model-artifact} tag, and the deployment record keeps it exactly
 * ({@code lineage.variants[]}: variant, model name, package ARN, artifact, image digest, from
 * {@link dev.sagemakergitops.core.lineage.Recordable#recordVariants()}). {@code explain} reads each
 * variant's model and its tags as for any variant, and names each variant's package when the
 * production variants serve different models.
 *
 * <h2>Reading it back: explain</h2>
 *
 * <p>{@link dev.sagemakergitops.core.lineage.Explainer} answers from AWS alone, for an endpoint, a
 * model package version or a training job: it follows endpoint → live endpoint config → models →
 * model package → training job, reads the tags and the package metadata, and compares what the
 * lineage says with what runs (the digest SageMaker resolved, the artifact each model serves).
 * Disagreements, resources without the tool's tags, and references to resources that are gone
 * become notes of the {@link dev.sagemakergitops.core.lineage.Explanation}, which renders as text
 * and as JSON. Nothing is changed.
 *
 * <p>{@code Explainer} only walks the chain. Each part has its class: {@code EndpointFacts} (the
 * variants, their models and images, the endpoint's health and last deployment),
 * {@code ModelPackageFacts} (the registration and the approval) and {@code TrainingJobFacts};
 * {@code ExplanationReading} makes the calls, ends the explanation when its subject is missing and
 * turns a missing or unreadable part into a note.
 *
 * <h2>The deployment record</h2>
 *
 * <p>{@link dev.sagemakergitops.core.lineage.DeploymentRecord} is the JSON document every run
 * writes ({@code docs/deployment-record.md}). A
 * {@link dev.sagemakergitops.core.lineage.DeploymentRecorder} is started with the run, receives every
 * progress event, and is finished with the last step; the operation contributes its summary, its
 * resources and the lineage it completed through
 * {@link dev.sagemakergitops.core.lineage.Recordable}, implemented by its result or state, so this
 * package depends on no operation. {@link dev.sagemakergitops.core.lineage.DeploymentRecordWriter}
 * writes the file atomically. Records hold plain values only and never a secret: URLs lose their
 * user-info part, and no container environment is recorded.
 *
 * <p>An event may carry {@code facts} (plain values with a {@code kind}) that say the same change
 * for machines, and a {@code quiet} event carries facts only: it is recorded but never printed
 * (safe deploy's looks at the rollback alarms). A succeeded run's lineage is completed by its
 * state too when its result says nothing of it (safe deploy's model package and artifact). The
 * {@code core.report} package draws records as a page.
 */
package dev.sagemakergitops.core.lineage;
