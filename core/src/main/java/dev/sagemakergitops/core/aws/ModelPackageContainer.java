package dev.sagemakergitops.core.aws;

/**
 * One inference container of a model package, as SageMaker stores it.
 *
 * <p>The container's {@code Environment} is deliberately left out: people do put credentials there,
 * and nothing this project decides depends on it.
 *
 * @param image the image as registered, for example {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2}
 * @param imageDigest {@code sha256:<64 hex>} as SageMaker recorded it, or {@code null} when it did not
 * @param modelDataUrl the S3 URI of the model artifact ({@code ModelDataUrl}, else the S3 URI of
 *     {@code ModelDataSource}), or {@code null} for a container without artifact
 */
public record ModelPackageContainer(String image, String imageDigest, String modelDataUrl) {}
