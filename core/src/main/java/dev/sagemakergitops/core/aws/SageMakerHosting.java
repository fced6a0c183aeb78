package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/**
 * What serves inference: models, endpoint configurations, endpoints and the inference experiments
 * on them, by name. Each missing model, configuration or endpoint is a {@code ValidationException
 * "Could not find model|endpoint configuration|endpoint "arn..."."} (botocore models no error for
 * these Describe calls; SageMaker's waiters match these answers); a missing inference experiment is
 * {@code ResourceNotFound} (botocore DescribeInferenceExperiment).
 */
public final class SageMakerHosting {
  private final SageMakerClient sageMaker;

  public SageMakerHosting(SageMakerClient sageMaker) {
    this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
  }

  /** {@code DescribeModel}, or empty when there is no model of that name. */
  public Optional<DescribeModelResponse> findModel(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound, () -> sageMaker.describeModel(r -> r.modelName(name)));
  }

  /** {@code DescribeEndpointConfig}, or empty when there is no configuration of that name. */
  public Optional<DescribeEndpointConfigResponse> findEndpointConfig(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeEndpointConfig(r -> r.endpointConfigName(name)));
  }

  /** {@code DescribeEndpoint}, or empty when there is no endpoint of that name. */
  public Optional<DescribeEndpointResponse> findEndpoint(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound, () -> sageMaker.describeEndpoint(r -> r.endpointName(name)));
  }

  /**
   * {@code DeleteModel}.
   *
   * @return false when there was no such model (deleted already)
   */
  public boolean deleteModel(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound, () -> sageMaker.deleteModel(r -> r.modelName(name)))
        .isPresent();
  }

  /**
   * {@code DeleteEndpointConfig}.
   *
   * @return false when there was no such configuration (deleted already)
   */
  public boolean deleteEndpointConfig(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(name))).isPresent();
  }

  /** {@code DescribeInferenceExperiment}, or empty when there is no experiment of that name. */
  public Optional<DescribeInferenceExperimentResponse> findInferenceExperiment(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeInferenceExperiment(r -> r.name(name)));
  }
}
