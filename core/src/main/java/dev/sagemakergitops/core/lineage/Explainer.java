package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.IntentTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;

/**
 * Answers "where does this come from?" for an endpoint, a model package version or a training job,
 * from AWS alone: no Git checkout, no deployment record, no state.
 *
 * <p>For an endpoint: {@code DescribeEndpoint} (status, live config, the images SageMaker resolved
 * and runs, the last deployment, its failure) → {@code DescribeEndpointConfig} → per variant
 * {@code DescribeModel} (image, artifact) → {@code ListTags} of each (the {@code sagemaker-gitops:*}
 * lineage) → {@code DescribeModelPackage} of the package the lineage names (the registration's
 * {@code MetadataProperties} and {@code CustomerMetadataProperties}) → {@code DescribeTrainingJob}
 * of the training job it names. About ten read-only calls.
 *
 * <p>The deployment's lineage is read from the live endpoint config's tags first (a config is made
 * by one deploy and never changes), then the models' (a model is reused by every deploy of the same
 * spec), then the endpoint's (set when it was created, not by later updates). What cannot be read,
 * or disagrees, becomes a note; only a missing subject is an {@link ExplainException}.
 */
public final class Explainer {
  private final AwsClients clients;

  public Explainer(AwsClients clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /** Explains the endpoint {@code endpointName} in the clients' default region. */
  public Explanation explain(String endpointName) {
    return explain(endpointName, clients.defaultRegion().id());
  }

  /**
   * Explains the endpoint {@code endpointName} in {@code region}.
   *
   * @throws ExplainException when there is no such endpoint
   */
  public Explanation explain(String endpointName, String region) {
    Reading reading = new Reading(clients.sageMaker(region));
    DescribeEndpointResponse endpoint = reading.subject(
        () -> reading.sageMaker.describeEndpoint(r -> r.endpointName(endpointName)),
        "endpoint '" + endpointName + "' not found in " + region + "; check its name and the region");
    Tagged endpointTags = reading.tags(endpoint.endpointArn(), "endpoint " + endpointName);
    String configName = endpoint.endpointConfigName();
    Optional<DescribeEndpointConfigResponse> config = configName == null ? Optional.empty()
        : reading.read(() -> reading.sageMaker.describeEndpointConfig(r -> r.endpointConfigName(configName)),
            "the live endpoint config " + configName + " no longer exists, so the models it served are unknown",
            "endpoint config " + configName);
    Tagged configTags = config.map(c -> reading.tags(c.endpointConfigArn(), "endpoint config " + configName))
        .orElse(Tagged.NONE);

    List<Explanation.Variant> variants = new ArrayList<>();
    List<ContainerDefinition> productionContainers = new ArrayList<>();
    boolean modelsTagged = false;
    if (config.isPresent()) {
      for (ProductionVariant configured : config.get().productionVariants()) {
        modelsTagged |= variant(reading, endpoint, configured, false, variants, productionContainers);
      }
      for (ProductionVariant configured : config.get().shadowProductionVariants()) {
        modelsTagged |= variant(reading, endpoint, configured, true, variants, productionContainers);
      }
    }

    boolean managed = endpointTags.ours() || configTags.ours() || modelsTagged;
    Lineage fromModels = variants.stream().filter(v -> !v.shadow()).map(Explanation.Variant::lineage)
        .filter(l -> !l.isEmpty()).findFirst().orElse(Lineage.none());
    Lineage lineage = configTags.lineage().or(fromModels).or(endpointTags.lineage());
    ContainerDefinition served = productionContainers.isEmpty() ? null : productionContainers.get(0);
    if (lineage.modelPackage() == null && served != null && served.modelPackageName() != null) {
      lineage = lineage.withModelPackage(served.modelPackageName());
    }
    if (lineage.modelArtifact() == null && artifactOf(served) != null) {
      lineage = lineage.withModelArtifact(artifactOf(served));
    }

    if (!managed) {
      reading.note("endpoint " + endpointName + " was not deployed by sagemaker-gitops: neither it, its endpoint config"
          + " nor its models carry sagemaker-gitops:* tags, so only SageMaker's own facts are shown");
    }
    Explanation.Endpoint live = endpointFacts(endpoint);
    noteEndpointState(reading, health(reading, endpoint, endpointTags.intent()));
    if (configTags.ours() && endpointTags.lineage().commit() != null
        && !endpointTags.lineage().commit().equals(lineage.commit())) {
      reading.note("the endpoint's own tags name commit " + endpointTags.lineage().commit()
          + " (tags are set when an endpoint is created); its live endpoint config " + configName + " was made from commit "
          + lineage.commit());
    }
    for (Explanation.Variant variant : variants) {
      noteImage(reading, variant, lineage);
    }

    Explanation.ModelPackage modelPackage = modelPackage(reading, lineage.modelPackage());
    if (modelPackage != null) {
      if (lineage.trainingJob() == null) {
        lineage = lineage.withTrainingJob(modelPackage.lineage().trainingJob());
      }
      notePackage(reading, modelPackage, lineage, variants);
    }
    Explanation.TrainingJob trainingJob = trainingJob(reading, lineage.trainingJob(), lineage.modelArtifact());
    return new Explanation(new Explanation.Subject("endpoint", endpointName, endpoint.endpointArn(), region), managed,
        lineage, live, variants, modelPackage, trainingJob, reading.notes);
  }

  /**
   * Explains a model package version: its registration's lineage and the training job it names.
   *
   * @param arnOrName the version's ARN (or any name {@code DescribeModelPackage} takes)
   * @throws ExplainException when there is no such package
   */
  public Explanation explainModelPackage(String arnOrName, String region) {
    Reading reading = new Reading(clients.sageMaker(region));
    DescribeModelPackageResponse response = reading.subject(
        () -> reading.sageMaker.describeModelPackage(r -> r.modelPackageName(arnOrName)),
        "model package '" + arnOrName + "' not found in " + region + "; give the version's ARN and check the region");
    Explanation.ModelPackage modelPackage = packageFacts(response);
    boolean managed = modelPackage.customerMetadata().keySet().stream()
        .anyMatch(key -> OUR_METADATA_KEYS.contains(key.startsWith(Lineage.TAG_PREFIX)
            ? key.substring(Lineage.TAG_PREFIX.length()) : key));
    if (!managed) {
      reading.note("model package " + modelPackage.arn() + " was not registered by sagemaker-gitops: its"
          + " CustomerMetadataProperties carry none of " + String.join(", ", OUR_METADATA_KEYS));
    }
    Lineage lineage = modelPackage.lineage();
    noteApproval(reading, modelPackage);
    Explanation.TrainingJob trainingJob = trainingJob(reading, lineage.trainingJob(), lineage.modelArtifact());
    return new Explanation(new Explanation.Subject("model-package", modelPackage.arn(), modelPackage.arn(), region),
        managed, lineage, null, List.of(), modelPackage, trainingJob, reading.notes);
  }

  /**
   * Explains a training job: its lineage tags, its status and its artifact.
   *
   * @throws ExplainException when there is no such job
   */
  public Explanation explainTrainingJob(String name, String region) {
    Reading reading = new Reading(clients.sageMaker(region));
    DescribeTrainingJobResponse response = reading.subject(
        () -> reading.sageMaker.describeTrainingJob(r -> r.trainingJobName(name)),
        "training job '" + name + "' not found in " + region + "; check its name and the region");
    Tagged tags = reading.tags(response.trainingJobArn(), "training job " + name);
    Explanation.TrainingJob job = trainingJobFacts(response, tags.lineage());
    if (!tags.ours()) {
      reading.note("training job " + name + " was not started by sagemaker-gitops: it carries no sagemaker-gitops:* tags");
    }
    noteTrainingStatus(reading, job);
    Lineage lineage = tags.lineage().withTrainingJob(name);
    if (lineage.modelArtifact() == null && "Completed".equals(job.status())) {
      lineage = lineage.withModelArtifact(job.artifact());
    }
    return new Explanation(new Explanation.Subject("training-job", name, job.arn(), region), tags.ours(), lineage,
        null, List.of(), null, job, reading.notes);
  }

  // ---- the parts of an endpoint --------------------------------------------------------------------

  private static final List<String> OUR_METADATA_KEYS = List.of("manifest-path", "manifest-blob", "manifest-name",
      "image", "image-digest", "training-job");

  /**
   * Reads the model of one configured variant into {@code variants} (and its container into
   * {@code productionContainers} unless a shadow); true when the model carries the tool's tags.
   */
  private static boolean variant(Reading reading, DescribeEndpointResponse endpoint, ProductionVariant configured,
      boolean shadow, List<Explanation.Variant> variants, List<ContainerDefinition> productionContainers) {
    String modelName = configured.modelName();
    Optional<DescribeModelResponse> model = modelName == null ? Optional.empty()
        : reading.read(() -> reading.sageMaker.describeModel(r -> r.modelName(modelName)),
            "model " + modelName + " of variant " + configured.variantName() + " no longer exists",
            "model " + modelName);
    ContainerDefinition container = model.map(Explainer::containerOf).orElse(null);
    Tagged tags = model.map(m -> reading.tags(m.modelArn(), "model " + modelName)).orElse(Tagged.NONE);
    String image = container == null ? null : container.image();
    variants.add(new Explanation.Variant(configured.variantName(), shadow, modelName,
        model.map(DescribeModelResponse::modelArn).orElse(null), image,
        deployedImage(endpoint, configured.variantName(), shadow, image), artifactOf(container), tags.lineage()));
    if (!shadow && container != null) {
      productionContainers.add(container);
    }
    return tags.ours();
  }

  private static ContainerDefinition containerOf(DescribeModelResponse model) {
    if (model.primaryContainer() != null) {
      return model.primaryContainer();
    }
    return model.containers().isEmpty() ? null : model.containers().get(0);
  }

  private static String artifactOf(ContainerDefinition container) {
    if (container == null) {
      return null;
    }
    if (container.modelDataUrl() != null) {
      return container.modelDataUrl();
    }
    return container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null
        ? container.modelDataSource().s3DataSource().s3Uri() : null;
  }

  /** The image SageMaker runs for the variant: the deployed image resolved from {@code specified}, else the first. */
  private static String deployedImage(DescribeEndpointResponse endpoint, String variantName, boolean shadow,
      String specified) {
    List<ProductionVariantSummary> summaries = shadow ? endpoint.shadowProductionVariants() : endpoint.productionVariants();
    List<DeployedImage> images = summaries.stream().filter(s -> variantName.equals(s.variantName()))
        .map(ProductionVariantSummary::deployedImages).findFirst().orElse(List.of());
    return images.stream().filter(i -> Objects.equals(i.specifiedImage(), specified)).findFirst()
        .or(() -> images.stream().findFirst()).map(DeployedImage::resolvedImage).orElse(null);
  }

  private static Explanation.Endpoint endpointFacts(DescribeEndpointResponse endpoint) {
    DeploymentConfig deployment = endpoint.lastDeploymentConfig();
    List<String> alarms = deployment == null || deployment.autoRollbackConfiguration() == null ? List.of()
        : deployment.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
    return new Explanation.Endpoint(endpoint.endpointStatusAsString(), endpoint.endpointConfigName(),
        endpoint.creationTime(), endpoint.lastModifiedTime(), endpoint.failureReason(),
        endpoint.pendingDeploymentSummary() == null ? null : endpoint.pendingDeploymentSummary().endpointConfigName(),
        describe(deployment), alarms);
  }

  /** {@code LastDeploymentConfig} in one line, for example {@code blue/green CANARY 1 INSTANCE_COUNT, bake 600 s}. */
  static String describe(DeploymentConfig deployment) {
    if (deployment == null) {
      return null;
    }
    if (deployment.rollingUpdatePolicy() != null) {
      var rolling = deployment.rollingUpdatePolicy();
      return "rolling, batches of " + size(rolling.maximumBatchSize()) + ", wait " + rolling.waitIntervalInSeconds() + " s";
    }
    if (deployment.blueGreenUpdatePolicy() == null) {
      return deployment.autoRollbackConfiguration() == null ? null : "blue/green ALL_AT_ONCE (SageMaker's default)";
    }
    var blueGreen = deployment.blueGreenUpdatePolicy();
    TrafficRoutingConfig routing = blueGreen.trafficRoutingConfiguration();
    StringBuilder out = new StringBuilder("blue/green ").append(routing.typeAsString());
    if (routing.canarySize() != null) {
      out.append(" ").append(size(routing.canarySize()));
    }
    if (routing.linearStepSize() != null) {
      out.append(" steps of ").append(size(routing.linearStepSize()));
    }
    out.append(", bake ").append(routing.waitIntervalInSeconds()).append(" s");
    if (blueGreen.terminationWaitInSeconds() != null) {
      out.append(", termination wait ").append(blueGreen.terminationWaitInSeconds()).append(" s");
    }
    return out.toString();
  }

  private static String size(CapacitySize size) {
    return size.value() + ("CAPACITY_PERCENT".equals(size.typeAsString()) ? "%" : " instance(s)");
  }

  /** The endpoint's health; without its inference experiments when they cannot be listed (noted). */
  private static EndpointHealth health(Reading reading, DescribeEndpointResponse endpoint, IntentTag intent) {
    try {
      return new EndpointHealthReader(reading.sageMaker).classify(endpoint, intent, null);
    } catch (AwsServiceException e) {
      reading.note("could not list the inference experiments: " + SageMakerErrors.code(e) + ": "
          + SageMakerErrors.message(e));
      return EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, null, List.of());
    }
  }

