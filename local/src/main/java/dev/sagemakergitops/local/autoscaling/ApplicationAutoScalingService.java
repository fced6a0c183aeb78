package dev.sagemakergitops.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.Arns;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.spi.ScalableTargetRegistry;
import dev.sagemakergitops.local.spi.ScalableTargetValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Application Auto Scaling over AWS JSON 1.1 ({@code X-Amz-Target: AnyScaleFrontendService.<Op>}):
 * scalable targets and scaling policies, kept per region. Targets are recorded, not acted on: no
 * capacity ever changes. See the package manual.
 */
public final class ApplicationAutoScalingService implements LocalService {
  /** A registered target; immutable, replaced when registered again. */
  public record ScalableTarget(String serviceNamespace, String resourceId, String scalableDimension, int minCapacity,
      int maxCapacity, String roleArn, String arn, Instant creationTime, JsonNode suspendedState) {}

  /** A scaling policy as put, with the ARN and target-tracking alarms it was given. */
  public record ScalingPolicy(String policyName, String arn, String serviceNamespace, String resourceId,
      String scalableDimension, String policyType, JsonNode configuration, String configurationMember,
      List<String> alarmNames, Instant creationTime) {}

  /** A scheduled action as put: the whole request, kept for DescribeScheduledActions. */
  public record ScheduledAction(String name, String arn, String serviceNamespace, String resourceId,
      String scalableDimension, ObjectNode request, Instant creationTime) {}

  private static final class Region {
    /** Keyed by namespace|resourceId|dimension. */
    final Map<String, ScalableTarget> targets = new TreeMap<>();
    /** Keyed by target key|policy name. */
    final Map<String, ScalingPolicy> policies = new TreeMap<>();
    /** Keyed by target key|action name. */
    final Map<String, ScheduledAction> scheduledActions = new TreeMap<>();
  }

  private final Map<String, Region> regions = new HashMap<>();
  private final ScalableTargetValidator explicitValidator;
  private Installation installation;

  /** Vets targets with the {@link ScalableTargetValidator} some installed service provides, else accepts all. */
  public ApplicationAutoScalingService() {
    this(null);
  }

  /** Vets targets with {@code validator}, whatever other services provide. */
  public ApplicationAutoScalingService(ScalableTargetValidator validator) {
    this.explicitValidator = validator;
  }

  @Override
  public void install(Installation installation) {
    this.installation = installation;
    installation.provide(ScalableTargetRegistry.class,
        (region, namespace, resourceId, dimension) -> target(region, namespace, resourceId, dimension).isPresent());
    installation.json("application-autoscaling", "AnyScaleFrontendService")
        .register("RegisterScalableTarget", this::register)
        .register("DeregisterScalableTarget", this::deregister)
        .register("DescribeScalableTargets", this::describeTargets)
        .register("PutScalingPolicy", this::putPolicy)
        .register("DeleteScalingPolicy", this::deletePolicy)
        .register("DescribeScalingPolicies", this::describePolicies)
        .register("PutScheduledAction", this::putScheduledAction)
        .register("DeleteScheduledAction", this::deleteScheduledAction)
        .register("DescribeScheduledActions", this::describeScheduledActions);
  }

  /**
   * Refuses a policy or a scheduled action on a target that is not registered. A target registered less than
   * the consistency delay ago is not found yet ({@code fault.ConsistencyDelay}; botocore
   * RegisterScalableTarget: "there might be a brief delay until the operation achieves eventual
   * consistency. You might become aware of this brief delay if you get unexpected errors when
   * performing sequential operations").
   */
  private void requireVisibleTarget(Region region, String targetKey, String namespace, String resourceId,
      String dimension, RequestContext context) {
    ScalableTarget target = region.targets.get(targetKey);
    if (target == null || !installation.consistency().visible(target.arn(), context.now())) {
      throw targetNotFound(namespace, resourceId, dimension);
    }
  }

  /** The target registered for this variant dimension, if any. */
  public synchronized Optional<ScalableTarget> target(String region, String namespace, String resourceId,
      String dimension) {
    return Optional.ofNullable(region(region).targets.get(key(namespace, resourceId, dimension)));
  }

