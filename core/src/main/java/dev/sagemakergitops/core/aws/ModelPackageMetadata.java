package dev.sagemakergitops.core.aws;

/**
 * A model package's {@code MetadataProperties}: where it came from. Any field may be {@code null}.
 *
 * @param commitId the commit the package was built from
 * @param repository the repository of that commit
 * @param generatedBy what registered it (a build URL, for example)
 * @param projectId the SageMaker project, if any
 */
public record ModelPackageMetadata(String commitId, String repository, String generatedBy, String projectId) {

  /** No metadata at all. */
  public static final ModelPackageMetadata NONE = new ModelPackageMetadata(null, null, null, null);
}
