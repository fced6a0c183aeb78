package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.model.ServingModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceExperimentRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentType;
import software.amazon.awssdk.services.sagemaker.model.ModelInfrastructureType;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The inference experiment a shadow test runs, fully resolved: plain data kept in the state.
 *
 * @param name {@code <endpoint>-shadow-<hash>}, at most 120 characters (the experiment name rule)
 * @param region where the endpoint lives
 * @param endpointName the live endpoint
 * @param roleArn the role SageMaker runs the experiment with
 * @param production the endpoint's production variant
 * @param shadowModel the manifest's model, served by the shadow variant
 * @param shadowVariantName the shadow variant's name: the model's name, so CloudWatch's
 *     {@code VariantName} dimension says which model a metric is of
 * @param shadowInstanceType the shadow's instance type ({@code shadowTest.instanceType}, else
 *     production's)
 * @param shadowInstanceCount the shadow's instance count ({@code shadowTest.instanceCount}, else
 *     production's configured count)
 * @param test the manifest's sampling, duration, criteria and action on pass
 * @param dataCaptureS3Uri {@code DataStorageConfig.Destination}, or {@code null}
 * @param runKey the run key, or {@code null}
 * @param tags lineage tags
 */
public record ExperimentDefinition(String name, String region, String endpointName, String roleArn,
    ProductionVariant production, ServingModel shadowModel, String shadowVariantName, String shadowInstanceType,
    int shadowInstanceCount, ShadowTestSpec test, String dataCaptureS3Uri, String runKey, Map<String, String> tags) {

  /** SageMaker's experiment name rule: up to 120 characters. */
  public static final int MAX_NAME_LENGTH = 120;
  /** SageMaker's longest experiment. */
  public static final Duration MAX_DURATION = Duration.ofDays(30);
  /**
   * Added to the schedule so that a request reaching SageMaker a little after it was sent still
   * asks for at least the 1-hour minimum.
   */
  static final Duration SCHEDULE_SLACK = Duration.ofMinutes(1);

  public ExperimentDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(production, "production");
    Objects.requireNonNull(shadowModel, "shadowModel");
    Objects.requireNonNull(test, "test");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /**
   * The experiment of {@code shadowModel} beside {@code production}. Its name hashes everything that
   * decides what the experiment does and how it ends: both models, production's configuration,
   * the shadow's infrastructure, sampling, duration, criteria and the action on pass (and the run
   * key, when given). The same manifest on the same endpoint therefore always names the same
   * experiment, and a re-run attaches to it.
   */
  public static ExperimentDefinition of(String endpointName, String region, String roleArn,
      ProductionVariant production, ServingModel shadowModel, ShadowTestSpec test, String dataCaptureS3Uri,
      String runKey) {
    String shadowType = test.instanceType() != null ? test.instanceType() : production.instanceType();
    int shadowCount = test.instanceCount() > 0 ? test.instanceCount() : production.configuredInstanceCount();
    ContentHash hash = ContentHash.of("inference-experiment")
        .field("endpoint", endpointName)
        .field("endpointConfig", production.endpointConfigName())
        .field("productionVariant", production.variantName())
        .field("productionModel", production.modelName())
        .field("productionInstanceType", production.instanceType())
        .field("productionInstanceCount", production.configuredInstanceCount())
        .field("shadowModel", shadowModel.name())
        .field("shadowInstanceType", shadowType)
        .field("shadowInstanceCount", shadowCount)
        .field("samplingPercent", test.samplingPercent())
        .field("durationSeconds", test.duration().toSeconds())
        .field("maxLatencyIncreasePercent", test.maxLatencyIncreasePercent())
        .field("maxErrorRatePercent", test.maxErrorRatePercent())
        .field("onPass", test.onPass().manifestName())
        .field("dataCapture", dataCaptureS3Uri)
        .field("runKey", runKey);
    String name = ResourceName.of(endpointName + "-shadow", hash, MAX_NAME_LENGTH);
    return new ExperimentDefinition(name, region, endpointName, roleArn, production, shadowModel,
        shadowModel.name(), shadowType, shadowCount, test, dataCaptureS3Uri, runKey, shadowModel.lineage().toTags());
  }

  /** The schedule's end for an experiment created at {@code now}. */
  public Instant endTime(Instant now) {
    Duration length = test.duration().plus(SCHEDULE_SLACK);
    return now.plus(length.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : length);
  }

  /**
   * The CreateInferenceExperiment request. The schedule gives only its end, so the experiment starts
   * when SageMaker receives the request (a start time sent could be in the past by then).
   */
  public CreateInferenceExperimentRequest toRequest(Instant now) {
    List<Tag> tagList = new ArrayList<>();
    tags.forEach((key, value) -> tagList.add(Tag.builder().key(key).value(value).build()));
    CreateInferenceExperimentRequest.Builder request = CreateInferenceExperimentRequest.builder()
        .name(name)
        .type(InferenceExperimentType.SHADOW_MODE)
        .schedule(s -> s.endTime(endTime(now)))
        .description(description())
        .roleArn(roleArn)
        .endpointName(endpointName)
        .modelVariants(
            variant(production.modelName(), production.variantName(), production.instanceType(),
                Math.max(1, production.currentInstanceCount())),
            variant(shadowModel.name(), shadowVariantName, shadowInstanceType, shadowInstanceCount))
        .shadowModeConfig(c -> c.sourceModelVariantName(production.variantName())
            .shadowModelVariants(v -> v.shadowModelVariantName(shadowVariantName)
                .samplingPercentage(test.samplingPercent())))
        .tags(tagList);
    if (dataCaptureS3Uri != null) {
      request.dataStorageConfig(d -> d.destination(dataCaptureS3Uri));
    }
    return request.build();
  }

  /** The shadow with production's instances: what a promoted shadow should serve with, as SageMaker advises. */
  public ModelVariantConfig promotedVariant() {
    return variant(shadowModel.name(), shadowVariantName, production.instanceType(),
        Math.max(1, production.currentInstanceCount()));
  }

  private String description() {
    String text = "sagemaker-gitops shadow test of model " + shadowModel.name() + " against " + endpointName + "/"
        + production.variantName() + " (model " + production.modelName() + "), from "
        + shadowModel.lineage().manifestPath() + " at " + shadowModel.lineage().commit();
    return text.length() > 1024 ? text.substring(0, 1024) : text;
  }

  private static ModelVariantConfig variant(String model, String variant, String instanceType, int count) {
    return ModelVariantConfig.builder()
        .modelName(model)
        .variantName(variant)
        .infrastructureConfig(i -> i.infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
            .realTimeInferenceConfig(r -> r.instanceType(instanceType).instanceCount(count)))
        .build();
  }
}