  /** The policies on a target, by name. */
  public synchronized List<ScalingPolicy> policies(String region, String namespace, String resourceId, String dimension) {
    String prefix = key(namespace, resourceId, dimension) + "|";
    return region(region).policies.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue).toList();
  }

  // ---------------------------------------------------------------------------------------------

  private synchronized JsonNode register(ObjectNode in, RequestContext context) {
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    checkResource(namespace, resourceId, dimension);
    validator().refusal(context.region(), namespace, resourceId, dimension).ifPresent(message -> {
      throw AwsServiceException.validation(message);
    });
    Region region = region(context.region());
    String key = key(namespace, resourceId, dimension);
    ScalableTarget existing = region.targets.get(key);
    if (existing == null && (!in.has("MinCapacity") || !in.has("MaxCapacity"))) {
      throw AwsServiceException.validation("MinCapacity and MaxCapacity are required to register a new scalable target");
    }
    int min = in.has("MinCapacity") ? in.get("MinCapacity").asInt() : existing.minCapacity();
    int max = in.has("MaxCapacity") ? in.get("MaxCapacity").asInt() : existing.maxCapacity();
    if (min < 0 || max < 0) {
      throw AwsServiceException.validation("Capacities must be zero or more");
    }
    if (min > max) {
      throw AwsServiceException.validation("Minimum capacity cannot be greater than maximum capacity");
    }
    String partition = Arns.partition(context.region());
    String arn = existing != null ? existing.arn() : "arn:" + partition + ":application-autoscaling:"
        + context.region() + ":" + context.accountId() + ":scalable-target/" + id(key).substring(0, 32);
    String role = in.hasNonNull("RoleARN") ? in.get("RoleARN").asText() : existing != null ? existing.roleArn()
        : "arn:" + partition + ":iam::" + context.accountId()
            + ":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com"
            + "/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint";
    JsonNode suspended = in.has("SuspendedState") ? in.get("SuspendedState").deepCopy()
        : existing != null ? existing.suspendedState() : Json.object().put("DynamicScalingInSuspended", false)
            .put("DynamicScalingOutSuspended", false).put("ScheduledScalingSuspended", false);
    region.targets.put(key, new ScalableTarget(namespace, resourceId, dimension, min, max, role, arn,
        existing != null ? existing.creationTime() : context.now(), suspended));
    if (existing == null) {
      installation.consistency().created(arn, context.now());
    }
    return Json.object().put("ScalableTargetARN", arn);
  }

  private synchronized JsonNode deregister(ObjectNode in, RequestContext context) {
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    Region region = region(context.region());
    String key = key(namespace, resourceId, dimension);
    if (region.targets.remove(key) == null) {
      throw targetNotFound(namespace, resourceId, dimension);
    }
    // "Deregistering a scalable target deletes the scaling policies and the scheduled actions that are
    // associated with it" (botocore DeregisterScalableTarget).
    region.policies.keySet().removeIf(k -> k.startsWith(key + "|"));
    region.scheduledActions.keySet().removeIf(k -> k.startsWith(key + "|"));
    return Json.object();
  }

  private synchronized JsonNode describeTargets(ObjectNode in, RequestContext context) {
    String namespace = required(in, "ServiceNamespace");
    List<String> resourceIds = DescribeRequests.texts(in.path("ResourceIds"));
    String dimension = Json.text(in, "ScalableDimension");
    List<ScalableTarget> selected = region(context.region()).targets.values().stream()
        .filter(t -> t.serviceNamespace().equals(namespace))
        .filter(t -> resourceIds.isEmpty() || resourceIds.contains(t.resourceId()))
        .filter(t -> dimension == null || dimension.equals(t.scalableDimension()))
        .filter(t -> installation.consistency().visible(t.arn(), context.now())).toList();
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("ScalableTargets");
    DescribeRequests.page(selected, in, out).forEach(t -> {
      ObjectNode target = list.addObject();
      target.put("ServiceNamespace", t.serviceNamespace());
      target.put("ResourceId", t.resourceId());
      target.put("ScalableDimension", t.scalableDimension());
      target.put("MinCapacity", t.minCapacity());
      target.put("MaxCapacity", t.maxCapacity());
      target.put("RoleARN", t.roleArn());
      target.put("CreationTime", Json.timestamp(t.creationTime()));
      target.set("SuspendedState", t.suspendedState());
      target.put("ScalableTargetARN", t.arn());
    });
    return out;
  }

  private synchronized JsonNode putPolicy(ObjectNode in, RequestContext context) {
    String name = required(in, "PolicyName");
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    Region region = region(context.region());
    String targetKey = key(namespace, resourceId, dimension);
    requireVisibleTarget(region, targetKey, namespace, resourceId, dimension, context);
    String type = in.path("PolicyType").asText("StepScaling");
    String member;
    switch (type) {
      case "TargetTrackingScaling" -> {
        member = "TargetTrackingScalingPolicyConfiguration";
        JsonNode configuration = in.path(member);
        if (configuration.isMissingNode()) {
          throw AwsServiceException.validation("TargetTrackingScalingPolicyConfiguration is required for a policy of"
              + " type TargetTrackingScaling");
        }
        if (!configuration.has("TargetValue")) {
          throw AwsServiceException.validation("1 validation error detected: Value null at "
              + "'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be null");
        }
        String metric = configuration.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText(null);
        if (metric == null && !configuration.has("CustomizedMetricSpecification")) {
          throw AwsServiceException.validation("Either PredefinedMetricSpecification or CustomizedMetricSpecification"
              + " must be specified");
        }
        if (metric != null && namespace.equals("sagemaker") && !metric.startsWith("SageMaker")) {
          throw AwsServiceException.validation("Unsupported metric type " + metric + " for service namespace "
              + namespace);
        }
      }
      case "StepScaling" -> {
        member = "StepScalingPolicyConfiguration";
        if (!in.has(member)) {
          throw AwsServiceException.validation("StepScalingPolicyConfiguration is required for a policy of type"
              + " StepScaling");
        }
      }
      default -> throw AwsServiceException.validation("Unsupported policy type " + type);
    }
    String key = targetKey + "|" + name;
    ScalingPolicy existing = region.policies.get(key);
    String arn = existing != null ? existing.arn()
        : childArn(context, "scalingPolicy", key, namespace, resourceId, "policyName", name);
    List<String> alarms = new ArrayList<>();
    if (type.equals("TargetTrackingScaling")) {
      // Target tracking creates the two alarms it scales on; their names are what AWS answers.
      String suffix = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
      alarms.add("TargetTracking-" + resourceId + "-AlarmHigh-" + suffix);
      alarms.add("TargetTracking-" + resourceId + "-AlarmLow-" + UUID.nameUUIDFromBytes(
          (key + "low").getBytes(StandardCharsets.UTF_8)));
    }
    region.policies.put(key, new ScalingPolicy(name, arn, namespace, resourceId, dimension, type,
        in.get(member).deepCopy(), member, List.copyOf(alarms),
        existing != null ? existing.creationTime() : context.now()));
    ObjectNode out = Json.object().put("PolicyARN", arn);
    alarmsJson(out.putArray("Alarms"), alarms, context);
    return out;
  }

  /**
   * The ARN of a scaling policy or scheduled action, shaped as in the Application Auto Scaling API
   * Reference's PutScalingPolicy example ({@code
   * arn:PARTITION:autoscaling:REGION:ACCOUNT:scalingPolicy:ID:resource/NAMESPACE/RESOURCE:policyName/NAME}),
   * with an id derived from {@code key} so that putting the same one again keeps its ARN.
   */
  private static String childArn(RequestContext context, String kind, String key, String namespace,
      String resourceId, String nameLabel, String name) {
    return "arn:" + Arns.partition(context.region()) + ":autoscaling:" + context.region() + ":" + context.accountId()
        + ":" + kind + ":" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + ":resource/" + namespace
        + "/" + resourceId + ":" + nameLabel + "/" + name;
  }

  private synchronized JsonNode deletePolicy(ObjectNode in, RequestContext context) {
    String name = required(in, "PolicyName");
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    if (region(context.region()).policies.remove(key(namespace, resourceId, dimension) + "|" + name) == null) {
      throw new AwsServiceException("ObjectNotFoundException", 400, "No scaling policy found for service namespace: "
          + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension + ", policy name: " + name);
    }
    return Json.object();
  }

  private synchronized JsonNode describePolicies(ObjectNode in, RequestContext context) {
    String namespace = required(in, "ServiceNamespace");
    List<ScalingPolicy> selected = DescribeRequests.selected(region(context.region()).policies.values(), in, namespace, "PolicyNames",
        p -> List.of(p.serviceNamespace(), p.policyName(), p.resourceId(), p.scalableDimension()));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("ScalingPolicies");
    DescribeRequests.page(selected, in, out).forEach(p -> {
      ObjectNode policy = list.addObject();
      policy.put("PolicyARN", p.arn());
      policy.put("PolicyName", p.policyName());
      policy.put("ServiceNamespace", p.serviceNamespace());
      policy.put("ResourceId", p.resourceId());
      policy.put("ScalableDimension", p.scalableDimension());
      policy.put("PolicyType", p.policyType());
      policy.set(p.configurationMember(), p.configuration());
      alarmsJson(policy.putArray("Alarms"), p.alarmNames(), context);
      policy.put("CreationTime", Json.timestamp(p.creationTime()));
    });
    return out;
  }

  /**
   * PutScheduledAction: stored and answered, never run (nothing scales here). Like a policy, it needs
   * a registered target (botocore PutScheduledAction: "you must register the resource as a scalable
   * target before you can create a scheduled action"); putting one of the same name replaces it.
   */
  private synchronized JsonNode putScheduledAction(ObjectNode in, RequestContext context) {
    String name = required(in, "ScheduledActionName");
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    Region region = region(context.region());
    String targetKey = key(namespace, resourceId, dimension);
    requireVisibleTarget(region, targetKey, namespace, resourceId, dimension, context);
    String key = targetKey + "|" + name;
    ScheduledAction existing = region.scheduledActions.get(key);
    String arn = existing != null ? existing.arn()
        : childArn(context, "scheduledAction", key, namespace, resourceId, "scheduledActionName", name);
    region.scheduledActions.put(key, new ScheduledAction(name, arn, namespace, resourceId, dimension, in.deepCopy(),
        existing != null ? existing.creationTime() : context.now()));
    return Json.object();
  }

  private synchronized JsonNode deleteScheduledAction(ObjectNode in, RequestContext context) {
    String name = required(in, "ScheduledActionName");
    String namespace = required(in, "ServiceNamespace");
    String resourceId = required(in, "ResourceId");
    String dimension = required(in, "ScalableDimension");
    if (region(context.region()).scheduledActions.remove(key(namespace, resourceId, dimension) + "|" + name) == null) {
      throw new AwsServiceException("ObjectNotFoundException", 400, "No scheduled action found for service namespace: "
          + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension
          + ", scheduled action name: " + name);
    }
    return Json.object();
  }

  private synchronized JsonNode describeScheduledActions(ObjectNode in, RequestContext context) {
    String namespace = required(in, "ServiceNamespace");
    List<ScheduledAction> selected = DescribeRequests.selected(region(context.region()).scheduledActions.values(), in, namespace,
        "ScheduledActionNames", a -> List.of(a.serviceNamespace(), a.name(), a.resourceId(), a.scalableDimension()));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("ScheduledActions");
    DescribeRequests.page(selected, in, out).forEach(a -> {
      ObjectNode action = list.addObject();
      action.put("ScheduledActionName", a.name());
      action.put("ScheduledActionARN", a.arn());
      action.put("ServiceNamespace", a.serviceNamespace());
      action.put("ResourceId", a.resourceId());
      action.put("ScalableDimension", a.scalableDimension());
      for (String member : List.of("Schedule", "Timezone", "StartTime", "EndTime", "ScalableTargetAction")) {
        if (a.request().hasNonNull(member)) {
          action.set(member, a.request().get(member).deepCopy());
        }
      }
      action.put("CreationTime", Json.timestamp(a.creationTime()));
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private ScalableTargetValidator validator() {
    if (explicitValidator != null) {
      return explicitValidator;
    }
    // No installed service vets targets (the hosting service may be absent): accept them all.
    return installation.optionalCapability(ScalableTargetValidator.class).orElse(ScalableTargetValidator.ACCEPT_ALL);
  }

  private static void checkResource(String namespace, String resourceId, String dimension) {
    if (namespace.equals("sagemaker")) {
      boolean variant = resourceId.matches("endpoint/[^/]+/variant/[^/]+");
      boolean component = resourceId.matches("inference-component/[^/]+");
      if (!variant && !component) {
        throw AwsServiceException.validation("Unsupported resource ID " + resourceId + " for service namespace "
            + namespace + ". Expected format: endpoint/<endpoint-name>/variant/<variant-name>");
      }
      if (!dimension.startsWith("sagemaker:")) {
        throw AwsServiceException.validation("Unsupported scalable dimension " + dimension
            + " for service namespace sagemaker");
      }
    }
  }

  private static AwsServiceException targetNotFound(String namespace, String resourceId, String dimension) {
    return new AwsServiceException("ObjectNotFoundException", 400, "No scalable target registered for service "
        + "namespace: " + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
  }

  private static void alarmsJson(ArrayNode out, List<String> names, RequestContext context) {
    for (String name : names) {
      out.addObject().put("AlarmName", name).put("AlarmARN", context.arn("cloudwatch", "alarm:" + name));
    }
  }

  private Region region(String name) {
    return regions.computeIfAbsent(name, r -> new Region());
  }

  private static String key(String namespace, String resourceId, String dimension) {
    return namespace + "|" + resourceId + "|" + dimension;
  }

  private static String id(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "")
        + UUID.nameUUIDFromBytes((key + "#").getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }

  private static String required(JsonNode in, String member) {
    String value = Json.text(in, member);
    if (value == null) {
      throw AwsServiceException.validation("1 validation error detected: Value null at '"
          + Character.toLowerCase(member.charAt(0)) + member.substring(1)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }
}
