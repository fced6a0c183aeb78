package dev.sagemakergitops.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registered model that is served.
 *
 * @param modelPackage the approved model package version to deploy
 * @param executionRoleArn the role the model's containers run with
 * @param environment container environment variables
 * @param mode {@code SingleModel} or {@code MultiModel}
 */
public record ModelSpec(
    ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment, Mode mode,
    Network network) {

  public ModelSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** A model with no {@code network} section. */
  public ModelSpec(ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment,
      Mode mode) {
    this(modelPackage, executionRoleArn, environment, mode, null);
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
