package dev.sagemakergitops.core.operation.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.lineage.Lineage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param containers an inference pipeline's containers in order, empty for a single-container
 *     model; when set, CreateModel names them ({@code Containers}) instead of a primary container, and
 *     {@code image}, {@code imageDigest}, {@code modelDataUrl} and {@code modelPackageArn} repeat the
 *     first container's (the first artifact and package of any container for the last two)
 * @param inferenceExecution {@code InferenceExecutionConfig.Mode} ({@code Serial} or {@code Direct}),
 *     or {@code null} to leave it to SageMaker (Serial)
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServingContainer> containers,
    @JsonInclude(JsonInclude.Include.NON_NULL) String inferenceExecution,
    @JsonInclude(JsonInclude.Include.NON_NULL) dev.sagemakergitops.core.manifest.ModelSpec.Network network) {

  public ServingModel {
    Objects.requireNonNull(name, "name");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    // A state file written before pipelines has neither field; a model of one container writes neither.
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /** A single-container model. */
  public ServingModel(String name, String region, String modelPackageArn, String image, String imageDigest,
      String modelDataUrl, String executionRoleArn, Map<String, String> environment, String mode, Lineage lineage) {
    this(name, region, modelPackageArn, image, imageDigest, modelDataUrl, executionRoleArn, environment, mode,
        lineage, List.of(), null, null);
  }

  /** An inference pipeline, or a single-container model, with no network settings. */
  public ServingModel(String name, String region, String modelPackageArn, String image, String imageDigest,
      String modelDataUrl, String executionRoleArn, Map<String, String> environment, String mode, Lineage lineage,
      List<ServingContainer> containers, String inferenceExecution) {
    this(name, region, modelPackageArn, image, imageDigest, modelDataUrl, executionRoleArn, environment, mode,
        lineage, containers, inferenceExecution, null);
  }

  /** A single-container model with {@code network} settings. */
  public ServingModel(String name, String region, String modelPackageArn, String image, String imageDigest,
      String modelDataUrl, String executionRoleArn, Map<String, String> environment, String mode, Lineage lineage,
      dev.sagemakergitops.core.manifest.ModelSpec.Network network) {
    this(name, region, modelPackageArn, image, imageDigest, modelDataUrl, executionRoleArn, environment, mode,
        lineage, List.of(), null, network);
  }

  /** True for an inference pipeline (several containers). */
  public boolean isPipeline() {
    return !containers.isEmpty();
  }

  /** Every image digest the model runs: the pipeline's containers' in order, else the one image's. */
  public List<String> imageDigests() {
    return isPipeline() ? containers.stream().map(ServingContainer::imageDigest).toList() : List.of(imageDigest);
  }
}
