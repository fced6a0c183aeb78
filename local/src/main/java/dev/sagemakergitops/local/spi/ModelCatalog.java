package dev.sagemakergitops.local.spi;

import java.util.Map;
import java.util.Optional;

/** SageMaker models as batch transform and runtime see them. */
public interface ModelCatalog {

  /**
   * @param name the model name
   * @param image the container image as given
   * @param modelDataUrl the artifact's S3 URI, or {@code null}
   * @param environment the container environment
   */
  record ModelRecord(String name, String image, String modelDataUrl, Map<String, String> environment) {}

  Optional<ModelRecord> model(String region, String name);
}
