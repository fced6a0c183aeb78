package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.JsonService;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CreateInferenceExperiment, DescribeInferenceExperiment, ListInferenceExperiments and
 * StopInferenceExperiment (shadow mode).
 *
 * <p>CreateInferenceExperiment refuses, with {@code ValidationException}, what the developer guide
 * excludes (texts chosen here; AWS's are not documented): serverless, asynchronous,
 * multi-container and multi-model endpoints, endpoints with more than one production variant ("max
 * one shadow variant per endpoint and then max one production variant"), Inf1 instances (live or
 * asked for in {@code ModelVariants}), and schedules shorter than 1 hour or longer than 30 days.
 */
final class InferenceExperimentOperations {
  static final Duration MIN_DURATION = Duration.ofHours(1);
  static final Duration MAX_DURATION = Duration.ofDays(30);

  private final HostingService hosting;
  private final InferenceExperimentEndpoint endpoints;

  InferenceExperimentOperations(HostingService hosting) {
    this.hosting = hosting;
    this.endpoints = new InferenceExperimentEndpoint(hosting);
  }

  void register(JsonService sageMaker) {
    sageMaker.register("CreateInferenceExperiment", this::create)
        .register("DescribeInferenceExperiment", this::describe)
        .register("ListInferenceExperiments", this::list)
        .register("StopInferenceExperiment", this::stop);
  }

  private JsonNode create(ObjectNode input, RequestContext context) {
    HostingState state = hosting.state(context.region());
    String name = Json.text(input, "Name");
    String arn = hosting.arn(context.region(), "inference-experiment/" + name);
    if (state.experiments.containsKey(name)) {
      throw AwsServiceException.resourceInUse("An inference experiment named \"" + name + "\" already exists: " + arn);
    }
    String endpointName = Json.text(input, "EndpointName");
    Endpoint endpoint = state.endpoints.get(endpointName);
    if (endpoint == null) {
      throw EndpointOperations.endpointNotFound(hosting.arn(context.region(), "endpoint/" + endpointName));
    }
    for (InferenceExperiment other : state.experiments.values()) {
      if (other.endpointName.equals(endpointName) && !other.isOver()) {
        throw AwsServiceException.resourceInUse("Endpoint \"" + endpoint.arn + "\" already has inference experiment \""
            + other.name + "\" in status " + other.status + ".");
      }
    }
    if (!endpoint.status.equals("InService")) {
      throw AwsServiceException.validation("Endpoint \"" + endpoint.arn + "\" must be InService to run an inference "
          + "experiment; it is " + endpoint.status + ".");
    }
    excludeUnsupported(state, endpoint);
    excludeInf1(input, endpoint);
    JsonNode shadowMode = input.path("ShadowModeConfig");
    String source = shadowMode.path("SourceModelVariantName").asText();
    JsonNode shadowConfig = shadowMode.path("ShadowModelVariants").path(0);
    String shadow = shadowConfig.path("ShadowModelVariantName").asText();
    String shadowModel = null;
    List<String> variantNames = new ArrayList<>();
    for (JsonNode variant : input.path("ModelVariants")) {
      String model = variant.path("ModelName").asText();
      if (hosting.visibleModel(context.region(), model).isEmpty()) {
        throw ModelOperations.modelNotFound(hosting.arn(context.region(), "model/" + model));
      }
      variantNames.add(variant.path("VariantName").asText());
      if (variant.path("VariantName").asText().equals(shadow)) {
        shadowModel = model;
      }
    }
    if (!variantNames.contains(source) || shadowModel == null || source.equals(shadow)) {
      throw AwsServiceException.validation("ShadowModeConfig must name one production variant (SourceModelVariantName) "
          + "and one different shadow variant, both among ModelVariants " + variantNames + ".");
    }
    if (endpoint.variants.stream().noneMatch(v -> v.name().equals(source))) {
      throw AwsServiceException.validation("The source model variant \"" + source + "\" is not a production variant of "
          + "endpoint \"" + endpoint.arn + "\".");
    }
    Instant now = hosting.now();
    Instant start = Listing.instant(input.path("Schedule"), "StartTime");
    start = start == null || start.isBefore(now) ? now : start;
    Instant end = Listing.instant(input.path("Schedule"), "EndTime");
    end = end == null ? start.plus(Timings.DEFAULT_EXPERIMENT) : end;
    checkDuration(start, end);
    InferenceExperiment experiment = new InferenceExperiment(context.region(), name, arn, input, source, shadow,
        shadowModel, shadowConfig.path("SamplingPercentage").asDouble(100), now, start, end);
    for (String variant : variantNames) {
      experiment.variantStatus.put(variant, variant.equals(source) ? "InService" : "Creating");
    }
    SageMakerResources.storeTags(hosting.installation(), arn, input.get("Tags"));
    state.experiments.put(name, experiment);
    plan(experiment);
    ObjectNode out = Json.object();
    out.put("InferenceExperimentArn", arn);
    return out;
  }

  /** The documented exclusions: serverless, asynchronous, multi-variant, multi-container and multi-model endpoints. */
  private void excludeUnsupported(HostingState state, Endpoint endpoint) {
    if (endpoint.variants.size() > 1) {
      throw AwsServiceException.validation("Shadow tests need an endpoint with exactly one production variant; "
          + "endpoint \"" + endpoint.arn + "\" has " + endpoint.variants.size() + ".");
    }
    if (endpoint.variants.stream().anyMatch(LiveVariant::isServerless)) {
      throw AwsServiceException.validation("Shadow tests are not supported for serverless endpoints.");
    }
    if (endpoint.config.spec().hasNonNull("AsyncInferenceConfig")) {
      throw AwsServiceException.validation("Shadow tests are not supported for asynchronous inference endpoints.");
    }
    for (LiveVariant variant : endpoint.variants) {
      Model model = state.models.get(variant.modelName());
      if (model != null && model.containers().size() > 1) {
        throw AwsServiceException.validation("Shadow tests are not supported for multi-container endpoints.");
      }
      if (model != null && model.containers().stream().anyMatch(c -> c.path("Mode").asText().equals("MultiModel"))) {
        throw AwsServiceException.validation("Shadow tests are not supported for multi-model endpoints.");
      }
    }
  }

  /** Inf1 instances cannot host shadow tests, whether production runs on them or a variant asks for them. */
  private static void excludeInf1(ObjectNode input, Endpoint endpoint) {
    List<String> types = new ArrayList<>();
    endpoint.variants.forEach(v -> types.add(v.instanceType()));
    for (JsonNode variant : input.path("ModelVariants")) {
      types.add(variant.path("InfrastructureConfig").path("RealTimeInferenceConfig").path("InstanceType").asText());
    }
    for (String type : types) {
      if (type != null && type.startsWith("ml.inf1.")) {
        throw AwsServiceException.validation("Shadow tests are not supported for Inf1 instances (" + type + ").");
      }
    }
  }

  /** The documented limits: at least 1 hour, at most 30 days. */
  private static void checkDuration(Instant start, Instant end) {
    Duration length = Duration.between(start, end);
    if (length.compareTo(MIN_DURATION) < 0 || length.compareTo(MAX_DURATION) > 0) {
      throw AwsServiceException.validation("The inference experiment's schedule must last between 1 hour and 30 "
          + "days; from " + start + " to " + end + " is " + length.toMinutes() + " minutes.");
    }
  }

  /** Creating, then (Created until the scheduled start, then) Running, then Completed at the end time. */
  private void plan(InferenceExperiment experiment) {
    var scheduler = hosting.installation().scheduler();
    Instant ready = experiment.creationTime.plus(Timings.PROVISIONING);
    scheduler.schedule(ready, () -> {
      if (!experiment.status.equals("Creating")) {
        return;
      }
      experiment.variantStatus.put(experiment.shadowVariant, "InService");
      experiment.lastModifiedTime = hosting.now();
      endpoints.hostShadow(experiment);
      if (experiment.startTime.isAfter(hosting.now())) {
        experiment.status = "Created";
        scheduler.schedule(experiment.startTime, () -> {
          if (experiment.status.equals("Created")) {
            experiment.status = "Running";
            experiment.lastModifiedTime = hosting.now();
          }
        });
      } else {
        experiment.status = "Running";
      }
    });
    scheduler.schedule(experiment.endTime.isBefore(ready) ? ready : experiment.endTime, () -> {
      if (!experiment.isOver()) {
        finish(experiment, "Completed", null);
        // After completion the endpoint reverts to the state it was in before the test.
        experiment.variantStatus.put(experiment.shadowVariant, "Deleted");
        endpoints.settle(experiment, "Remove", null);
      }
    });
  }

  private void finish(InferenceExperiment experiment, String status, String reason) {
    experiment.status = status;
    experiment.statusReason = reason;
    experiment.completionTime = hosting.now();
    experiment.lastModifiedTime = hosting.now();
  }

  private InferenceExperiment experiment(RequestContext context, String name) {
    InferenceExperiment experiment = hosting.state(context.region()).experiments.get(name);
    if (experiment == null) {
      throw AwsServiceException.resourceNotFound("Could not find inference experiment \""
          + hosting.arn(context.region(), "inference-experiment/" + name) + "\".");
    }
    return experiment;
  }

  private JsonNode describe(ObjectNode input, RequestContext context) {
    InferenceExperiment experiment = experiment(context, Json.text(input, "Name"));
    ObjectNode out = Json.object();
    out.put("Arn", experiment.arn);
    out.put("Name", experiment.name);
    out.put("Type", experiment.request.path("Type").asText("ShadowMode"));
    out.set("Schedule", scheduleOf(experiment));
    out.put("Status", experiment.status);
    if (experiment.statusReason != null) {
      out.put("StatusReason", experiment.statusReason);
    }
    copy(experiment.request, out, "Description");
    out.put("CreationTime", Json.timestamp(experiment.creationTime));
    if (experiment.completionTime != null) {
      out.put("CompletionTime", Json.timestamp(experiment.completionTime));
    }
    out.put("LastModifiedTime", Json.timestamp(experiment.lastModifiedTime));
    copy(experiment.request, out, "RoleArn");
    ObjectNode metadata = out.putObject("EndpointMetadata");
    metadata.put("EndpointName", experiment.endpointName);
    Endpoint endpoint = hosting.state(context.region()).endpoints.get(experiment.endpointName);
    if (endpoint != null) {
      metadata.put("EndpointConfigName", endpoint.config.name());
      metadata.put("EndpointStatus", endpoint.status);
      if (endpoint.failureReason != null) {
        metadata.put("FailureReason", endpoint.failureReason);
      }
    }
    ArrayNode variants = out.putArray("ModelVariants");
    for (JsonNode variant : experiment.request.path("ModelVariants")) {
      ObjectNode summary = variant.deepCopy();
      summary.put("Status", experiment.variantStatus.getOrDefault(variant.path("VariantName").asText(), "InService"));
      variants.add(summary);
    }
    copy(experiment.request, out, "DataStorageConfig");
    copy(experiment.request, out, "ShadowModeConfig");
    copy(experiment.request, out, "KmsKey");
    return out;
  }

  private static ObjectNode scheduleOf(InferenceExperiment experiment) {
    ObjectNode schedule = Json.object();
    schedule.put("StartTime", Json.timestamp(experiment.startTime));
    schedule.put("EndTime", Json.timestamp(experiment.endTime));
    return schedule;
  }

  private static void copy(ObjectNode from, ObjectNode to, String member) {
    if (from.hasNonNull(member)) {
      to.set(member, from.get(member).deepCopy());
    }
  }

  private JsonNode list(ObjectNode input, RequestContext context) {
    String status = Json.text(input, "StatusEquals");
    String type = Json.text(input, "Type");
    List<InferenceExperiment> experiments = hosting.state(context.region()).experiments.values().stream()
        .filter(e -> Listing.nameMatches(input, "NameContains", e.name))
        .filter(e -> status == null || status.equals(e.status))
        .filter(e -> type == null || type.equals(e.request.path("Type").asText()))
        .filter(e -> Listing.timeMatches(input, "CreationTimeBefore", "CreationTimeAfter", e.creationTime))
        .filter(e -> Listing.timeMatches(input, "LastModifiedTimeBefore", "LastModifiedTimeAfter", e.lastModifiedTime))
        .toList();
    return Listing.page(input, Json.object(), "InferenceExperiments", experiments,
        Map.of("CreationTime", Comparator.<InferenceExperiment, Instant>comparing(e -> e.creationTime).thenComparing(e -> e.name),
            "Name", Comparator.comparing(e -> e.name),
            "Status", Comparator.<InferenceExperiment, String>comparing(e -> e.status).thenComparing(e -> e.name)),
        "CreationTime", e -> {
          ObjectNode row = Json.object();
          row.put("Name", e.name);
          row.put("Type", e.request.path("Type").asText("ShadowMode"));
          row.set("Schedule", scheduleOf(e));
          row.put("Status", e.status);
          if (e.statusReason != null) {
            row.put("StatusReason", e.statusReason);
          }
          copy(e.request, row, "Description");
          row.put("CreationTime", Json.timestamp(e.creationTime));
          if (e.completionTime != null) {
            row.put("CompletionTime", Json.timestamp(e.completionTime));
          }
          row.put("LastModifiedTime", Json.timestamp(e.lastModifiedTime));
          copy(e.request, row, "RoleArn");
          return row;
        });
  }

  /**
   * Stops at once (no Stopping phase), leaving the endpoint as the shadow's action says (see
   * {@link InferenceExperimentEndpoint}): Promote puts the shadow, under its own name, in
   * production's place on a new configuration (with its {@code DesiredModelVariants} instances);
   * Retain keeps it copying traffic; Remove takes the endpoint back to its configuration before
   * the experiment. A stop that would remove an autoscaled production variant is refused.
   */
  private JsonNode stop(ObjectNode input, RequestContext context) {
    InferenceExperiment experiment = experiment(context, Json.text(input, "Name"));
    if (experiment.isOver()) {
      throw new AwsServiceException("ConflictException", 400, "The inference experiment \"" + experiment.name
          + "\" cannot be stopped because it is in status " + experiment.status + ".");
    }
    JsonNode actions = input.path("ModelVariantActions");
    String action = actions.path(experiment.shadowVariant).asText("Remove");
    endpoints.refuseRemovingScaledVariant(experiment, action, actions.path(experiment.sourceVariant).asText("Retain"));
    endpoints.settle(experiment, action, input.path("DesiredModelVariants"));
    experiment.variantStatus.put(experiment.shadowVariant, action.equals("Retain") ? "InService" : "Deleted");
    finish(experiment, input.path("DesiredState").asText("Completed"), Json.text(input, "Reason"));
    ObjectNode out = Json.object();
    out.put("InferenceExperimentArn", experiment.arn);
    return out;
  }
}
