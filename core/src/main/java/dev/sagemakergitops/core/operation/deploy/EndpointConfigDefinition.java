package dev.sagemakergitops.core.operation.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.VariantLineage;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.model.ServingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The endpoint configuration a manifest asks for, and its name. The one place that decides which
 * fields make an endpoint configuration's name: safe deploy creates it by this name, and
 * {@code status} compares the live endpoint's configuration name with it. Two manifests (or two
 * commits of one manifest) that resolve to the same variants, model and data capture give the same
 * name, which is why a {@code git revert} finds the old configuration and reuses it.
 *
 * <p>Hashed: the endpoint name; for each variant, in manifest order, its name, instance type,
 * instance count, weight, serverless memory and concurrency, and the model name (itself a hash of
 * the pinned image, the artifact, the package, role, environment and mode); the data capture
 * destination, sampling and mode; when set (so a configuration without them keeps its name), the
 * data capture's KMS key and the instances' KMS key ({@code KmsKeyId}). Not hashed: tags and labels (lineage changes with every commit,
 * the configuration does not).
 *
 * @param name {@code <endpoint name>-<12 hex>}
 * @param endpointName the endpoint it is for
 * @param variants the production variants, in manifest order
 * @param dataCapture data capture, or {@code null}
 * @param tags lineage tags, {@code sagemaker-gitops:endpoint}, and the manifest's labels
 * @param kmsKeyId the KMS key of the instances' storage volumes ({@code KmsKeyId}), or {@code null}
 */
