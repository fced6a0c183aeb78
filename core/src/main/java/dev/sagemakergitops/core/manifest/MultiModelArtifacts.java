package dev.sagemakergitops.core.manifest;

import java.util.Optional;

/**
 * What {@code mode: MultiModel} asks of the model's artifact: an S3 prefix under which every model
 * of the endpoint lies, not one {@code model.tar.gz}. AWS: "the ModelDataUrl ... the S3 prefix that
 * contains the model artifacts" and a request's {@code TargetModel} is "the relative path of the
 * model ... SageMaker constructs the absolute path of the model by combining the prefix that is
 * provided as part of the CreateModel API call with the relative path of the model" (Developer
 * Guide, multi-model-endpoints and invoke-multi-model-endpoint); an S3 key prefix "always ends with
 * a forward slash (/)" (botocore sagemaker, {@code S3ModelDataSource.S3DataType}). A model package
 * version cannot hold such a prefix as its {@code ModelDataUrl}: "This path must point to a single
 * gzip compressed tar archive (.tar.gz suffix)" (botocore sagemaker,
 * {@code ModelPackageContainerDefinition.ModelDataUrl}).
 */
public final class MultiModelArtifacts {
  private MultiModelArtifacts() {}

  /** Why {@code artifact} cannot serve a multi-model endpoint, or empty when it can. */
  public static Optional<String> problem(String artifact) {
    if (artifact != null && artifact.startsWith("s3://") && artifact.endsWith("/")) {
      return Optional.empty();
    }
    return Optional.of("mode MultiModel serves every model under an S3 prefix (ModelDataUrl such as"
        + " s3://bucket/churn/models/, each request naming its TargetModel below it), but the model's artifact is "
        + (artifact == null ? "none" : "'" + artifact + "'") + ", one model. Use mode SingleModel for one model.tar.gz,"
        + " or serve from a prefix that ends with '/' (see docs/manifest.md, Multi-model endpoints)");
  }
}
