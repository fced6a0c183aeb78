package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.naming.ResourceName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The opt-in clean-up: deletes the endpoint configurations and models that this manifest created
 * (their lineage tags name the same manifest and repository) and that nothing kept references.
 *
 * <p>Candidates are listed by the readable part of the names this manifest's resources get
 * ({@code NameContains}), then each one's tags are read: a resource without this manifest's tags
 * (made by hand, by another repository, by another manifest whose name happens to contain this one)
 * is never touched.
 *
 * <p>SageMaker does not refuse to delete an endpoint configuration an endpoint still uses: "You must
 * not delete an EndpointConfig in use by an endpoint that is live or while the UpdateEndpoint or
 * CreateEndpoint operations are being performed on the endpoint" is an instruction to the caller
 * (botocore {@code DeleteEndpointConfig}), and such configurations really get deleted
 * (terraform-provider-aws#40048), which breaks the endpoint's rollback and later patching.
 * {@code DeleteModel} has no such check either. So, before the first deletion, every endpoint of
 * the account and region is looked at ({@code ListEndpoints}, {@code DescribeEndpoint}): the
 * configuration each serves or has pending, and the models of those configurations
 * ({@code DescribeEndpointConfig}), are kept, whatever this run's {@code keep} says (a newer
 * commit's deploy may be rolling one out right now).
 */
final class ResourceCleaner {
  private final SageMakerClient sageMaker;
  private final SageMakerHosting hosting;
  private final DeployPlan plan;

  ResourceCleaner(SageMakerClient sageMaker, DeployPlan plan) {
    this.sageMaker = sageMaker;
    this.hosting = new SageMakerHosting(sageMaker);
    this.plan = plan;
  }

  /**
   * Deletes what is unreferenced.
   *
   * @param keep names that must stay (the live configuration and its models, the new ones, the
   *     names the recent commits resolve to)
   * @param report receives one line per deletion or refusal
   * @return the names deleted
   */
  List<String> clean(Set<String> keep, Consumer<String> report) {
    List<String> deleted = new ArrayList<>();
    InUse inUse = new InUse();
    for (EndpointConfigSummary config : sageMaker.listEndpointConfigsPaginator(
        r -> r.nameContains(readablePart(plan.config().name()))).endpointConfigs()) {
      String name = config.endpointConfigName();
      deleteIfOurs(name, config.endpointConfigArn(), "endpoint configuration", keep, deleted, report,
          () -> inUse.configs().get(name), () -> hosting.deleteEndpointConfig(name));
    }
    for (ModelSummary model : sageMaker.listModelsPaginator(r -> r.nameContains(readablePart(plan.model().name())))
        .models()) {
      String name = model.modelName();
      deleteIfOurs(name, model.modelArn(), "model", keep, deleted, report,
          () -> inUse.models().get(name), () -> hosting.deleteModel(name));
    }
    return deleted;
  }

  private void deleteIfOurs(String name, String arn, String kind, Set<String> keep, List<String> deleted,
      Consumer<String> report, Supplier<String> usedBy, BooleanSupplier delete) {
    if (keep.contains(name) || !ours(arn)) {
      return;
    }
    String user = usedBy.get();
    if (user != null) {
      report.accept("kept " + kind + " " + name + ": " + user);
      return;
    }
    try {
      if (delete.getAsBoolean()) { // false: already gone, nothing to say
        deleted.add(name);
        report.accept("deleted " + kind + " " + name);
      }
    } catch (SageMakerException e) {
      report.accept("kept " + kind + " " + name + ": " + SageMakerErrors.message(e));
    }
  }

  /**
   * The configurations endpoints serve or have pending, and their models, each with the endpoint
   * that uses it; read once, when the first candidate for deletion is found.
   */
  private final class InUse {
    private Map<String, String> configs;
    private Map<String, String> models;

    Map<String, String> configs() {
      if (configs == null) {
        read();
      }
      return configs;
    }

    Map<String, String> models() {
      if (models == null) {
        read();
      }
      return models;
    }

    private void read() {
      configs = new HashMap<>();
      models = new HashMap<>();
      for (EndpointSummary summary : sageMaker.listEndpointsPaginator(r -> r.maxResults(100)).endpoints()) {
        String endpoint = summary.endpointName();
        Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(sageMaker, endpoint);
        if (found.isEmpty()) {
          continue;
        }
        DescribeEndpointResponse live = found.get();
        use(live.endpointConfigName(), "endpoint " + endpoint + " serves it");
        if (live.pendingDeploymentSummary() != null) {
          use(live.pendingDeploymentSummary().endpointConfigName(), "endpoint " + endpoint + " is being moved to it");
        }
      }
      for (Map.Entry<String, String> config : new HashMap<>(configs).entrySet()) {
        LiveEndpoint.describeConfig(sageMaker, config.getKey()).ifPresent(c -> {
          c.productionVariants().forEach(v -> models.putIfAbsent(v.modelName(), "its configuration " + config.getKey()
              + " is in use: " + config.getValue()));
          c.shadowProductionVariants().forEach(v -> models.putIfAbsent(v.modelName(), "its configuration "
              + config.getKey() + " is in use: " + config.getValue()));
        });
      }
    }

    private void use(String config, String why) {
      if (config != null) {
        configs.putIfAbsent(config, why);
      }
    }
  }

  /** A name without its {@code -<hash>} suffix. */
  static String readablePart(String name) {
    return name.substring(0, name.length() - ResourceName.HASH_DIGITS - 1);
  }

  private boolean ours(String arn) {
    Map<String, String> tags = new HashMap<>();
    for (Tag tag : sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()) {
      tags.put(tag.key(), tag.value());
    }
    Lineage lineage = Lineage.fromTags(tags);
    return plan.manifestName().equals(lineage.manifestName())
        && plan.model().lineage().repository() != null
        && Lineage.tagValue(plan.model().lineage().repository()).equals(lineage.repository());
  }
}
