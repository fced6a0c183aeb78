/**
 * Amazon ECR, locally: what a pipeline needs to publish an image tag and pin it to a digest.
 *
 * <p>{@link dev.sagemakergitops.local.ecr.EcrService} serves AWS JSON 1.1 under the target prefix
 * {@code AmazonEC2ContainerRegistry_V20150921}: {@code CreateRepository}, {@code DescribeRepositories},
 * {@code PutImage}, {@code DescribeImages}, {@code BatchGetImage}, {@code PutLifecyclePolicy} and
 * {@code GetLifecyclePolicy}, per region, in the account of
 * the control plane. A {@code Repository} holds one repository's images and tags,
 * {@code ImageManifests} computes what ECR derives from a manifest (digest, size), and
 * {@code EcrPages} pages the listings.
 *
 * <p>Behaviour kept from ECR:
 * <ul>
 *   <li>an image digest is {@code sha256:} and the SHA-256 of the manifest bytes exactly as sent; a
 *       {@code PutImage} whose {@code imageDigest} differs is refused with
 *       {@code ImageDigestDoesNotMatchException} (botocore: "The specified image digest does not match
 *       the digest that Amazon ECR calculated for the image.");
 *   <li>a manifest without a {@code mediaType} field needs {@code imageManifestMediaType} (botocore:
 *       "you must specify the imageManifestMediaType in the request"); without either {@code PutImage}
 *       is refused with {@code InvalidParameterException} (code and text undocumented, ECR's parameter
 *       error taken) and stores nothing;
 *   <li>{@code CreateRepository} keeps its {@code encryptionConfiguration} (botocore
 *       {@code EncryptionConfiguration}): {@code AES256} by default, {@code KMS} or {@code KMS_DSSE} with
 *       the key as given, or without one the ARN of a key in the account and region for "the default
 *       Amazon Web Services managed KMS key for Amazon ECR" (a name-based UUID: AWS's id is
 *       undocumented); a {@code kmsKey} with {@code AES256} is refused (undocumented, the hard reading);
 *   <li>a {@code registryId} of another account names a registry this one-account control plane has no
 *       repository in: {@code DescribeRepositories} lists none, a named repository is
 *       {@code RepositoryNotFoundException} naming that registry (botocore registryId: "the account ID
 *       associated with the registry that contains the repositories");
 *   <li>ARNs and repository URIs follow the region's partition ({@code aws-cn}: {@code arn:aws-cn:ecr:...},
 *       {@code ....dkr.ecr.cn-north-1.amazonaws.com.cn/...});
 *   <li>on a repository created with {@code imageTagMutability=IMMUTABLE} a tag never moves: pushing it
 *       for another digest answers {@code ImageTagAlreadyExistsException}; on a mutable one the tag
 *       moves and the old image stays, untagged;
 *   <li>{@code DescribeImages} with an unknown tag or digest fails as a whole with
 *       {@code ImageNotFoundException} and ECR's message ({@code The image with imageId
 *       {imageDigest:'null', imageTag:'x'} does not exist within the repository with name ...});
 *       {@code BatchGetImage} instead lists it under {@code failures} ({@code ImageNotFound});
 *   <li>an unknown repository is {@code RepositoryNotFoundException}, a second create
 *       {@code RepositoryAlreadyExistsException}, a push that changes nothing
 *       {@code ImageAlreadyExistsException} ("... in registry with id ...", as a real answer quoted in
 *       buildkite-plugins/ecr-buildkite-plugin#111 reads);
 *   <li>{@code PutImage} keeps the manifest media type it was given ({@code imageManifestMediaType}, else
 *       the manifest's own {@code mediaType}; botocore: "The media type of the image manifest") and
 *       {@code DescribeImages} and {@code BatchGetImage} answer it as {@code imageManifestMediaType};
 *       SageMaker reads it through {@link dev.sagemakergitops.local.spi.ContainerImages} to refuse OCI
 *       images (see {@code sagemaker.images});
 *   <li>{@code PutImage} of a manifest list or image index refuses one that names a manifest the
 *       repository does not hold ({@code ReferencedImagesNotFoundException}, botocore: "The manifest
 *       list is referencing an image that does not exist"; the text is ours), and
 *       {@code DescribeImages} answers a list's {@code imageSizeInBytes} as "the max size of all
 *       manifests in the list" (botocore {@code ImageDetail}); live-aws probe {@code manifest-list};
 *   <li>{@code PutLifecyclePolicy} stores a policy (JSON with a {@code rules} list, 100 to 30,720
 *       characters as botocore's {@code LifecyclePolicyText}) and {@code GetLifecyclePolicy} answers it, or
 *       {@code LifecyclePolicyNotFoundException} when the repository has none (botocore's error list for
 *       the operation); policies are never evaluated, so no image expires;
 *   <li>listings page with {@code maxResults} and an opaque {@code nextToken}.
 * </ul>
 *
 * <p>Not served: layers and the registry (docker) API, scanning, the evaluation of lifecycle policies, replication;
 * {@code *_WITH_EXCLUSION} mutabilities behave like their base value (exclusion filters are ignored).
 *
 * <p>For seeds and tests, {@link dev.sagemakergitops.local.ecr.EcrService#publish} pushes a generated,
 * deterministic manifest for {@code repository:tag} and returns its digest.
 */
package dev.sagemakergitops.local.ecr;
