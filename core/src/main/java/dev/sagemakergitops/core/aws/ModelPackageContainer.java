package dev.sagemakergitops.core.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One inference container of a model package, as SageMaker stores it.
 *
 * <p>The container's {@code Environment} is read only to build the serving model of a package with
 * several containers (an inference pipeline registered as one version), which needs it to run as
 * registered; people do put credentials there, so {@link #toString()} names its keys only and no
 * result, record or plan carries it.
 *
 * @param image the image as registered, for example {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2}
 * @param imageDigest {@code sha256:<64 hex>} as SageMaker recorded it, or {@code null} when it did not
 * @param modelDataUrl the S3 URI of the model artifact ({@code ModelDataUrl}, else the S3 URI of
 *     {@code ModelDataSource}), or {@code null} for a container without artifact
 * @param hostname {@code ContainerHostname}, or {@code null}
 * @param environment {@code Environment}, empty when absent
 */
public record ModelPackageContainer(String image, String imageDigest, String modelDataUrl, String hostname,
    Map<String, String> environment) {

  public ModelPackageContainer {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment == null ? Map.of() : environment));
  }

  /** A container read without host name and environment. */
  public ModelPackageContainer(String image, String imageDigest, String modelDataUrl) {
    this(image, imageDigest, modelDataUrl, null, Map.of());
  }

  /** Names the fields but never the environment's values (people do put credentials there). */
  @Override
  public String toString() {
    return "ModelPackageContainer[image=" + image + ", imageDigest=" + imageDigest + ", modelDataUrl=" + modelDataUrl
        + ", hostname=" + hostname + ", environment=" + environment.keySet() + "]";
  }
}
