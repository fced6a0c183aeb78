package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.JsonService;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** CreateEndpoint, DescribeEndpoint, ListEndpoints, DeleteEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities. */
final class EndpointOperations {
  private static final Set<String> IN_PROGRESS = Set.of("Creating", "Updating", "RollingBack", "SystemUpdating", "Deleting");

  private final HostingService hosting;

  EndpointOperations(HostingService hosting) {
    this.hosting = hosting;
  }

  void register(JsonService sageMaker) {
    sageMaker.register("CreateEndpoint", this::create)
        .register("DescribeEndpoint", this::describe)
        .register("ListEndpoints", this::list)
        .register("DeleteEndpoint", this::delete)
        .register("UpdateEndpoint", this::update)
        .register("UpdateEndpointWeightsAndCapacities", this::updateWeights);
  }

  static AwsServiceException endpointNotFound(String arn) {
    return AwsServiceException.validation("Could not find endpoint \"" + arn + "\".");
  }

  static AwsServiceException inProgress(Endpoint endpoint) {
    return AwsServiceException.validation("Cannot update in-progress endpoint \"" + endpoint.arn + "\".");
  }

  private Endpoint endpoint(RequestContext context, String name) {
    Endpoint endpoint = hosting.state(context.region()).endpoints.get(name);
    if (endpoint == null) {
      throw endpointNotFound(hosting.arn(context.region(), "endpoint/" + name));
    }
    return endpoint;
  }

  private EndpointConfig config(RequestContext context, String name) {
    return hosting.visibleConfig(context.region(), name)
        .orElseThrow(() -> ModelOperations.configNotFound(hosting.arn(context.region(), "endpoint-config/" + name)));
  }

  /** Mutations are refused while the endpoint works, and on a Failed endpoint (only DeleteEndpoint is allowed). */
  private static void requireMutable(Endpoint endpoint) {
    if (IN_PROGRESS.contains(endpoint.status)) {
      throw inProgress(endpoint);
    }
    if (endpoint.status.equals("Failed")) {
      throw AwsServiceException.validation("Cannot update failed endpoint \"" + endpoint.arn
          + "\". The only operation allowed on a failed endpoint is DeleteEndpoint.");
    }
  }

  private JsonNode create(ObjectNode input, RequestContext context) {
    HostingState state = hosting.state(context.region());
    String name = Json.text(input, "EndpointName");
    String arn = hosting.arn(context.region(), "endpoint/" + name);
    Endpoint existing = state.endpointIgnoringCase(name);
    if (existing != null) {
      throw AwsServiceException.validation("Cannot create already existing endpoint \"" + existing.arn + "\".");
    }
    EndpointConfig config = config(context, Json.text(input, "EndpointConfigName"));
    Endpoint endpoint = new Endpoint(context.region(), name, arn, hosting.now());
    endpoint.config = config;
    // Stored for a later UpdateEndpoint with RetainDeploymentConfig; creation itself is never blue/green.
    endpoint.lastDeploymentConfig = input.hasNonNull("DeploymentConfig") ? (ObjectNode) input.get("DeploymentConfig").deepCopy() : null;
    SageMakerResources.storeTags(hosting.installation(), arn, input.get("Tags"));
    state.endpoints.put(name, endpoint);
    DeploymentEngine engine = hosting.engine();
    Deployment creation = new Deployment(Deployment.Kind.CREATE, config, engine.launch(context.region(), config.variants()),
        engine.launch(context.region(), config.shadowVariants()), DeploymentEngine.blueGreen(null, config.totalCapacity()),
        hosting.now(), List.of(), null);
    engine.start(endpoint, creation);
    ObjectNode out = Json.object();
    out.put("EndpointArn", arn);
    return out;
  }

  /**
   * SageMaker refuses an update that changes the instance type of a variant registered as an
   * Application Auto Scaling target: the caller must deregister it first and register it again
   * after (Developer Guide, endpoint-scaling).
   */
  private void refuseInstanceTypeChangeOfScaledVariant(RequestContext context, Endpoint endpoint, EndpointConfig target) {
    for (EndpointConfig.Variant now : endpoint.config.variants()) {
      for (EndpointConfig.Variant next : target.variants()) {
        if (now.name().equals(next.name()) && now.instanceType() != null
            && !now.instanceType().equals(next.instanceType())
            && hosting.isScalableTarget(context.region(), endpoint.name, now.name())) {
          throw AwsServiceException.validation("The variant " + now.name() + " of endpoint " + endpoint.name
              + " is registered as an Application Auto Scaling scalable target, so its instance type cannot change"
              + " from " + now.instanceType() + " to " + next.instanceType() + ". Deregister the scalable target,"
              + " update the endpoint, then register it again.");
        }
      }
    }
  }

