package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * The endpoint as it runs: {@code DescribeEndpoint}, plus the live configuration's variants (their
 * instance types are only in {@code DescribeEndpointConfig}).
 *
 * @param endpoint the description
 * @param variants the live variants; instance types are {@code null} when the live configuration
 *     could not be read (it was deleted)
 */
public record LiveEndpoint(DescribeEndpointResponse endpoint, List<Variant> variants) {

  /** A live variant: its name, instance type (or {@code null}) and whether it is serverless. */
  public record Variant(String name, String instanceType, boolean serverless, String modelName) {
    public boolean inf1() {
      return instanceType != null && instanceType.startsWith("ml.inf1.");
    }
  }

  public LiveEndpoint {
    variants = List.copyOf(variants);
  }

  /** The endpoint's description, or empty when it does not exist. */
  public static Optional<DescribeEndpointResponse> describe(SageMakerClient sageMaker, String endpointName) {
    return new SageMakerHosting(sageMaker).findEndpoint(endpointName);
  }

  /** The configuration's description, or empty when it does not exist. */
  public static Optional<DescribeEndpointConfigResponse> describeConfig(SageMakerClient sageMaker, String name) {
    return new SageMakerHosting(sageMaker).findEndpointConfig(name);
  }

  /**
   * The endpoint with its live variants: one {@code DescribeEndpointConfig} of the configuration
   * the endpoint serves (during an update, of the old one, which is what the guardrails compare
   * with).
   */
  public static LiveEndpoint read(SageMakerClient sageMaker, DescribeEndpointResponse endpoint, String servingConfig) {
    return of(endpoint, servingConfig == null ? Optional.empty() : describeConfig(sageMaker, servingConfig));
  }

  /** The endpoint with the variants of {@code config}, the configuration it serves as already read (or none). */
  static LiveEndpoint of(DescribeEndpointResponse endpoint, Optional<DescribeEndpointConfigResponse> config) {
    List<Variant> variants = new ArrayList<>();
    if (config.isPresent()) {
      for (ProductionVariant v : config.get().productionVariants()) {
        variants.add(new Variant(v.variantName(), v.instanceTypeAsString(), v.serverlessConfig() != null,
            v.modelName()));
      }
    } else {
      for (ProductionVariantSummary v : endpoint.productionVariants()) {
        variants.add(new Variant(v.variantName(), null, v.currentServerlessConfig() != null, null));
      }
    }
    return new LiveEndpoint(endpoint, variants);
  }

  public List<String> variantNames() {
    return variants.stream().map(Variant::name).toList();
  }
}
