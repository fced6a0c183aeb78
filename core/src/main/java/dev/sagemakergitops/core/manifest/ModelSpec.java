package dev.sagemakergitops.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered model that is served: one model package version in one container, or an inference
 * pipeline of 2 to 15 {@link ContainerSpec containers}.
 *
 * @param modelPackage the approved model package version to deploy, or {@code null} for a pipeline
 *     that names its containers
 * @param executionRoleArn the role the model's containers run with
 * @param environment container environment variables
 * @param mode {@code SingleModel} or {@code MultiModel}
 * @param containers the inference pipeline's containers in order; empty for a single-container model
 * @param inferenceExecution SageMaker's {@code InferenceExecutionConfig.Mode} ({@code Serial} or
 *     {@code Direct}), or {@code null} when the manifest leaves it out
 * @param network {@code spec.model.network}, or {@code null} when the manifest leaves it out
 */
public record ModelSpec(
    ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment, Mode mode,
    List<ContainerSpec> containers, String inferenceExecution, Network network) {

  public ModelSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    containers = List.copyOf(containers);
  }

  /** A single-container model: what every manifest without {@code containers} is. */
  public ModelSpec(ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment,
      Mode mode) {
    this(modelPackage, executionRoleArn, environment, mode, List.of(), null, null);
  }

  /** A model of one container or a pipeline, with no {@code network} section. */
  public ModelSpec(ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment,
      Mode mode, List<ContainerSpec> containers, String inferenceExecution) {
    this(modelPackage, executionRoleArn, environment, mode, containers, inferenceExecution, null);
  }

  /** A single-container model with {@code network} settings. */
  public ModelSpec(ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment,
      Mode mode, Network network) {
    this(modelPackage, executionRoleArn, environment, mode, List.of(), null, network);
  }

  /** True when the manifest names the containers of an inference pipeline ({@code spec.model.containers}). */
  public boolean isPipeline() {
    return !containers.isEmpty();
  }

  /** These settings serving {@code otherPackage} with {@code otherEnvironment}: a variant's own model. */
  public ModelSpec withPackageAndEnvironment(ModelPackageReference otherPackage, Map<String, String> otherEnvironment) {
    // The variant's model runs where spec.model's does: the same VPC, the same isolation.
    return new ModelSpec(otherPackage, executionRoleArn, otherEnvironment, mode, List.of(), null, network);
  }

  /**
   * {@code spec.model.network}: {@code CreateModel.VpcConfig} and {@code EnableNetworkIsolation}.
   *
   * @param subnets 1 to 16 subnet ids, or empty for no VPC
   * @param securityGroups 1 to 5 security group ids, or empty for no VPC
   * @param isolation no inbound or outbound network calls to or from the containers
   */
  public record Network(java.util.List<String> subnets, java.util.List<String> securityGroups, boolean isolation) {
    public Network {
      subnets = java.util.List.copyOf(subnets);
      securityGroups = java.util.List.copyOf(securityGroups);
    }

    /** True when the model runs in a VPC. */
    public boolean vpc() {
      return !subnets.isEmpty();
    }
  }

  /** SageMaker's container {@code Mode}. */
  public enum Mode {
    SINGLE_MODEL("SingleModel"),
    MULTI_MODEL("MultiModel");

    private final String wireName;

    Mode(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
