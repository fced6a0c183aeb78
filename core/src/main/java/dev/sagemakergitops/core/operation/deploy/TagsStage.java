package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.VariantLineage;
import dev.sagemakergitops.core.manifest.SageMakerLimits;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Stage {@code TAGS}: writes the endpoint's lineage tags and labels, and removes the labels a
 * manifest dropped. Which tags were labels is read from the configuration the endpoint served before
 * (ours, tagged with the labels of its time) and from this configuration, whose label tags are kept
 * in step with the manifest, so a tag someone else put on the endpoint is never taken for a label.
 * Removals go first: SageMaker allows 50 tags per resource. Then {@code CLEAN_UP} when asked for,
 * else success.
 */
final class TagsStage implements DeployStage {
  /** The lineage tags that tell whether the endpoint's tags describe this manifest's deployment. */
  private static final List<String> IDENTITY_TAGS = List.of(IntentTag.KEY, Lineage.TAG_PREFIX + "manifest-path",
      Lineage.TAG_PREFIX + "manifest-blob", Lineage.TAG_PREFIX + "image-digest", Lineage.TAG_PREFIX + "model-package");

  private final StageContext s;

  TagsStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = s.sageMaker(state);
    String endpointArn = state.request().endpointArn();
    String previousConfig = state.request().previousConfig();
    Map<String, String> live = tagsOf(sageMaker, endpointArn);
    Map<String, String> wanted = new LinkedHashMap<>(plan.endpointTags());
    // The intent written when the update was requested stays (it names the configuration replaced,
    // which a run that found nothing to change does not know).
    Optional<IntentTag> written = IntentTag.parse(live.get(IntentTag.KEY));
    Optional<String> inPlaceOn = StageContext.servedInPlace(state);
    wanted.put(IntentTag.KEY, inPlaceOn.isPresent()
        // Written only now, once the change in place is verified: a change SageMaker rolled back leaves
        // the intent of the deploy before it.
        ? new IntentTag(plan.config().name(), plan.model().lineage().commit(), null, inPlaceOn.get()).format()
        : written.filter(w -> w.config().equals(plan.config().name()) && w.commit() != null)
            .orElse(StageContext.intent(plan, previousConfig)).format());
    Map<String, String> configTags = LiveEndpoint.describeConfig(sageMaker, plan.config().name())
        .map(c -> tagsOf(sageMaker, c.endpointConfigArn())).orElse(Map.of());
    Map<String, String> earlierLabels = new HashMap<>(labels(configTags));
    if (previousConfig != null && !previousConfig.equals(plan.config().name())) {
      LiveEndpoint.describeConfig(sageMaker, previousConfig)
          .ifPresent(c -> earlierLabels.putAll(labels(tagsOf(sageMaker, c.endpointConfigArn()))));
    }
    List<String> dropped = new ArrayList<>(earlierLabels.entrySet().stream()
        .filter(e -> !wanted.containsKey(e.getKey()) && e.getValue().equals(live.get(e.getKey())))
        .map(Map.Entry::getKey).sorted().toList());
    // A variant that no longer has its own model (or is gone) loses its variant tag.
    live.keySet().stream().filter(k -> k.startsWith(VariantLineage.TAG_KEY_PREFIX) && !wanted.containsKey(k))
        .sorted().forEach(dropped::add);
    if (!dropped.isEmpty()) {
      sageMaker.deleteTags(r -> r.resourceArn(endpointArn).tagKeys(dropped));
      s.event(events, state, "removed tag(s) " + dropped + " from endpoint " + plan.endpointName()
          + ": the manifest no longer has them");
    }
    boolean asDesired = true;
    for (Map.Entry<String, String> tag : wanted.entrySet()) {
      boolean identity = IDENTITY_TAGS.contains(tag.getKey()) || !tag.getKey().startsWith(Lineage.TAG_PREFIX);
      if (identity && !tag.getValue().equals(live.get(tag.getKey()))) {
        asDesired = false;
      }
    }
    if (!asDesired) {
      try {
        sageMaker.addTags(r -> r.resourceArn(endpointArn).tags(EndpointConfigDefinition.tagList(wanted)));
      } catch (SageMakerException e) {
        if (TransientFailures.isTransient(e)) {
          throw e;
        }
        long others = live.keySet().stream().filter(k -> !wanted.containsKey(k) && !dropped.contains(k)).count();
        return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " serves "
            + plan.config().name() + " (verified), but its lineage tags could not be written: "
            + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "). SageMaker allows "
            + SageMakerLimits.TAGS_PER_RESOURCE_MAX + " tags per resource; this deploy writes " + wanted.size()
            + " and the endpoint has " + others + " other tag(s). Remove tags that are not this tool's, or labels, "
            + "and deploy again (nothing else is redone)"));
      }
      s.event(events, state, "tagged endpoint " + plan.endpointName() + " with the lineage of " + plan.manifestPath()
          + " at " + plan.model().lineage().commit());
    }
    syncConfigLabels(sageMaker, plan, configTags);
    if (plan.cleanUp().enabled()) {
      return s.next(state.with(d -> d.stage = DeployState.Stage.CLEAN_UP), events);
    }
    return s.succeed(state, events);
  }

  /** Keeps the configuration's label tags as the manifest's labels are now, so the next deploy knows them. */
  private static void syncConfigLabels(SageMakerClient sageMaker, DeployPlan plan, Map<String, String> configTags) {
    Map<String, String> labels = labels(plan.endpointTags());
    Map<String, String> onConfig = labels(configTags);
    if (labels.equals(onConfig) || configTags.isEmpty()) {
      return;
    }
    String arn = LiveEndpoint.describeConfig(sageMaker, plan.config().name()).map(c -> c.endpointConfigArn()).orElse(null);
    if (arn == null) {
      return;
    }
    List<String> stale = onConfig.keySet().stream().filter(k -> !labels.containsKey(k)).sorted().toList();
    if (!stale.isEmpty()) {
      sageMaker.deleteTags(r -> r.resourceArn(arn).tagKeys(stale));
    }
    if (!labels.isEmpty()) {
      sageMaker.addTags(r -> r.resourceArn(arn).tags(EndpointConfigDefinition.tagList(labels)));
    }
  }

  private static Map<String, String> tagsOf(SageMakerClient sageMaker, String arn) {
    Map<String, String> out = new HashMap<>();
    for (Tag tag : sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()) {
      out.put(tag.key(), tag.value());
    }
    return out;
  }

  /** The tags that are labels: neither this tool's nor AWS's. */
  private static Map<String, String> labels(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((key, value) -> {
      if (!key.startsWith(Lineage.TAG_PREFIX) && !key.startsWith("aws:")) {
        out.put(key, value);
      }
    });
    return out;
  }
}
