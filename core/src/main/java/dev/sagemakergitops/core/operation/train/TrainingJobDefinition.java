package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.TrainingSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/**
 * A manifest's training job, resolved: everything {@code CreateTrainingJob} needs, as plain data
 * so that it can live in the operation's state (a resumed run has no manifest, only its state).
 *
 * <p>The job's name is {@code <manifest name>-<hash>} over every field but the tags (see
 * {@link #jobName}): the same resolved spec at another commit attaches to the same job, and a
 * changed image digest, input, hyperparameter or instance setting gives a new one.
 *
 * @param manifestName the manifest's name, the readable part of the job name
 * @param trainingImage the training image pinned by digest, {@code host/repository@sha256:...}
 * @param trainingImageDigest the digest alone
 * @param roleArn the role SageMaker assumes for the job
 * @param instanceType for example {@code ml.m5.xlarge}
 * @param instanceCount at least 1
 * @param volumeSizeGb the ML storage volume per instance
 * @param maxRuntimeSeconds {@code StoppingCondition.MaxRuntimeInSeconds}
 * @param inputs channels by name, in manifest order
 * @param outputS3Uri {@code OutputDataConfig.S3OutputPath}
 * @param hyperparameters passed to the container as strings
 * @param network VPC settings, or {@code null}
 * @param tags the lineage tags the job is created with (not part of the name)
 * @param runKey what tells this training of the spec from another ({@code TrainRequest#runKey}), or
 *     {@code null}; part of the name only when given, so names without one stay as they were
 */