  private JsonNode update(ObjectNode input, RequestContext context) {
    Endpoint endpoint = endpoint(context, Json.text(input, "EndpointName"));
    requireMutable(endpoint);
    EndpointConfig target = config(context, Json.text(input, "EndpointConfigName"));
    if (target.name().equals(endpoint.config.name()) && endpoint.status.equals("InService")) {
      throw AwsServiceException.validation("Cannot update endpoint \"" + endpoint.arn + "\" to endpoint configuration \""
          + target.name() + "\": it already uses that endpoint configuration.");
    }
    ObjectNode deploymentConfig = input.hasNonNull("DeploymentConfig")
        ? (ObjectNode) input.get("DeploymentConfig").deepCopy()
        : input.path("RetainDeploymentConfig").asBoolean(false) && endpoint.lastDeploymentConfig != null
            ? endpoint.lastDeploymentConfig.deepCopy() : null;
    boolean blueGreen = deploymentConfig != null && deploymentConfig.hasNonNull("BlueGreenUpdatePolicy");
    boolean rolling = deploymentConfig != null && deploymentConfig.hasNonNull("RollingUpdatePolicy");
    if (blueGreen && rolling) {
      throw AwsServiceException.validation("Only one update policy should be used: specify either BlueGreenUpdatePolicy "
          + "or RollingUpdatePolicy in DeploymentConfig.");
    }
    if (blueGreen || rolling) {
      Set<String> before = new TreeSet<>(endpoint.config.variantNames());
      Set<String> after = new TreeSet<>(target.variantNames());
      if (!before.equals(after)) {
        throw AwsServiceException.validation("The production variant names of endpoint configuration \"" + target.name()
            + "\" " + after + " must match those of the current endpoint configuration \"" + endpoint.config.name()
            + "\" " + before + " to use a blue/green or rolling deployment.");
      }
    }
    if (rolling && (target.variants().size() > 1 || target.variants().get(0).isServerless())) {
      throw AwsServiceException.validation("RollingUpdatePolicy is not supported for endpoints with more than one "
          + "production variant or with serverless variants.");
    }
    boolean liveInstances = endpoint.config.variants().stream().anyMatch(v -> !v.isServerless());
    if (liveInstances && target.variants().stream().anyMatch(EndpointConfig.Variant::isServerless)) {
      // "You cannot convert your instance-based, real-time endpoint to a serverless endpoint. If you
      // try to update your real-time endpoint to serverless, you receive a ValidationError message."
      // (Developer Guide, serverless-endpoints.html, Feature exclusions; the text is not quoted there.)
      throw AwsServiceException.validation("Cannot update endpoint \"" + endpoint.arn + "\" to endpoint configuration \""
          + target.name() + "\": an instance-based endpoint cannot be converted to a serverless endpoint.");
    }
    refuseInstanceTypeChangeOfScaledVariant(context, endpoint, target);
    if (endpoint.status.equals("UpdateRollbackFailed") && endpoint.deployment != null) {
      // A new update replaces the stuck one; the old (blue) fleet is what the new one starts from.
      endpoint.deployment = null;
    }
    DeploymentEngine engine = hosting.engine();
    List<LiveVariant> green = retain(input, endpoint, engine.launch(context.region(), target.variants()));
    List<Deployment.Phase> phases = rolling
        ? DeploymentEngine.rolling(deploymentConfig.get("RollingUpdatePolicy"), target.totalCapacity())
        : DeploymentEngine.blueGreen(blueGreen ? deploymentConfig.get("BlueGreenUpdatePolicy") : null,
            green.stream().mapToInt(v -> v.isServerless() ? 1 : Math.max(1, v.desiredInstanceCount())).sum());
    List<String> alarms = new ArrayList<>();
    if (deploymentConfig != null) {
      deploymentConfig.path("AutoRollbackConfiguration").path("Alarms").forEach(a -> alarms.add(a.path("AlarmName").asText()));
      endpoint.lastDeploymentConfig = deploymentConfig.deepCopy();
    }
    endpoint.failureReason = null;
    engine.start(endpoint, new Deployment(rolling ? Deployment.Kind.ROLLING : Deployment.Kind.BLUE_GREEN, target, green,
        engine.launch(context.region(), target.shadowVariants()), phases, hosting.now(), alarms, deploymentConfig));
    ObjectNode out = Json.object();
    out.put("EndpointArn", endpoint.arn);
    return out;
  }

