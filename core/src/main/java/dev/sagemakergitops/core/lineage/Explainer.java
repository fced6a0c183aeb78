package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.health.EndpointReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

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
  /** The customer metadata keys the tool writes on a registration (without the tag prefix). */
  private static final List<String> OUR_METADATA_KEYS = List.of("manifest-path", "manifest-blob", "manifest-name",
      "image", "image-digest", "training-job");

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
    ExplanationReading reading = new ExplanationReading(clients.sageMaker(region));
    DescribeEndpointResponse endpoint = reading.subject(
        () -> reading.sageMaker.describeEndpoint(r -> r.endpointName(endpointName)),
        "endpoint '" + endpointName + "' not found in " + region + "; check its name and the region");
    return explain(reading, endpointName, endpoint, region);
  }

  /**
   * Explains the endpoint {@code endpointName} in {@code region} from {@code reads}: the description
   * and tags a plan has already read for the endpoint's health are not asked for again.
   *
   * @throws ExplainException when there is no such endpoint
   */
  public Explanation explain(String endpointName, String region, EndpointReads reads) {
    DescribeEndpointResponse endpoint = reads.endpoint(endpointName).orElseThrow(() -> new ExplainException(
        "endpoint '" + endpointName + "' not found in " + region + "; check its name and the region"));
    return explain(new ExplanationReading(reads), endpointName, endpoint, region);
  }

  private Explanation explain(ExplanationReading reading, String endpointName, DescribeEndpointResponse endpoint,
      String region) {
    TaggedLineage endpointTags = reading.tags(endpoint.endpointArn(), "endpoint " + endpointName);
    String configName = endpoint.endpointConfigName();
    Optional<DescribeEndpointConfigResponse> config = configName == null ? Optional.empty()
        : reading.read(() -> reading.sageMaker.describeEndpointConfig(r -> r.endpointConfigName(configName)),
            "the live endpoint config " + configName + " no longer exists, so the models it served are unknown",
            "endpoint config " + configName);
    TaggedLineage configTags = config.map(c -> reading.tags(c.endpointConfigArn(), "endpoint config " + configName))
        .orElse(TaggedLineage.NONE);

    List<Explanation.Variant> variants = new ArrayList<>();
    List<ContainerDefinition> productionContainers = new ArrayList<>();
    boolean modelsTagged = false;
    if (config.isPresent()) {
      for (ProductionVariant configured : config.get().productionVariants()) {
        modelsTagged |= EndpointFacts.variant(reading, endpoint, configured, false, variants, productionContainers);
      }
      for (ProductionVariant configured : config.get().shadowProductionVariants()) {
        modelsTagged |= EndpointFacts.variant(reading, endpoint, configured, true, variants, productionContainers);
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
    if (lineage.modelArtifact() == null && EndpointFacts.artifactOf(served) != null) {
      lineage = lineage.withModelArtifact(EndpointFacts.artifactOf(served));
    }

    if (!managed) {
      reading.note("endpoint " + endpointName + " was not deployed by sagemaker-gitops: neither it, its endpoint config"
          + " nor its models carry sagemaker-gitops:* tags, so only SageMaker's own facts are shown");
    }
    Explanation.Endpoint live = EndpointFacts.endpointFacts(endpoint);
    EndpointFacts.noteEndpointState(reading, EndpointFacts.health(reading, endpoint, endpointTags.intent()));
    if (configTags.ours() && endpointTags.lineage().commit() != null
        && !endpointTags.lineage().commit().equals(lineage.commit())) {
      reading.note("the endpoint's own tags name commit " + endpointTags.lineage().commit()
          + " (tags are set when an endpoint is created); its live endpoint config " + configName + " was made from commit "
          + lineage.commit());
    }
    for (Explanation.Variant variant : variants) {
      EndpointFacts.noteImage(reading, variant, lineage);
    }

    Explanation.ModelPackage modelPackage = ModelPackageFacts.modelPackage(reading, lineage.modelPackage());
    if (modelPackage != null) {
      if (lineage.trainingJob() == null) {
        lineage = lineage.withTrainingJob(modelPackage.lineage().trainingJob());
      }
      ModelPackageFacts.notePackage(reading, modelPackage, lineage, variants);
    }
    Explanation.TrainingJob trainingJob =
        TrainingJobFacts.trainingJob(reading, lineage.trainingJob(), lineage.modelArtifact());
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
    ExplanationReading reading = new ExplanationReading(clients.sageMaker(region));
    DescribeModelPackageResponse response = reading.subject(
        () -> reading.sageMaker.describeModelPackage(r -> r.modelPackageName(arnOrName)),
        "model package '" + arnOrName + "' not found in " + region + "; give the version's ARN and check the region");
    Explanation.ModelPackage modelPackage = ModelPackageFacts.packageFacts(response);
    boolean managed = modelPackage.customerMetadata().keySet().stream()
        .anyMatch(key -> OUR_METADATA_KEYS.contains(key.startsWith(Lineage.TAG_PREFIX)
            ? key.substring(Lineage.TAG_PREFIX.length()) : key));
    if (!managed) {
      reading.note("model package " + modelPackage.arn() + " was not registered by sagemaker-gitops: its"
          + " CustomerMetadataProperties carry none of " + String.join(", ", OUR_METADATA_KEYS));
    }
    Lineage lineage = modelPackage.lineage();
    ModelPackageFacts.noteApproval(reading, modelPackage);
    Explanation.TrainingJob trainingJob =
        TrainingJobFacts.trainingJob(reading, lineage.trainingJob(), lineage.modelArtifact());
    return new Explanation(new Explanation.Subject("model-package", modelPackage.arn(), modelPackage.arn(), region),
        managed, lineage, null, List.of(), modelPackage, trainingJob, reading.notes);
  }

  /**
   * Explains a training job: its lineage tags, its status and its artifact.
   *
   * @throws ExplainException when there is no such job
   */
  public Explanation explainTrainingJob(String name, String region) {
    ExplanationReading reading = new ExplanationReading(clients.sageMaker(region));
    DescribeTrainingJobResponse response = reading.subject(
        () -> reading.sageMaker.describeTrainingJob(r -> r.trainingJobName(name)),
        "training job '" + name + "' not found in " + region + "; check its name and the region");
    TaggedLineage tags = reading.tags(response.trainingJobArn(), "training job " + name);
    Explanation.TrainingJob job = TrainingJobFacts.trainingJobFacts(response, tags.lineage());
    if (!tags.ours()) {
      reading.note("training job " + name + " was not started by sagemaker-gitops: it carries no sagemaker-gitops:* tags");
    }
    TrainingJobFacts.noteTrainingStatus(reading, job);
    Lineage lineage = tags.lineage().withTrainingJob(name);
    if (lineage.modelArtifact() == null && "Completed".equals(job.status())) {
      lineage = lineage.withModelArtifact(job.artifact());
    }
    return new Explanation(new Explanation.Subject("training-job", name, job.arn(), region), tags.ours(), lineage,
        null, List.of(), null, job, reading.notes);
  }
}