  /**
   * Notes how the endpoint stands, as the one classifier of endpoint health reads it. SageMaker's
   * {@code FailureReason} is quoted, but alone it says nothing about the live configuration: it
   * outlives failed scaling and patching.
   */
  private static void noteEndpointState(Reading reading, EndpointHealth health) {
    String name = health.endpointName();
    switch (health.state()) {
      case FAILED:
      case UPDATE_ROLLBACK_FAILED:
        reading.note("endpoint " + name + " is " + health.endpointStatus()
            + (health.failureReason() == null ? "" : ": " + health.failureReason()));
        return;
      case ROLLED_BACK:
        reading.note(health.message() + (health.intent().commit() == null ? "" : " (deployed from commit "
            + health.intent().commit() + ")") + (health.failureReason() == null ? "" : ": " + health.failureReason()));
        return;
      case CHANGED_OUTSIDE_GIT:
      case SHADOW_TEST:
      case SCALING:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
        reading.note(health.message());
        break;
      case DEPLOYING:
      case UPDATING_ELSEWHERE:
        reading.note("a deployment of endpoint config " + health.pendingConfig() + " is in progress ("
            + health.endpointStatus() + "); the variants shown are the live ones");
        break;
      default:
        break;
    }
    if (health.failureReason() != null && !health.failureReason().isBlank()) {
      reading.note("SageMaker reports a FailureReason for " + name + " (from an earlier update, scaling or patching;"
          + " alone it does not mean the configuration it serves failed): " + health.failureReason());
    }
  }

