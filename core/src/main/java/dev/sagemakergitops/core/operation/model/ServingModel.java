package dev.sagemakergitops.core.operation.model;

import dev.sagemakergitops.core.lineage.Lineage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SageMaker model a manifest serves: the pinned serving image with the artifact of the model
 * package version the manifest names. Safe deploy, shadow test and batch transform all serve it,
 * and its {@link #name} is a hash of exactly these fields, so each of them finds the model another
 * created.
 *
 * @param name {@code <manifest name>-<hash>}
 * @param region the region it lives in
 * @param modelPackageArn the package version the artifact comes from
 * @param image the pinned serving image, {@code host/repository@sha256:...}
 * @param imageDigest the digest alone
 * @param modelDataUrl the model artifact (S3 URI of a {@code .tar.gz})
 * @param executionRoleArn the role the container runs with
 * @param environment container environment variables
 * @param mode {@code SingleModel} or {@code MultiModel}
 * @param lineage what goes into its tags
 * @param network {@code VpcConfig} and {@code EnableNetworkIsolation}, or {@code null} for neither
 */
public record ServingModel(
    String name,
    String region,
    String modelPackageArn,
    String image,
    String imageDigest,
    String modelDataUrl,
    String executionRoleArn,
    Map<String, String> environment,
    String mode,
    Lineage lineage,
    dev.sagemakergitops.core.manifest.ModelSpec.Network network) {

  public ServingModel {
    Objects.requireNonNull(name, "name");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** A model with no network settings (a saved state from before they existed reads as this). */
  public ServingModel(String name, String region, String modelPackageArn, String image, String imageDigest,
      String modelDataUrl, String executionRoleArn, Map<String, String> environment, String mode, Lineage lineage) {
    this(name, region, modelPackageArn, image, imageDigest, modelDataUrl, executionRoleArn, environment, mode, lineage,
        null);
  }
}
