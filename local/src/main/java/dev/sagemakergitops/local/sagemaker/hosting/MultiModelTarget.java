package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.util.Optional;

/**
 * {@code TargetModel} ({@code X-Amzn-SageMaker-Target-Model}) on {@code InvokeEndpoint}: which
 * artifact answers a request.
 *
 * <ul>
 *   <li>A container in {@code Mode: MultiModel} serves {@code <ModelDataUrl><TargetModel>}: "The
 *       SageMaker system constructs the absolute path of the model by combining the prefix that is
 *       provided as part of the CreateModel API call with the relative path of the model"
 *       (Developer Guide, invoke-multi-model-endpoint). The object is read from the local S3 when
 *       the request comes (SageMaker loads a target model on its first request).
 *   <li>A multi-model request without {@code TargetModel} is refused: {@code ValidationError}
 *       "Request ... is missing a target model header" (answer quoted in
 *       aws/sagemaker-tensorflow-serving-container issue 166).
 *   <li>{@code TargetModel} on a single-model endpoint is refused: {@code ValidationError}
 *       "Endpoint X is not a multi-model endpoint and does not support target model header."
 *       (answers quoted in aws/amazon-sagemaker-examples issues 1026 and 1216, error code
 *       {@code TARGET_MODEL_HEADER_NOT_SUPPORTED}).
 *   <li>A {@code TargetModel} with no object under the prefix: AWS documents no answer. The reading
 *       harder on the operations is taken: the request is refused with {@code ValidationError}
 *       (HTTP 400) naming the S3 object, never answered by some other model.
 * </ul>
 */
final class MultiModelTarget {
  static final String HEADER = "X-Amzn-SageMaker-Target-Model";

  private MultiModelTarget() {}

  /**
   * The artifact that answers: the model's own for a single-model container, the target model's
   * under the prefix for a multi-model one.
   *
   * @throws AwsServiceException {@code ValidationError} as described in the class documentation
   */
  /** Whether a container of {@code model} is a multi-model one ({@code Mode: MultiModel}). */
  static boolean isMultiModel(Model model) {
    return model != null && model.containers().stream().map(c -> c.path("Mode"))
        .filter(JsonNode::isTextual).anyMatch(mode -> mode.asText().equals("MultiModel"));
  }

  static String artifactUrl(Model model, String endpointName, String targetModel, Optional<ObjectStore> store,
      String requestId) {
    String url = model == null ? null : model.modelDataUrl();
    if (!isMultiModel(model)) {
      if (targetModel != null) {
        throw new AwsServiceException("ValidationError", 400, "Endpoint " + endpointName + " is not a multi-model"
            + " endpoint and does not support target model header.");
      }
      return url;
    }
    if (targetModel == null) {
      throw new AwsServiceException("ValidationError", 400, "Request " + requestId + " is missing a target model"
          + " header");
    }
    String target = url + targetModel;
    String rest = target.startsWith("s3://") ? target.substring("s3://".length()) : "";
    int slash = rest.indexOf('/');
    boolean found = slash > 0 && store.flatMap(s -> s.get(rest.substring(0, slash), rest.substring(slash + 1)))
        .isPresent();
    if (!found) {
      throw new AwsServiceException("ValidationError", 400, "Failed to download model data for target model "
          + targetModel + " of endpoint " + endpointName + ": there is no object at " + target + ".");
    }
    return target;
  }
}