  private static void noteImage(Reading reading, Explanation.Variant variant, Lineage deployment) {
    // A shadow variant runs another model by design: only its own lineage says what it should run.
    String pinned = variant.lineage().imageDigest() != null ? variant.lineage().imageDigest()
        : variant.shadow() ? null : deployment.imageDigest();
    String running = variant.deployedImageDigest();
    String kind = variant.shadow() ? "shadow variant " : "variant ";
    if (variant.modelName() != null && variant.image() != null && variant.deployedImage() == null) {
      reading.note("SageMaker reports no deployed image for " + kind + variant.name()
          + " (DeployedImages), so the digest it runs is unknown");
    }
    if (Images.differ(pinned, running)) {
      reading.note(kind + variant.name() + " runs " + running + ", but its lineage says the manifest pinned " + pinned
          + (deployment.image() == null ? "" : " (" + deployment.image() + ")")
          + "; the running image is not the one recorded");
    }
    if (variant.image() != null && Images.digestOf(variant.image()) == null) {
      reading.note("model " + variant.modelName() + " names its image by tag (" + variant.image() + "), not by digest;"
          + (variant.deployedImage() == null ? "" : " SageMaker resolved it to " + variant.deployedImage() + ";")
          + " a later push to the tag changes what a redeploy runs");
    }
  }