public record EndpointConfigDefinition(String name, String endpointName, List<Variant> variants,
    // Left out of the state file when unset, so a state written before KMS keys reads and writes the same text.
    DataCapture dataCapture, Map<String, String> tags, @JsonInclude(JsonInclude.Include.NON_NULL) String kmsKeyId) {

  /** The tag naming the endpoint a configuration or model was made for. */
  public static final String ENDPOINT_TAG = Lineage.TAG_PREFIX + "endpoint";

  public EndpointConfigDefinition {
    Objects.requireNonNull(name, "name");
    variants = List.copyOf(variants);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A configuration with no KMS key (a saved state from before it existed reads as this). */
  public EndpointConfigDefinition(String name, String endpointName, List<Variant> variants, DataCapture dataCapture,
      Map<String, String> tags) {
    this(name, endpointName, variants, dataCapture, tags, null);
  }

  /**
   * One production variant.
   *
   * @param instanceType {@code null} when serverless
   * @param instanceCount {@code null} when serverless
   * @param serverlessMemoryMb {@code null} unless serverless
   * @param serverlessMaxConcurrency {@code null} unless serverless
   */
  public record Variant(String name, String modelName, String instanceType, Integer instanceCount, double weight,
      Integer serverlessMemoryMb, Integer serverlessMaxConcurrency) {

    /** True for a serverless variant. */
    public boolean serverless() {
      return serverlessMemoryMb != null;
    }

    /** True on Inf1 instances, which SageMaker's deployment guardrails do not support. */
    public boolean inf1() {
      return instanceType != null && instanceType.startsWith("ml.inf1.");
    }
  }

  /** Data capture as {@code DataCaptureConfig}; {@code kmsKeyId} may be {@code null}. */
  public record DataCapture(String s3Uri, int samplingPercent, String captureMode,
      @JsonInclude(JsonInclude.Include.NON_NULL) String kmsKeyId) {
    /** Data capture with no KMS key. */
    public DataCapture(String s3Uri, int samplingPercent, String captureMode) {
      this(s3Uri, samplingPercent, captureMode, null);
    }
  }

  /** The configuration {@code manifest} asks for, every variant serving {@code model}. */
  public static EndpointConfigDefinition of(ResolvedManifest manifest, ServingModel model) {
    return of(manifest, model, Map.of());
  }

  /**
   * The configuration {@code manifest} asks for: each variant serving its model in
   * {@code byVariant}, or {@code model} when it has none there. The variant's model name is already
   * part of the hash, so a manifest whose variants all serve {@code model} gets the name it always got.
   */
  public static EndpointConfigDefinition of(ResolvedManifest manifest, ServingModel model,
      Map<String, ServingModel> byVariant) {
    EndpointSpec endpoint = manifest.manifest().spec().endpoint();
    if (endpoint == null) {
      throw new IllegalArgumentException(manifest.origin().manifestPath() + " has no spec.endpoint");
    }
    List<Variant> variants = new ArrayList<>();
    for (EndpointSpec.Variant v : endpoint.variants()) {
      boolean serverless = v.serverless() != null;
      variants.add(new Variant(v.name(), byVariant.getOrDefault(v.name(), model).name(), serverless ? null : v.instanceType(),
          serverless ? null : v.instanceCount(), v.weight(), serverless ? v.serverless().memorySizeMb() : null,
          serverless ? v.serverless().maxConcurrency() : null));
    }
    DataCapture capture = endpoint.dataCapture() == null ? null : new DataCapture(endpoint.dataCapture().s3Uri(),
        endpoint.dataCapture().samplingPercent(), endpoint.dataCapture().captureMode(),
        endpoint.dataCapture().kmsKeyId());
    String name = ResourceName.of(endpoint.name(), hash(endpoint.name(), variants, capture, endpoint.kmsKeyId()));
    Map<String, String> tags = new LinkedHashMap<>(model.lineage().toTags());
    tags.putAll(variantTags(model, byVariant));
    tags.put(ENDPOINT_TAG, endpoint.name());
    manifest.manifest().metadata().labels().forEach(tags::putIfAbsent);
    return new EndpointConfigDefinition(name, endpoint.name(), variants, capture, tags, endpoint.kmsKeyId());
  }

  /**
   * The {@code sagemaker-gitops:variant:<name>} tags of the variants that serve a model other than
   * {@code model} ({@link VariantLineage}); none when every variant serves it.
   */
  public static Map<String, String> variantTags(ServingModel model, Map<String, ServingModel> byVariant) {
    return VariantLineage.toTags(byVariant.entrySet().stream()
        .filter(e -> !e.getValue().name().equals(model.name()))
        .map(e -> VariantLineage.of(e.getKey(), e.getValue().name(), e.getValue().lineage())).toList());
  }

  /** The hash an endpoint configuration's name is made of; see the class comment for the fields. */
  public static ContentHash hash(String endpointName, List<Variant> variants, DataCapture capture) {
    ContentHash hash = ContentHash.of("endpoint-config").field("endpoint", endpointName);
    List<Object> written = new ArrayList<>();
    for (Variant v : variants) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", v.name());
      fields.put("model", v.modelName());
      fields.put("instanceType", v.instanceType());
      fields.put("instanceCount", v.instanceCount());
      fields.put("weight", v.weight());
      fields.put("serverlessMemoryMb", v.serverlessMemoryMb());
      fields.put("serverlessMaxConcurrency", v.serverlessMaxConcurrency());
      written.add(fields);
    }
    hash.field("variants", written);
    hash.field("dataCapture", capture == null ? null : capture.kmsKeyId() == null
        ? List.of(capture.s3Uri(), capture.samplingPercent(), capture.captureMode())
        // The key joins only when set: a configuration without one keeps its name.
        : List.of(capture.s3Uri(), capture.samplingPercent(), capture.captureMode(), capture.kmsKeyId()));
    return hash;
  }

  /** The hash with the instances' KMS key, which joins it only when set. */
  public static ContentHash hash(String endpointName, List<Variant> variants, DataCapture capture, String kmsKeyId) {
    ContentHash hash = hash(endpointName, variants, capture);
    if (kmsKeyId != null) {
      hash.field("kmsKeyId", kmsKeyId);
    }
    return hash;
  }

  /**
   * The name this configuration would have with {@code otherVariants} in place of its variants,
   * everything else kept: equal to a live configuration's name when the two differ only in what the
   * variants were given instead (weights and instance counts, for a change in place).
   */
  public String nameWith(List<Variant> otherVariants) {
    return ResourceName.of(endpointName, hash(endpointName, otherVariants, dataCapture, kmsKeyId));
  }

  /** The variant names, in manifest order. */
  public List<String> variantNames() {
    return variants.stream().map(Variant::name).toList();
  }

  /** True when any variant runs on Inf1. */
  public boolean anyInf1() {
    return variants.stream().anyMatch(Variant::inf1);
  }

  /** {@code CreateEndpointConfig} for this definition. */
  public CreateEndpointConfigRequest toRequest() {
    List<ProductionVariant> production = new ArrayList<>();
    for (Variant v : variants) {
      ProductionVariant.Builder builder = ProductionVariant.builder()
          .variantName(v.name())
          .modelName(v.modelName())
          .initialVariantWeight((float) v.weight());
      if (v.serverless()) {
        builder.serverlessConfig(ProductionVariantServerlessConfig.builder()
            .memorySizeInMB(v.serverlessMemoryMb()).maxConcurrency(v.serverlessMaxConcurrency()).build());
      } else {
        builder.instanceType(v.instanceType()).initialInstanceCount(v.instanceCount());
      }
      production.add(builder.build());
    }
    CreateEndpointConfigRequest.Builder request = CreateEndpointConfigRequest.builder()
        .endpointConfigName(name)
        .productionVariants(production)
        .tags(tagList(tags));
    if (dataCapture != null) {
      request.dataCaptureConfig(DataCaptureConfig.builder()
          .enableCapture(true)
          .initialSamplingPercentage(dataCapture.samplingPercent())
          .destinationS3Uri(dataCapture.s3Uri())
          .captureOptions(CaptureOption.builder().captureMode(dataCapture.captureMode()).build())
          .kmsKeyId(dataCapture.kmsKeyId())
          .build());
    }
    if (kmsKeyId != null) {
      request.kmsKeyId(kmsKeyId);
    }
    return request.build();
  }

  static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
