package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Arns;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.local.spi.MetricRecorder;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker Runtime's {@code InvokeEndpoint} ({@code POST /endpoints/{EndpointName}/invocations},
 * REST-JSON, signing service {@code sagemaker}): routes to a production variant, runs its
 * {@link LocalModel} on the CSV payload, copies sampled requests to shadow variants, and records the
 * {@code AWS/SageMaker} invocation metrics.
 */
final class RuntimeRoute implements HttpRoute {
  private static final Pattern PATH = Pattern.compile("^/endpoints/([^/]+)/invocations$");
  /** States in which an endpoint has a fleet that takes traffic. */
  private static final Set<String> SERVING = Set.of("InService", "Updating", "SystemUpdating", "RollingBack",
      "UpdateRollbackFailed");
  /** Simulated latencies in microseconds: a fixed cost plus a cost per CSV record. */
  static final long BASE_MODEL_LATENCY = 4_000;
  static final long PER_RECORD_LATENCY = 100;
  static final long OVERHEAD_LATENCY = 1_200;

  private final HostingService hosting;
  /** Local models by artifact URL; an artifact not (yet) in the object store is not cached. */
  private final Map<String, LocalModel> models = new HashMap<>();
  /** A model's containers: one, a Serial pipeline, or Direct invocation of one by host name. */
  private final PipelineInvocation pipelines = new PipelineInvocation(this::artifactModel);

  RuntimeRoute(HostingService hosting) {
    this.hosting = hosting;
  }

  @Override
  public boolean accepts(HttpCall call) {
    return call.method().equals("POST") && PATH.matcher(call.path()).matches()
        && (call.signingService().isEmpty() || call.signingService().equals("sagemaker"));
  }

  @Override
  public String operationOf(HttpCall call) {
    return "InvokeEndpoint";
  }

  /** What one model container answered. */
  private record Outcome(int status, String body) {}

  @Override
  public HttpAnswer answer(HttpCall call, RequestContext context) {
    Matcher match = PATH.matcher(call.path());
    match.matches();
    String name = URLDecoder.decode(match.group(1), StandardCharsets.UTF_8);
    HostingState state = hosting.state(context.region());
    Endpoint endpoint = state.endpoints.get(name);
    if (endpoint == null || !SERVING.contains(endpoint.status)) {
      // The runtime only knows endpoints with a fleet: a creating or failed endpoint is "not found" to it.
      throw new AwsServiceException("ValidationError", 400,
          "Endpoint " + name + " of account " + context.accountId() + " not found.");
    }
    String target = call.header("X-Amzn-SageMaker-Target-Variant");
    LiveVariant variant = target != null ? find(endpoint.variants, target) : pickByWeight(endpoint);
    if (variant == null) {
      throw new AwsServiceException("ValidationError", 400, target != null
          ? "Variant " + target + " not found for endpoint " + name + " of account " + context.accountId() + "."
          : "Endpoint " + name + " of account " + context.accountId() + " has no variant with a positive weight.");
    }
    Deployment deployment = endpoint.deployment;
    boolean guardrail = deployment != null && deployment.kind != Deployment.Kind.CREATE && deployment.bringsNewConfig();
    LiveVariant serving = variant;
    String configName = endpoint.config.name();
    if (guardrail && deployment.greenShare > 0) {
      LiveVariant green = find(deployment.greenVariants, variant.name());
      if (green != null && endpoint.accumulate("green/" + variant.name(), deployment.greenShare)) {
        // Traffic reaches the green fleet only once it is launched, so it runs its desired instances.
        serving = green.withCounts(green.desiredInstanceCount(), green.desiredInstanceCount());
        configName = deployment.target.name();
      }
    }
    String targetContainer = call.header(PipelineInvocation.TARGET_CONTAINER_HEADER);
    PipelineInvocation.checkTarget(state.models.get(serving.modelName()), targetContainer, name);
    String payload = call.bodyText();
    String contentType = call.header("Content-Type");
    String targetModel = call.header(MultiModelTarget.HEADER);
    Outcome outcome = invoke(endpoint, serving, payload, contentType, context, guardrail ? configName : null,
        targetContainer, targetModel);
    for (Endpoint.ShadowCopy copy : shadowCopies(state, endpoint, variant.name())) {
      if (endpoint.accumulate("shadow/" + copy.shadowVariant(), copy.samplingPercentage() / 100.0)) {
        LiveVariant shadow = new LiveVariant(copy.shadowVariant(), copy.modelName(), null, 1, 1, 0, 0, null, List.of());
        // The shadow's answer is computed and measured, never returned.
        invoke(endpoint, shadow, payload, contentType, context, null, shadowTarget(state, shadow, targetContainer),
            targetModel);
      }
    }
    if (outcome.status() != 200) {
      return modelError(endpoint, context, outcome);
    }
    EndpointConfig servingConfig = serving == variant ? endpoint.config : deployment.target;
    String variantName = variant.name();
    hosting.capability(ObjectStore.class).ifPresent(store -> DataCapture.capture(store, endpoint, servingConfig,
        variantName, contentType, payload, outcome.body(), context.now()));
    return HttpAnswer.text(200, "text/csv", outcome.body())
        .withHeader("x-Amzn-Invoked-Production-Variant", variant.name());
  }

