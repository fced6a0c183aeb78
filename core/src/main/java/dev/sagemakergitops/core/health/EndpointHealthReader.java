package dev.sagemakergitops.core.health;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Reads what {@link EndpointHealthClassifier} needs from AWS: one {@code DescribeEndpoint}, the
 * endpoint's tags (for the intent tag) and, only when they can change the answer, its unfinished
 * inference experiments.
 *
 * <p>{@code ListInferenceExperiments} cannot filter by endpoint, so finding an endpoint's experiment
 * costs a listing and a {@code DescribeInferenceExperiment} per unfinished experiment in the region.
 * {@link #read} (status) and {@link #classifyWithExperiments} (safe deploy, before it updates an
 * endpoint) always do it. {@link #classify} (a deployment being followed, explain) does it only when
 * the endpoint shows a shadow variant (an experiment hosts its shadow that way) or when, without
 * experiments, the endpoint would be read as rolled back, changed outside Git or updated by someone
 * else: the readings an experiment's own endpoint updates would otherwise give.
 */
public final class EndpointHealthReader {
  /** The experiment statuses that are not final [botocore {@code InferenceExperimentStatus}]. */
  static final Set<String> UNFINISHED = Set.of("Creating", "Created", "Updating", "Starting", "Running", "Stopping");
  private static final Set<HealthState> EXPERIMENT_SENSITIVE = Set.of(HealthState.ROLLED_BACK,
      HealthState.CHANGED_OUTSIDE_GIT, HealthState.UPDATING_ELSEWHERE);

  private final SageMakerClient sageMaker;
  private final EndpointReads reads;

  public EndpointHealthReader(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.reads = null;
  }

  /** A reader whose description of the endpoint and of its tags come from {@code reads}, read once for a plan. */
  public EndpointHealthReader(EndpointReads reads) {
    this.sageMaker = reads.sageMaker();
    this.reads = reads;
  }

  /** What was read: the health, and the description it came from (empty when the endpoint does not exist). */
  public record Reading(EndpointHealth health, Optional<DescribeEndpointResponse> endpoint) {}

  /**
   * Reads and classifies {@code endpointName}.
   *
   * @param expected the configuration the caller expects, or {@code null}
   */
  public Reading read(String endpointName, String expected) {
    Optional<DescribeEndpointResponse> found = describe(endpointName);
    if (found.isEmpty()) {
      return new Reading(EndpointHealthClassifier.classify(endpointName, null, null, expected, List.of()), found);
    }
    IntentTag intent = intentOf(found.get().endpointArn()).orElse(null);
    return new Reading(classifyWithExperiments(found.get(), intent, expected), found);
  }

  /**
   * Classifies a description already made, always looking for an inference experiment on the
   * endpoint: what a caller about to report or change a settled endpoint needs, since whether
   * SageMaker shows an experiment on the endpoint's own description is not documented.
   */
  public EndpointHealth classifyWithExperiments(DescribeEndpointResponse endpoint, IntentTag intent, String expected) {
    EndpointHealth first = EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, expected,
        List.of());
    if (first.state() == HealthState.FAILED || first.state() == HealthState.DELETING) {
      return first;
    }
    List<RunningExperiment> experiments = experimentsOn(endpoint.endpointName());
    return experiments.isEmpty() ? first
        : EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, expected, experiments);
  }

  /**
   * Classifies a description already made, with an intent the caller knows (safe deploy keeps its
   * own in its state), looking up experiments only when they can change the answer.
   */
  public EndpointHealth classify(DescribeEndpointResponse endpoint, IntentTag intent, String expected) {
    EndpointHealth first = EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, expected,
        List.of());
    boolean shadowShown = !endpoint.shadowProductionVariants().isEmpty() || (endpoint.pendingDeploymentSummary() != null
        && !endpoint.pendingDeploymentSummary().shadowProductionVariants().isEmpty());
    if (!shadowShown && !EXPERIMENT_SENSITIVE.contains(first.state())) {
      return first;
    }
    List<RunningExperiment> experiments = experimentsOn(endpoint.endpointName());
    return experiments.isEmpty() ? first
        : EndpointHealthClassifier.classify(endpoint.endpointName(), endpoint, intent, expected, experiments);
  }

  /** The endpoint's description, or empty when it does not exist. */
  public Optional<DescribeEndpointResponse> describe(String endpointName) {
    return reads != null ? reads.endpoint(endpointName) : new SageMakerHosting(sageMaker).findEndpoint(endpointName);
  }

  /** The endpoint's intent tag, if it has one. */
  public Optional<IntentTag> intentOf(String endpointArn) {
    Iterable<Tag> tags = reads != null ? reads.tags(endpointArn)
        : sageMaker.listTagsPaginator(r -> r.resourceArn(endpointArn)).tags();
    for (Tag tag : tags) {
      if (IntentTag.KEY.equals(tag.key())) {
        return IntentTag.parse(tag.value());
      }
    }
    return Optional.empty();
  }

  /** The unfinished inference experiments whose endpoint is {@code endpointName}. */
  public List<RunningExperiment> experimentsOn(String endpointName) {
    List<RunningExperiment> out = new ArrayList<>();
    for (InferenceExperimentSummary summary : sageMaker.listInferenceExperimentsPaginator(r -> r.maxResults(100))
        .inferenceExperiments()) {
      if (!UNFINISHED.contains(summary.statusAsString())) {
        continue;
      }
      // Empty when it ended and was deleted between the listing and the description.
      Optional<DescribeInferenceExperimentResponse> described =
          new SageMakerHosting(sageMaker).findInferenceExperiment(summary.name());
      if (described.isEmpty()) {
        continue;
      }
      DescribeInferenceExperimentResponse experiment = described.get();
      if (experiment.endpointMetadata() != null && endpointName.equals(experiment.endpointMetadata().endpointName())) {
        out.add(new RunningExperiment(experiment.name(), experiment.statusAsString()));
      }
    }
    return out;
  }
}
