package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Cleanup;
import dev.sagemakergitops.liveaws.Normalizer;
import dev.sagemakergitops.liveaws.Observation;
import dev.sagemakergitops.liveaws.ProbeTarget;
import dev.sagemakergitops.liveaws.RunLedger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * What a probe works with: the target's clients, the run's names and tags, and the calls every probe
 * needs (create-and-record, observe an answer or a refusal, wait for an endpoint).
 */
public final class ProbeRun {
  /** How often a probe looks at a resource it waits for. */
  static final Duration POLL = Duration.ofSeconds(30);

  private final ProbeTarget target;
  private final RunLedger ledger;
  private final Normalizer normalizer;
  private final Consumer<String> progress;

  public ProbeRun(ProbeTarget target, RunLedger ledger) {
    this(target, ledger, line -> { });
  }

  /**
   * @param progress where a long probe says what it is doing (a live run prints it; tests need not)
   */
  public ProbeRun(ProbeTarget target, RunLedger ledger, Consumer<String> progress) {
    this.target = target;
    this.ledger = ledger;
    this.normalizer = new Normalizer(ledger.prefix(), target.region());
    this.progress = progress;
  }

  /** Says what a long probe is doing, as it happens. */
  public void progress(String line) {
    progress.accept(line);
  }

  public ProbeTarget target() {
    return target;
  }

  public RunLedger ledger() {
    return ledger;
  }

  public String normalize(String text) {
    return normalizer.normalize(text);
  }

  /** The run's tag, for every create. */
  public Tag tag() {
    return Tag.builder().key(RunLedger.TAG_KEY).value(ledger.runId()).build();
  }

  /** Makes {@code call} and observes its answer ({@code fields} of it) or its refusal. */
  public <T> Observation observe(String name, Map<String, Object> request, Supplier<T> call,
      java.util.function.Function<T, Map<String, Object>> fields) {
    Map<String, Object> normalizedRequest = normalizeAll(request);
    try {
      T answer = call.get();
      return Observation.answered(name, normalizedRequest, normalizeAll(fields.apply(answer)));
    } catch (AwsServiceException e) {
      return Observation.refused(name, normalizedRequest, e.awsErrorDetails().errorCode(),
          normalize(e.awsErrorDetails().errorMessage()));
    }
  }

  private Map<String, Object> normalizeAll(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((key, value) -> out.put(key, normalizeValue(value)));
    return out;
  }

  private Object normalizeValue(Object value) {
    return Normalizer.eachText(value, this::normalize);
  }

  /** Creates a model serving {@code image}, tagged and recorded for deletion. */
  public void createModel(String name, String image, String modelDataUrl) {
    target.sageMaker().createModel(r -> r.modelName(name).executionRoleArn(target.executionRoleArn())
        .primaryContainer(c -> c.image(image).modelDataUrl(modelDataUrl)).tags(tag()));
    ledger.created("model", name, () -> target.sageMaker().deleteModel(r -> r.modelName(name)));
  }

  /** Creates an endpoint configuration, tagged and recorded for deletion, once its models are visible. */
  public void createEndpointConfig(String name, ProductionVariant... variants) {
    whenVisible(() -> target.sageMaker().createEndpointConfig(r -> r.endpointConfigName(name)
        .productionVariants(variants).tags(tag())));
    ledger.created("endpoint configuration", name,
        () -> target.sageMaker().deleteEndpointConfig(r -> r.endpointConfigName(name)));
  }

  /** Creates an endpoint, tagged and recorded for deletion, and waits until it leaves Creating. */
  public DescribeEndpointResponse createEndpoint(String name, String config) {
    // AWS recommends DescribeEndpointConfig before CreateEndpoint (botocore sagemaker CreateEndpoint).
    whenVisible(() -> target.sageMaker().describeEndpointConfig(r -> r.endpointConfigName(config)));
    whenVisible(() -> target.sageMaker().createEndpoint(r -> r.endpointName(name).endpointConfigName(config)
        .tags(tag())));
    ledger.created("endpoint", name, () -> target.sageMaker().deleteEndpoint(r -> r.endpointName(name)));
    return waitForEndpoint(name, Duration.ofMinutes(30));
  }

  /** Polls the endpoint until it is no longer Creating or Updating, at most {@code limit}. */
  public DescribeEndpointResponse waitForEndpoint(String name, Duration limit) {
    return waitFor(() -> whenVisible(() -> target.sageMaker().describeEndpoint(r -> r.endpointName(name))),
        e -> !List.of(EndpointStatus.CREATING, EndpointStatus.UPDATING, EndpointStatus.SYSTEM_UPDATING)
            .contains(e.endpointStatus()), limit, "endpoint " + name);
  }

  /**
   * Makes {@code call}, repeating it every second while it answers not-found, at most two minutes:
   * for a call that uses what the run has just created, which AWS documents may not be visible yet
   * (the probes' own set-up is not what they observe).
   */
  public <T> T whenVisible(Supplier<T> call) {
    Duration waited = Duration.ZERO;
    while (true) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        if (!Cleanup.isNotFound(e) || waited.compareTo(Duration.ofMinutes(2)) >= 0) {
          throw e;
        }
        target.pause(Duration.ofSeconds(1));
        waited = waited.plusSeconds(1);
      }
    }
  }

  /** Polls {@code look} every {@link #POLL} until {@code done}, at most {@code limit}; fails past it. */
  public <T> T waitFor(Supplier<T> look, Predicate<T> done, Duration limit, String what) {
    Duration waited = Duration.ZERO;
    while (true) {
      T seen = look.get();
      if (done.test(seen)) {
        return seen;
      }
      if (waited.compareTo(limit) >= 0) {
        throw new IllegalStateException(what + " did not settle within " + limit + "; last seen: " + seen);
      }
      target.pause(POLL);
      waited = waited.plus(POLL);
    }
  }
}