  // ---- model package and training job -------------------------------------------------------------

  private static Explanation.ModelPackage modelPackage(Reading reading, String arn) {
    if (arn == null) {
      return null;
    }
    return reading.read(() -> reading.sageMaker.describeModelPackage(r -> r.modelPackageName(arn)),
        "model package " + arn + " named by the lineage no longer exists", "model package " + arn)
        .map(Explainer::packageFacts).orElse(null);
  }

  private static Explanation.ModelPackage packageFacts(DescribeModelPackageResponse response) {
    ModelPackageContainerDefinition container = response.inferenceSpecification() == null
        || response.inferenceSpecification().containers().isEmpty() ? null
        : response.inferenceSpecification().containers().get(0);
    String artifact = container == null ? null : container.modelDataUrl() != null ? container.modelDataUrl()
        : container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null
            ? container.modelDataSource().s3DataSource().s3Uri() : null;
    var metadata = response.metadataProperties();
    Map<String, String> customer = new LinkedHashMap<>(response.customerMetadataProperties());
    Lineage lineage = Lineage.fromModelPackage(response.modelPackageArn(),
        metadata == null ? null : metadata.commitId(), metadata == null ? null : metadata.repository(),
        metadata == null ? null : metadata.generatedBy(), customer);
    if (artifact != null) {
      lineage = lineage.withModelArtifact(artifact);
    }
    return new Explanation.ModelPackage(response.modelPackageArn(), response.modelPackageGroupName(),
        response.modelPackageVersion(), response.modelApprovalStatusAsString(), response.modelPackageStatusAsString(),
        response.creationTime(), container == null ? null : container.image(),
        container == null ? null : container.imageDigest(), lineage, customer);
  }