  /** RetainAllVariantProperties: same-named variants keep their current weight and instance count, unless excluded. */
  private static List<LiveVariant> retain(ObjectNode input, Endpoint endpoint, List<LiveVariant> green) {
    if (!input.path("RetainAllVariantProperties").asBoolean(false)) {
      return green;
    }
    Set<String> excluded = new HashSet<>();
    input.path("ExcludeRetainedVariantProperties").forEach(p -> excluded.add(p.path("VariantPropertyType").asText()));
    Map<String, LiveVariant> current = new HashMap<>();
    endpoint.variants.forEach(v -> current.put(v.name(), v));
    List<LiveVariant> out = new ArrayList<>();
    for (LiveVariant variant : green) {
      LiveVariant old = current.get(variant.name());
      LiveVariant kept = variant;
      if (old != null && !excluded.contains("DesiredWeight")) {
        kept = kept.withWeights(old.desiredWeight(), old.desiredWeight());
      }
      if (old != null && !excluded.contains("DesiredInstanceCount") && !kept.isServerless()) {
        kept = kept.withCounts(0, old.desiredInstanceCount());
      }
      out.add(kept);
    }
    return out;
  }

  private JsonNode updateWeights(ObjectNode input, RequestContext context) {
    Endpoint endpoint = endpoint(context, Json.text(input, "EndpointName"));
    requireMutable(endpoint);
    Map<String, JsonNode> desired = new HashMap<>();
    input.path("DesiredWeightsAndCapacities").forEach(d -> desired.put(d.path("VariantName").asText(), d));
    Set<String> unknown = new TreeSet<>(desired.keySet());
    endpoint.variants.forEach(v -> unknown.remove(v.name()));
    if (!unknown.isEmpty()) {
      throw AwsServiceException.validation("The variant(s) " + unknown + " are not present in endpoint configuration \""
          + endpoint.config.name() + "\" of endpoint \"" + endpoint.arn + "\".");
    }
    checkWeightsAndCapacities(endpoint, desired);
    boolean scaleOut = false;
    List<LiveVariant> updated = new ArrayList<>();
    for (LiveVariant variant : endpoint.variants) {
      JsonNode change = desired.get(variant.name());
      LiveVariant next = variant;
      if (change != null && change.has("DesiredWeight")) {
        next = next.withWeights(next.currentWeight(), change.get("DesiredWeight").asDouble());
      }
      if (change != null && change.has("DesiredInstanceCount")) {
        int count = change.get("DesiredInstanceCount").asInt();
        scaleOut |= count > next.currentInstanceCount();
        next = next.withCounts(next.currentInstanceCount(), count);
      }
      updated.add(next);
    }
    endpoint.variants = updated;
    hosting.engine().start(endpoint, new Deployment(Deployment.Kind.REWEIGH, endpoint.config, List.of(), List.of(),
        DeploymentEngine.reweigh(scaleOut), hosting.now(), List.of(), null));
    ObjectNode out = Json.object();
    out.put("EndpointArn", endpoint.arn);
    return out;
  }

