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
    ModelPackageReference modelPackage, String executionRoleArn, Map<String, String> environment, Mode mode) {

  public ModelSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** These settings serving {@code otherPackage} with {@code otherEnvironment}: a variant's own model. */
  public ModelSpec withPackageAndEnvironment(ModelPackageReference otherPackage, Map<String, String> otherEnvironment) {
    return new ModelSpec(otherPackage, executionRoleArn, otherEnvironment, mode);
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