  private static void notePackage(Reading reading, Explanation.ModelPackage modelPackage, Lineage deployment,
      List<Explanation.Variant> variants) {
    noteApproval(reading, modelPackage);
    String registered = modelPackage.lineage().modelArtifact();
    if (registered != null && deployment.modelArtifact() != null && !registered.equals(deployment.modelArtifact())) {
      reading.note("the endpoint serves model artifact " + deployment.modelArtifact() + ", but model package "
          + modelPackage.arn() + " registered " + registered);
    }
    String registeredDigest = modelPackage.imageDigest() != null ? modelPackage.imageDigest()
        : modelPackage.lineage().imageDigest();
    String running = variants.stream().filter(v -> !v.shadow())
        .map(Explanation.Variant::deployedImageDigest).filter(Objects::nonNull).findFirst().orElse(null);
    if (Images.differ(registeredDigest, running)) {
      reading.note("model package " + modelPackage.arn() + " was registered with image " + registeredDigest
          + "; the endpoint runs " + running + " (the manifest's image serves the package's artifact)");
    }
  }

  private static void noteApproval(Reading reading, Explanation.ModelPackage modelPackage) {
    if (modelPackage.approval() != null && !"Approved".equals(modelPackage.approval())) {
      reading.note("model package " + modelPackage.arn() + " is " + modelPackage.approval()
          + " now; SageMaker deploys only Approved versions");
    }
  }

