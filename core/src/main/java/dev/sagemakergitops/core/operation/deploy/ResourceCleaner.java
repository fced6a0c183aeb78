package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.SageMakerErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
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
 * is never touched. SageMaker itself refuses to delete an endpoint configuration an endpoint still
 * uses; such a refusal is reported and skipped.
 */
final class ResourceCleaner {
  private final SageMakerClient sageMaker;
  private final DeployPlan plan;

  ResourceCleaner(SageMakerClient sageMaker, DeployPlan plan) {
    this.sageMaker = sageMaker;
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
    for (EndpointConfigSummary config : sageMaker.listEndpointConfigsPaginator(
        r -> r.nameContains(readablePart(plan.config().name()))).endpointConfigs()) {
      String name = config.endpointConfigName();
      deleteIfOurs(name, config.endpointConfigArn(), "endpoint configuration", keep, deleted, report,
          () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(name)));
    }
    for (ModelSummary model : sageMaker.listModelsPaginator(r -> r.nameContains(readablePart(plan.model().name())))
        .models()) {
      String name = model.modelName();
      deleteIfOurs(name, model.modelArn(), "model", keep, deleted, report,
          () -> sageMaker.deleteModel(r -> r.modelName(name)));
    }
    return deleted;
  }

  private void deleteIfOurs(String name, String arn, String kind, Set<String> keep, List<String> deleted,
      Consumer<String> report, Runnable delete) {
    if (keep.contains(name) || !ours(arn)) {
      return;
    }
    try {
      delete.run();
      deleted.add(name);
      report.accept("deleted " + kind + " " + name);
    } catch (SageMakerException e) {
      if (!SageMakerErrors.isNotFound(e)) {
        report.accept("kept " + kind + " " + name + ": " + SageMakerErrors.message(e));
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