  private Outcome invoke(Endpoint endpoint, LiveVariant variant, String payload, String contentType,
      RequestContext context, String guardrailConfigName, String targetContainer, String targetModel) {
    EndpointScenario.VariantFault fault = hosting.scenario(endpoint.region, endpoint.name).variantFault(variant.name());
    long records = payload.lines().filter(line -> !line.isBlank()).count();
    long latency = Math.round((BASE_MODEL_LATENCY + PER_RECORD_LATENCY * records) * fault.latencyFactor());
    Outcome outcome;
    if (fault.errorRate() > 0 && endpoint.accumulate("error/" + variant.name(), fault.errorRate())) {
      outcome = new Outcome(500, "Simulated model error (errorVariant) in variant " + variant.name() + ".");
    } else if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("csv")
        && !contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
      outcome = new Outcome(415, "The local model reads text/csv; got " + contentType + ".");
    } else {
      Model model = hosting.state(endpoint.region).models.get(variant.modelName());
      // A multi-model container answers from its target model's artifact; every other model (one
      // container or a pipeline) runs its containers.
      outcome = new Outcome(200, targetModel != null || MultiModelTarget.isMultiModel(model)
          ? artifactModel(MultiModelTarget.artifactUrl(model, endpoint.name, targetModel,
              hosting.capability(ObjectStore.class), context.requestId())).predictCsv(payload)
          : pipelines.predict(model, payload, targetContainer));
    }
    record(endpoint, variant, context, latency, outcome.status(), guardrailConfigName);
    return outcome;
  }

  private void record(Endpoint endpoint, LiveVariant variant, RequestContext context, long latency, int status,
      String guardrailConfigName) {
    Optional<MetricRecorder> recorder = hosting.capability(MetricRecorder.class);
    if (recorder.isEmpty()) {
      return;
    }
    List<Map<String, String>> dimensionSets = new ArrayList<>();
    Map<String, String> byVariant = new LinkedHashMap<>();
    byVariant.put("EndpointName", endpoint.name);
    byVariant.put("VariantName", variant.name());
    dimensionSets.add(byVariant);
    if (guardrailConfigName != null) {
      // During a guardrail deployment metrics also carry the configuration, so alarms can watch one fleet.
      Map<String, String> byConfig = new LinkedHashMap<>();
      byConfig.put("EndpointConfigName", guardrailConfigName);
      byConfig.putAll(byVariant);
      dimensionSets.add(byConfig);
    }
    for (Map<String, String> dimensions : dimensionSets) {
      Map<String, String> d = Map.copyOf(dimensions);
      MetricRecorder r = recorder.get();
      String ns = "AWS/SageMaker";
      r.record(endpoint.region, ns, "Invocations", d, 1, "Count", context.now());
      r.record(endpoint.region, ns, "InvocationsPerInstance", d, 1.0 / variant.servingInstances(), "Count", context.now());
      r.record(endpoint.region, ns, "ModelLatency", d, latency, "Microseconds", context.now());
      r.record(endpoint.region, ns, "OverheadLatency", d, OVERHEAD_LATENCY, "Microseconds", context.now());
      r.record(endpoint.region, ns, "Invocation4XXErrors", d, status >= 400 && status < 500 ? 1 : 0, "Count",
          context.now());
      r.record(endpoint.region, ns, "Invocation5XXErrors", d, status >= 500 ? 1 : 0, "Count", context.now());
      r.record(endpoint.region, ns, "InvocationModelErrors", d, status != 200 ? 1 : 0, "Count", context.now());
    }
  }

  private HttpAnswer modelError(Endpoint endpoint, RequestContext context, Outcome outcome) {
    String logGroup = "/aws/sagemaker/Endpoints/" + endpoint.name;
    ObjectNode body = Json.object();
    String kind = outcome.status() >= 500 ? "server" : "client";
    String message = "Received " + kind + " error (" + outcome.status() + ") from model with message \"" + outcome.body()
        + "\". See https://" + endpoint.region + ".console.aws.amazon.com/cloudwatch/home?region=" + endpoint.region
        + "#logEventViewer:group=" + logGroup + " in account " + context.accountId() + " for more information.";
    body.put("__type", "ModelError");
    body.put("message", message);
    body.put("ErrorCode", outcome.status() >= 500 ? "SERVER_ERROR_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL");
    body.put("OriginalStatusCode", outcome.status());
    body.put("OriginalMessage", outcome.body());
    body.put("LogStreamArn", "arn:" + Arns.partition(endpoint.region) + ":logs:" + endpoint.region + ":"
        + context.accountId() + ":log-group:" + logGroup);
    return HttpAnswer.text(424, "application/json", body.toString()).withHeader("x-amzn-ErrorType", "ModelError");
  }

  /**
   * Smooth weighted round-robin over the variants' current weights: with weights 3 and 1 the
   * sequence is A A B A, repeating, so shares are exact after every cycle and runs replay.
   */
  private static LiveVariant pickByWeight(Endpoint endpoint) {
    double total = 0;
    LiveVariant best = null;
    double bestCredit = Double.NEGATIVE_INFINITY;
    for (LiveVariant variant : endpoint.variants) {
      double weight = Math.max(0, variant.currentWeight());
      if (weight == 0) {
        continue;
      }
      total += weight;
      double credit = endpoint.routingCredit.getOrDefault(variant.name(), 0.0) + weight;
      endpoint.routingCredit.put(variant.name(), credit);
      if (credit > bestCredit) {
        bestCredit = credit;
        best = variant;
      }
    }
    if (best != null) {
      endpoint.routingCredit.put(best.name(), bestCredit - total);
    }
    return best;
  }

  private static LiveVariant find(List<LiveVariant> variants, String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  /** Shadow copies of traffic to {@code variantName}: the configuration's shadow variants, a running experiment, a retained one. */
  private static List<Endpoint.ShadowCopy> shadowCopies(HostingState state, Endpoint endpoint, String variantName) {
    List<Endpoint.ShadowCopy> copies = new ArrayList<>();
    double production = endpoint.variants.stream().mapToDouble(LiveVariant::currentWeight).sum();
    for (LiveVariant shadow : endpoint.shadows) {
      if (state.experiments.values().stream().anyMatch(e -> e.endpointName.equals(endpoint.name)
          && e.shadowVariant.equals(shadow.name()))) {
        // An experiment's shadow gets its SamplingPercentage below, while it runs or once retained.
        continue;
      }
      // The shadow's sampled share is its weight relative to the production weight (100% at equal weights).
      double share = production <= 0 ? 0 : Math.min(100.0, 100.0 * shadow.currentWeight() / production);
      copies.add(new Endpoint.ShadowCopy(variantName, shadow.name(), shadow.modelName(), share));
    }
    for (InferenceExperiment experiment : state.experiments.values()) {
      if (experiment.endpointName.equals(endpoint.name) && experiment.status.equals("Running")
          && experiment.sourceVariant.equals(variantName)) {
        copies.add(new Endpoint.ShadowCopy(variantName, experiment.shadowVariant, experiment.shadowModel,
            experiment.samplingPercentage));
      }
    }
    if (endpoint.retainedShadow != null && endpoint.retainedShadow.sourceVariant().equals(variantName)) {
      copies.add(endpoint.retainedShadow);
    }
    return copies;
  }

  /**
   * The target a shadow copy is run with: the request's, when the shadow's model takes it (its checks
   * passed for the production model; a shadow is never allowed to fail the request it copies).
   */
  private static String shadowTarget(HostingState state, LiveVariant shadow, String target) {
    try {
      PipelineInvocation.checkTarget(state.models.get(shadow.modelName()), target, shadow.name());
      return target;
    } catch (AwsServiceException e) {
      return null;
    }
  }

  /** The local model of an artifact URL ({@code null}: no artifact): from the object store, cached by URL. */
  private LocalModel artifactModel(String url) {
    if (url == null) {
      return LocalModel.fromArtifact(null);
    }
    LocalModel cached = models.get(url);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> artifact = Optional.empty();
    if (url.startsWith("s3://")) {
      String rest = url.substring("s3://".length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        artifact = hosting.capability(ObjectStore.class)
            .flatMap(store -> store.get(rest.substring(0, slash), rest.substring(slash + 1)));
      }
    }
    LocalModel loaded = LocalModel.fromArtifact(artifact.orElse(null));
    if (artifact.isPresent()) {
      models.put(url, loaded);
    }
    return loaded;
  }
}