  private static Explanation.TrainingJob trainingJob(Reading reading, String name, String servedArtifact) {
    if (name == null) {
      return null;
    }
    Optional<DescribeTrainingJobResponse> response = reading.read(
        () -> reading.sageMaker.describeTrainingJob(r -> r.trainingJobName(name)),
        "training job " + name + " named by the lineage no longer exists (SageMaker keeps jobs, so it may be in"
            + " another account or region)", "training job " + name);
    if (response.isEmpty()) {
      return null;
    }
    Tagged tags = reading.tags(response.get().trainingJobArn(), "training job " + name);
    Explanation.TrainingJob job = trainingJobFacts(response.get(), tags.lineage());
    noteTrainingStatus(reading, job);
    if ("Completed".equals(job.status()) && servedArtifact != null && !servedArtifact.equals(job.artifact())) {
      reading.note("training job " + name + " produced " + job.artifact() + ", not the artifact " + servedArtifact);
    }
    return job;
  }

  private static Explanation.TrainingJob trainingJobFacts(DescribeTrainingJobResponse response, Lineage lineage) {
    return new Explanation.TrainingJob(response.trainingJobName(), response.trainingJobArn(),
        response.trainingJobStatusAsString(), response.secondaryStatusAsString(),
        response.modelArtifacts() == null ? null : response.modelArtifacts().s3ModelArtifacts(),
        response.failureReason(), response.creationTime(), response.trainingEndTime(), lineage);
  }

  private static void noteTrainingStatus(Reading reading, Explanation.TrainingJob job) {
    if (!"Completed".equals(job.status())) {
      reading.note("training job " + job.name() + " is " + job.status()
          + (job.failureReason() == null ? "" : ": " + job.failureReason()));
    }
  }

  // ---- reading --------------------------------------------------------------------------------------

  /** A resource's tags read as lineage; {@code ours} when any tag has the tool's prefix. */
  private record Tagged(Lineage lineage, boolean ours, IntentTag intent) {
    static final Tagged NONE = new Tagged(Lineage.none(), false, null);
  }

  /** One explanation's calls and the notes they leave. */
  private static final class Reading {
    final SageMakerClient sageMaker;
    final List<String> notes = new ArrayList<>();

    Reading(SageMakerClient sageMaker) {
      this.sageMaker = sageMaker;
    }

    void note(String note) {
      notes.add(note);
    }

    /** The subject itself: missing is an {@link ExplainException}, any other failure propagates. */
    <T> T subject(Supplier<T> call, String notFound) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        if (SageMakerErrors.isNotFound(e)) {
          throw new ExplainException(notFound);
        }
        throw e;
      }
    }

    /** A part: missing leaves {@code notFound} as a note, another failure a note that it could not be read. */
    <T> Optional<T> read(Supplier<T> call, String notFound, String what) {
      try {
        return Optional.of(call.get());
      } catch (AwsServiceException e) {
        note(SageMakerErrors.isNotFound(e) ? notFound
            : "could not read " + what + ": " + SageMakerErrors.code(e) + ": " + SageMakerErrors.message(e));
        return Optional.empty();
      }
    }

    Tagged tags(String arn, String what) {
      if (arn == null) {
        return Tagged.NONE;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      try {
        for (Tag tag : sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()) {
          tags.put(tag.key(), tag.value());
        }
      } catch (AwsServiceException e) {
        note("could not read the tags of " + what + ": " + SageMakerErrors.code(e) + ": " + SageMakerErrors.message(e));
        return Tagged.NONE;
      }
      boolean ours = tags.keySet().stream().anyMatch(key -> key.startsWith(Lineage.TAG_PREFIX));
      return new Tagged(Lineage.fromTags(tags), ours, IntentTag.parse(tags.get(IntentTag.KEY)).orElse(null));
    }
  }
}
