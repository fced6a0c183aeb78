/**
 * {@code registerModel}: a versioned model package from a model artifact, in the model package
 * group of a manifest's {@code spec.registry}, optionally with the commit that bumps the manifest
 * to it.
 *
 * <h2>What is registered</h2>
 *
 * <p>{@link dev.sagemakergitops.core.operation.register.PackageRegistration}: one container with
 * the manifest's pinned serving image, its {@code ImageDigest} and the artifact as
 * {@code ModelDataUrl}; {@code text/csv} and {@code application/json} as supported content and
 * response types; {@code MetadataProperties} (commit id, repository, the build URL as
 * {@code GeneratedBy}); {@code CustomerMetadataProperties} with the lineage fields by name
 * ({@code repository}, {@code commit}, {@code manifest-path}, {@code manifest-blob},
 * {@code manifest-name}, {@code image}, {@code image-digest}, {@code model-artifact},
 * {@code training-job}, {@code build}; values outside SageMaker's character class replaced by
 * {@code _}, cut to 256 characters); {@code ModelMetrics.ModelQuality.Statistics} from
 * {@code spec.registry.metrics} with the report's SHA-256 as {@code ContentDigest}; the
 * manifest's approval status.
 *
 * <h2>Never twice</h2>
 *
 * <p>A version is identified by group, artifact and image digest. Before creating, the group's
 * versions are listed newest first and compared
 * ({@link dev.sagemakergitops.core.operation.register.RegisteredVersions}); one that matches is
 * reused. The identity's hash is written into the description (so versions of other artifacts are
 * skipped without a describe; of versions without a key only the newest few are described) and, longer, is the {@code ClientToken}. The create happens in its
 * own phase, after one more search, so a run that died after {@code CreateModelPackage} finds its
 * version on the next poll even where the token is not honoured (moto).
 *
 * <h2>The bump commit</h2>
 *
 * <p>With a {@link dev.sagemakergitops.core.operation.register.RegisterRequest.Bump}, once the
 * version is {@code Completed}, {@code GitRepository.bumpPackageVersion} writes a commit on the
 * branch that changes only {@code spec.model.package} (comments and layout kept), on the commit
 * the manifest was read at. A repeated run keeps the bump it already wrote; a manifest that already
 * names the version gets no commit.
 *
 * <p><b>Inference pipelines.</b> A manifest with {@code spec.model.containers} registers every
 * container, in order, in one version ({@code InferenceSpecification.Containers}: pinned image,
 * host name, environment, artifact); {@link dev.sagemakergitops.core.operation.register.PipelineRegistration}
 * gives each its artifact (its own, its package's, or, for the one container naming neither, the
 * artifact being registered). The identity then hashes every container; such a manifest cannot be
 * bumped (it has no {@code spec.model.package}).
 */
package dev.sagemakergitops.core.operation.register;
