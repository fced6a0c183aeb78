/**
 * SageMaker's model registry on the local control plane:
 * {@link dev.sagemakergitops.local.sagemaker.registry.ModelRegistry} serves
 * {@code CreateModelPackageGroup}, {@code DescribeModelPackageGroup}, {@code ListModelPackageGroups},
 * {@code CreateModelPackage}, {@code DescribeModelPackage}, {@code ListModelPackages} and
 * {@code UpdateModelPackage}.
 *
 * <h2>Groups</h2>
 * ARN {@code model-package-group/<name>} (case kept). A group is {@code Completed} at once.
 * {@code CreatedBy} is answered as an empty object (required; no IAM identity exists locally).
 * A second group of the same name: {@code ValidationException} "Model Package Group already exists:
 * &lt;arn&gt;" (text UNCONFIRMED). Missing: {@code ValidationException}
 * "ModelPackageGroup &lt;name&gt; does not exist." (SageMaker's messages end "does not exist.").
 *
 * <h2>Packages</h2>
 * <ul>
 *   <li><b>Versioned</b> ({@code ModelPackageGroupName}, a name or ARN): versions 1, 2, 3 ... in
 *       registration order; ARN {@code model-package/<group lowercased>/<version>}; answered
 *       {@code ModelPackageName} is the group's name; {@code ModelApprovalStatus} defaults to
 *       {@code PendingManualApproval} (default UNCONFIRMED on AWS).
 *   <li><b>Unversioned</b> ({@code ModelPackageName}): ARN {@code model-package/<name lowercased>};
 *       no approval status (it "does not apply"); a second one of the same name is a
 *       {@code ConflictException}.
 *   <li>Both names: {@code ValidationException} "Both ModelPackageName and ModelPackageGroupName are
 *       provided in the input. Cannot determine which one to use."; neither: "Missing ARN.".
 *   <li>{@code ModelPackageStatus} is {@code InProgress}, then {@code Completed} after a short
 *       simulated validation (5 s by default, a constructor argument);
 *       {@code ModelPackageStatusDetails} answers empty {@code ValidationStatuses} and
 *       {@code ImageScanStatuses}, as AWS samples show.
 *   <li>{@code InferenceSpecification} containers pinned by digest ({@code repo@sha256:...}) get
 *       {@code ImageDigest} filled in. Tag references are left without one (resolving needs ECR).
 *   <li>{@code MetadataProperties}, {@code ModelMetrics}, {@code CustomerMetadataProperties},
 *       {@code DriftCheckBaselines} and the other descriptive members are answered as given.
 *   <li>{@code ClientToken} makes CreateModelPackage idempotent: the same token answers the same ARN.
 *   <li>{@code Tags} are kept in the tag store even for versioned packages (AWS documents that a
 *       versioned package uses its group's tags; deliberately lenient here).
 * </ul>
 *
 * <h2>Describe, list, update</h2>
 * <ul>
 *   <li>{@code DescribeModelPackage} takes an ARN (compared ignoring case), {@code group/version},
 *       an unversioned package's name, or a group's name (its latest version, as moto answers).
 *       Missing: {@code ValidationException} "ModelPackage &lt;input&gt; does not exist.".
 *   <li>{@code ListModelPackages}: {@code ModelPackageType} defaults to {@code Unversioned} as
 *       documented, except that a {@code ModelPackageGroupName} filter lists the group's versions
 *       (the documented "latest approved version" query gives no type). Filters
 *       {@code ModelApprovalStatus}, {@code NameContains}, {@code CreationTimeAfter/Before}; sort by
 *       {@code CreationTime} (default) or {@code Name}, {@code Ascending} by default; pages of 10 by
 *       default. Versioned summaries carry group and version but no {@code ModelPackageName}, as AWS
 *       answers them.
 *   <li>{@code UpdateModelPackage}: any approval transition (PendingManualApproval, Approved,
 *       Rejected) on versioned packages; {@code ApprovalDescription}; {@code CustomerMetadataProperties}
 *       merged, then {@code CustomerMetadataPropertiesToRemove} removed (at most 50 left);
 *       {@code InferenceSpecification}, {@code SourceUri}, {@code ModelCard}, {@code ModelLifeCycle}
 *       replaced; {@code AdditionalInferenceSpecificationsToAdd} appended (at most 15). Sets
 *       {@code LastModifiedTime}.
 * </ul>
 *
 * <h2>Delete</h2>
 * <ul>
 *   <li>{@code DeleteModelPackage} removes a version or an unversioned package (botocore: "Deletes a
 *       model package"); a missing one is the describe's "does not exist." refusal. Version numbers
 *       are not reused.
 *   <li>{@code DeleteModelPackageGroup} ("Deletes the specified model group") is refused with
 *       {@code ConflictException}, the error botocore lists for it, while the group still holds
 *       versions; the text is chosen. Undocumented, taken the harder way: AWS could delete them
 *       along.
 *   <li>The {@code ClientToken} of a deleted version keeps answering the deleted ARN. AWS documents
 *       only that the token "guarantees that the call to this API is idempotent", not for how long
 *       or what it answers after a delete; answering the deleted version is the reading harder on a
 *       caller that deletes a Failed version and registers again. The live AWS probe
 *       {@code client-token-after-delete} (docs/live-aws.md) settles it.
 * </ul>
 */
package dev.sagemakergitops.local.sagemaker.registry;