public record TrainingJobDefinition(
    String manifestName,
    String trainingImage,
    String trainingImageDigest,
    String roleArn,
    String instanceType,
    int instanceCount,
    int volumeSizeGb,
    long maxRuntimeSeconds,
    Map<String, Input> inputs,
    String outputS3Uri,
    Map<String, String> hyperparameters,
    Network network,
    Map<String, String> tags,
    String runKey) {

  /** The tag that records a run key on the job. */
  public static final String RUN_KEY_TAG = Lineage.TAG_PREFIX + "run-key";

  public TrainingJobDefinition {
    Objects.requireNonNull(manifestName, "manifestName");
    Objects.requireNonNull(trainingImage, "trainingImage");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /**
   * One input channel.
   *
   * @param s3Uri an S3 prefix (every object under it is downloaded)
   * @param contentType the channel's MIME type, or {@code null}
   */
  public record Input(String s3Uri, String contentType) {}

  /**
   * @param subnets the subnets the instances run in
   * @param securityGroups their security groups
   * @param encryptInterContainerTraffic whether traffic between instances is encrypted
   */
  public record Network(List<String> subnets, List<String> securityGroups, boolean encryptInterContainerTraffic) {
    public Network {
      subnets = List.copyOf(subnets);
      securityGroups = List.copyOf(securityGroups);
    }
  }

  /**
   * The definition of {@code manifest}'s {@code spec.training}, with lineage tags that name the
   * training image (the manifest's {@code spec.training.image}, else its serving image).
   */
  public static TrainingJobDefinition of(ResolvedManifest manifest, BuildInfo build) {
    return of(manifest, build, null);
  }

  /**
   * As {@link #of(ResolvedManifest, BuildInfo)}, trained again under {@code runKey} (a new job name,
   * tagged {@code sagemaker-gitops:run-key}) when it is not {@code null}.
   */
  public static TrainingJobDefinition of(ResolvedManifest manifest, BuildInfo build, String runKey) {
    TrainingSpec spec = manifest.manifest().spec().training();
    Objects.requireNonNull(spec, "the manifest has no training section");
    ImageReference pinned = manifest.effectiveTrainingImage();
    ImageReference specified = spec.image() != null ? spec.image() : manifest.specifiedImage();
    Map<String, Input> inputs = new LinkedHashMap<>();
    spec.inputs().forEach((channel, input) -> inputs.put(channel, new Input(input.s3Uri(), input.contentType())));
    Network network = spec.network() == null ? null : new Network(spec.network().subnets(),
        spec.network().securityGroups(), spec.network().encryptInterContainerTraffic());
    Lineage lineage = Lineage.of(manifest, build).withImage(specified.toString(), pinned.digest());
    Map<String, String> tags = new LinkedHashMap<>(lineage.toTags());
    if (runKey != null) {
      tags.put(RUN_KEY_TAG, Lineage.tagValue(runKey));
    }
    return new TrainingJobDefinition(manifest.name(), pinned.toString(), pinned.digest(), spec.roleArn(),
        spec.instanceType(), spec.instanceCount(), spec.volumeSizeGb(), spec.maxRuntime().toSeconds(), inputs,
        spec.outputS3Uri(), spec.hyperparameters(), network, tags, runKey);
  }

  /**
   * The hash the job is named by. The fields, in this order: the pinned training image, the role,
   * the instance type and count, the volume size, the maximum runtime in seconds, the inputs
   * (channel to S3 URI and content type), the output path, the hyperparameters and the network
   * (subnets, security groups, inter-container encryption), and the run key when there is one. Maps are
   * hashed sorted by key.
   */
  public ContentHash contentHash() {
    Map<String, Object> channels = new LinkedHashMap<>();
    inputs.forEach((channel, input) -> {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("s3Uri", input.s3Uri());
      each.put("contentType", input.contentType());
      channels.put(channel, each);
    });
    Map<String, Object> vpc = null;
    if (network != null) {
      vpc = new LinkedHashMap<>();
      vpc.put("subnets", network.subnets());
      vpc.put("securityGroups", network.securityGroups());
      vpc.put("encryptInterContainerTraffic", network.encryptInterContainerTraffic());
    }
    ContentHash hash = ContentHash.of("training-job")
        .field("image", trainingImage)
        .field("role", roleArn)
        .field("instanceType", instanceType)
        .field("instanceCount", instanceCount)
        .field("volumeSizeGb", volumeSizeGb)
        .field("maxRuntimeSeconds", maxRuntimeSeconds)
        .field("inputs", channels)
        .field("output", outputS3Uri)
        .field("hyperparameters", hyperparameters)
        .field("network", vpc);
    // Only a given run key enters the hash: every name made before run keys existed stays the same.
    return runKey == null ? hash : hash.field("runKey", runKey);
  }

  /** {@code <manifest name>-<12 hex digits of contentHash()>}. */
  public String jobName() {
    return ResourceName.of(manifestName, contentHash());
  }

  /** The {@code CreateTrainingJob} request for the job named {@code jobName}. */
  public CreateTrainingJobRequest toCreateRequest(String jobName) {
    List<Channel> channels = new ArrayList<>();
    inputs.forEach((name, input) -> channels.add(Channel.builder()
        .channelName(name)
        .dataSource(DataSource.builder().s3DataSource(S3DataSource.builder()
            .s3DataType(S3DataType.S3_PREFIX)
            .s3Uri(input.s3Uri())
            .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)
            .build()).build())
        .contentType(input.contentType())
        .build()));
    CreateTrainingJobRequest.Builder request = CreateTrainingJobRequest.builder()
        .trainingJobName(jobName)
        .algorithmSpecification(AlgorithmSpecification.builder()
            .trainingImage(trainingImage)
            .trainingInputMode(TrainingInputMode.FILE)
            .build())
        .roleArn(roleArn)
        .outputDataConfig(OutputDataConfig.builder().s3OutputPath(outputS3Uri).build())
        .resourceConfig(ResourceConfig.builder()
            .instanceType(instanceType)
            .instanceCount(instanceCount)
            .volumeSizeInGB(volumeSizeGb)
            .build())
        .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds((int) maxRuntimeSeconds).build())
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
    if (!channels.isEmpty()) {
      request.inputDataConfig(channels);
    }
    if (!hyperparameters.isEmpty()) {
      request.hyperParameters(hyperparameters);
    }
    if (network != null) {
      request.vpcConfig(VpcConfig.builder().subnets(network.subnets()).securityGroupIds(network.securityGroups())
              .build())
          .enableInterContainerTrafficEncryption(network.encryptInterContainerTraffic());
    }
    return request.build();
  }
}