  /**
   * What UpdateEndpointWeightsAndCapacities refuses besides an unknown variant. Sources: the operation
   * "Updates variant weight of one or more variants associated with an existing endpoint, or capacity
   * of one variant associated with an existing endpoint" (botocore), read as: any number of weights,
   * and {@code DesiredInstanceCount} for one variant per call; a serverless variant has no instance
   * count (its capacity is {@code ServerlessUpdateConfig}, botocore {@code DesiredWeightAndCapacity}).
   * AWS documents no answer for an entry that asks for nothing, or for a request that changes
   * nothing: both are refused here, the reading harder on the caller (a tool that sends them is
   * told, rather than left waiting for an {@code Updating} that changes nothing).
   */
  private static void checkWeightsAndCapacities(Endpoint endpoint, Map<String, JsonNode> desired) {
    List<String> counted = new ArrayList<>();
    boolean changes = false;
    for (LiveVariant variant : endpoint.variants) {
      JsonNode change = desired.get(variant.name());
      if (change == null) {
        continue;
      }
      if (!change.has("DesiredWeight") && !change.has("DesiredInstanceCount") && !change.has("ServerlessUpdateConfig")) {
        throw AwsServiceException.validation("Variant \"" + variant.name() + "\" specifies neither DesiredWeight nor "
            + "DesiredInstanceCount nor ServerlessUpdateConfig.");
      }
      if (change.has("DesiredInstanceCount")) {
        if (variant.isServerless()) {
          throw AwsServiceException.validation("Variant \"" + variant.name() + "\" is serverless: DesiredInstanceCount "
              + "cannot be specified for it; use ServerlessUpdateConfig.");
        }
        counted.add(variant.name());
        changes |= change.get("DesiredInstanceCount").asInt() != variant.desiredInstanceCount();
      }
      if (change.has("DesiredWeight")) {
        changes |= Math.abs(change.get("DesiredWeight").asDouble() - variant.desiredWeight()) > 1e-6;
      }
      changes |= change.has("ServerlessUpdateConfig");
    }
    if (counted.size() > 1) {
      throw AwsServiceException.validation("The capacity of one variant can be updated per request; "
          + "DesiredInstanceCount is specified for " + counted + ".");
    }
    if (!changes) {
      throw AwsServiceException.validation("The desired weights and capacities of endpoint \"" + endpoint.arn
          + "\" are the ones it already has.");
    }
  }

  private JsonNode delete(ObjectNode input, RequestContext context) {
    HostingState state = hosting.state(context.region());
    Endpoint endpoint = endpoint(context, Json.text(input, "EndpointName"));
    if (IN_PROGRESS.contains(endpoint.status)) {
      throw inProgress(endpoint);
    }
    if (endpoint.deployment != null) {
      endpoint.deployment.finished = true;
    }
    endpoint.deployment = null;
    endpoint.status = "Deleting";
    endpoint.lastModifiedTime = hosting.now();
    hosting.installation().scheduler().schedule(hosting.now().plus(Timings.DELETING), () -> {
      if (state.endpoints.get(endpoint.name) == endpoint) {
        state.endpoints.remove(endpoint.name);
      }
    });
    return Json.object();
  }

  private JsonNode list(ObjectNode input, RequestContext context) {
    String status = Json.text(input, "StatusEquals");
    List<Endpoint> endpoints = hosting.state(context.region()).endpoints.values().stream()
        .filter(e -> Listing.nameMatches(input, "NameContains", e.name))
        .filter(e -> Listing.timeMatches(input, "CreationTimeBefore", "CreationTimeAfter", e.creationTime))
        .filter(e -> Listing.timeMatches(input, "LastModifiedTimeBefore", "LastModifiedTimeAfter", e.lastModifiedTime))
        .filter(e -> status == null || status.equals(e.status))
        .toList();
    return Listing.page(input, Json.object(), "Endpoints", endpoints,
        Map.of("CreationTime", Comparator.<Endpoint, java.time.Instant>comparing(e -> e.creationTime).thenComparing(e -> e.name),
            "Name", Comparator.comparing(e -> e.name),
            "Status", Comparator.<Endpoint, String>comparing(e -> e.status).thenComparing(e -> e.name)),
        "CreationTime", e -> {
          ObjectNode row = Json.object();
          row.put("EndpointName", e.name);
          row.put("EndpointArn", e.arn);
          row.put("CreationTime", Json.timestamp(e.creationTime));
          row.put("LastModifiedTime", Json.timestamp(e.lastModifiedTime));
          row.put("EndpointStatus", e.status);
          return row;
        });
  }

  private JsonNode describe(ObjectNode input, RequestContext context) {
    return EndpointDescription.render(endpoint(context, Json.text(input, "EndpointName")));
  }
}
