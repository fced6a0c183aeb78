package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.JsonService;
import dev.sagemakergitops.local.spi.ModelCatalog;
import dev.sagemakergitops.local.spi.ScalableTargetRegistry;
import dev.sagemakergitops.local.spi.ScalableTargetValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * SageMaker hosting on the local control plane: models, endpoint configurations, endpoints with
 * their deployment state machines, SageMaker Runtime's InvokeEndpoint and inference experiments.
 * Provides {@link ModelCatalog}. See the package documentation for behaviour and timings.
 *
 * <p>Scenario controls (each also an admin action of the same name taking
 * {@code {"endpointName": ..., "region": optional, ...}}) may be called from any thread; they arm
 * faults that the state machines claim when they get there.
 */
public final class HostingService implements LocalService {
  private final Map<String, HostingState> regions = new LinkedHashMap<>();
  private final Map<String, EndpointScenario> scenarios = new ConcurrentHashMap<>();
  private Installation installation;
  private DeploymentEngine engine;

  @Override
  public void install(Installation installation) {
    this.installation = installation;
    this.engine = new DeploymentEngine(this);
    JsonService sageMaker = installation.json("sagemaker", "SageMaker");
    new ModelOperations(this).register(sageMaker);
    new EndpointOperations(this).register(sageMaker);
    new InferenceExperimentOperations(this).register(sageMaker);
    installation.route(new RuntimeRoute(this));
    installation.provide(ModelCatalog.class, (region, name) -> visibleModel(region, name)
        .map(m -> new ModelCatalog.ModelRecord(m.name(), m.image(), m.modelDataUrl(), environment(m))));
    // Application Auto Scaling refuses variants of endpoints that are not InService, as AWS does.
    installation.provide(ScalableTargetValidator.class,
        (region, namespace, resourceId, dimension) -> scalableTargetRefusal(region, namespace, resourceId));
    registerAdminActions();
  }

  /** The model, unless it does not exist or is not visible yet (eventual consistency, {@code fault.ConsistencyDelay}). */
  Optional<Model> visibleModel(String region, String name) {
    return Optional.ofNullable(state(region).models.get(name))
        .filter(m -> installation.consistency().visible(m.arn(), now()));
  }

  /** The endpoint configuration, unless it does not exist or is not visible yet. */
  Optional<EndpointConfig> visibleConfig(String region, String name) {
    return Optional.ofNullable(state(region).configs.get(name))
        .filter(c -> installation.consistency().visible(c.arn(), now()));
  }

  private Optional<String> scalableTargetRefusal(String region, String namespace, String resourceId) {
    String[] parts = resourceId.split("/");
    if (!"sagemaker".equals(namespace) || parts.length != 4 || !parts[0].equals("endpoint")
        || !parts[2].equals("variant")) {
      return Optional.empty();
    }
    Endpoint endpoint = state(region).endpointIgnoringCase(parts[1]);
    if (endpoint == null) {
      return Optional.of("Endpoint " + parts[1] + " of account " + installation.accountId() + " not found.");
    }
    if (!"InService".equals(endpoint.status)) {
      return Optional.of("The endpoint " + parts[1] + " is in " + endpoint.status
          + " status. The status should be in 'InService' to register it as a scalable target.");
    }
    boolean hasVariant = endpoint.variants.stream().anyMatch(v -> v.name().equals(parts[3]));
    return hasVariant ? Optional.empty()
        : Optional.of("The variant " + parts[3] + " does not exist on endpoint " + parts[1] + ".");
  }

  /**
   * True when {@code variant} of {@code endpointName} is registered with Application Auto Scaling
   * (when that service is installed): SageMaker then refuses endpoint changes that would replace or
   * remove it (Developer Guide, endpoint-scaling-update).
   */
  boolean isScalableTarget(String region, String endpointName, String variant) {
    return installation.optionalCapability(ScalableTargetRegistry.class)
        .map(registry -> registry.isRegistered(region, "sagemaker", "endpoint/" + endpointName + "/variant/" + variant,
            "sagemaker:variant:DesiredInstanceCount"))
        .orElse(false);
  }

  // ---- scenario controls -------------------------------------------------------------------

  /** The next CreateEndpoint of {@code endpointName} ends {@code Failed} when its instances would be in service. */
  public void failProvisioning(String endpointName) {
    failProvisioning(defaultRegion(), endpointName);
  }

  public void failProvisioning(String region, String endpointName) {
    arm(region, endpointName, s -> s.withFailProvisioning(true));
  }

  /**
   * The next UpdateEndpoint of {@code endpointName} fails while launching its new fleet: the
   * endpoint rolls back to its old configuration, {@code InService}, with {@code reason} as its
   * FailureReason.
   */
  public void failNextUpdate(String endpointName, String reason) {
    failNextUpdate(defaultRegion(), endpointName, reason);
  }

  public void failNextUpdate(String region, String endpointName, String reason) {
    arm(region, endpointName, s -> s.withFailNextUpdate(reason));
  }

  /**
   * The next UpdateEndpointWeightsAndCapacities of {@code endpointName} (what Application Auto
   * Scaling calls) fails: the endpoint is {@code RollingBack} with {@code reason}, then
   * {@code InService} on its old counts (see {@code DeploymentEngine.capacityRollback}).
   */
  public void failNextCapacityChange(String endpointName, String reason) {
    arm(defaultRegion(), endpointName, s -> s.withFailCapacityChange(reason));
  }

  /** The next rollback of {@code endpointName} fails: the endpoint ends {@code UpdateRollbackFailed}. */
  public void failRollback(String endpointName) {
    failRollback(defaultRegion(), endpointName);
  }

  public void failRollback(String region, String endpointName) {
    arm(region, endpointName, s -> s.withFailRollback(true));
  }

  /**
   * Deployments read alarms through CloudWatch, which this service may not write; instead the next
   * update of {@code endpointName} reads {@code alarmName} as {@code ALARM} from traffic step
   * {@code step} (1-based) on, if that alarm is one of its AutoRollbackConfiguration alarms.
   */
  public void tripAlarmAtStep(String endpointName, String alarmName, int step) {
    tripAlarmAtStep(defaultRegion(), endpointName, alarmName, step);
  }

  public void tripAlarmAtStep(String region, String endpointName, String alarmName, int step) {
    if (step < 1) {
      throw new IllegalArgumentException("traffic steps count from 1, got " + step);
    }
    arm(region, endpointName, s -> s.withTrippedAlarm(new EndpointScenario.AlarmTrip(alarmName, step)));
  }

  /** Multiplies the simulated ModelLatency of {@code variantName} (production or shadow) by {@code factor}. */
  public void slowVariant(String endpointName, String variantName, double factor) {
    slowVariant(defaultRegion(), endpointName, variantName, factor);
  }

  public void slowVariant(String region, String endpointName, String variantName, double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("the latency factor must be positive, got " + factor);
    }
    arm(region, endpointName, s -> s.withVariantFault(variantName,
        new EndpointScenario.VariantFault(factor, s.variantFault(variantName).errorRate())));
  }

  /**
   * Makes {@code variantName} answer a share {@code errorRate} (0..1, spread evenly and
   * deterministically: 0.25 fails every fourth call) of its invocations with a model error.
   */
  public void errorVariant(String endpointName, String variantName, double errorRate) {
    errorVariant(defaultRegion(), endpointName, variantName, errorRate);
  }

  public void errorVariant(String region, String endpointName, String variantName, double errorRate) {
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("the error rate must be between 0 and 1, got " + errorRate);
    }
    arm(region, endpointName, s -> s.withVariantFault(variantName,
        new EndpointScenario.VariantFault(s.variantFault(variantName).latencyFactor(), errorRate)));
  }

  /** Forgets every scenario fault armed for {@code endpointName}. */
  public void clearScenario(String region, String endpointName) {
    scenarios.remove(key(region, endpointName));
  }

  private void registerAdminActions() {
    installation.adminAction("failProvisioning", (args, context) -> {
      failProvisioning(region(args, context.region()), required(args, "endpointName"));
      return null;
    });
    installation.adminAction("failNextCapacityChange", (args, context) -> {
      arm(region(args, context.region()), required(args, "endpointName"), s -> s.withFailCapacityChange(
          args.path("reason").asText("Unable to provision requested ML compute capacity (failNextCapacityChange).")));
      return null;
    });
    installation.adminAction("failNextUpdate", (args, context) -> {
      failNextUpdate(region(args, context.region()), required(args, "endpointName"),
          args.path("reason").asText("The simulated update was told to fail (failNextUpdate)."));
      return null;
    });
    installation.adminAction("failRollback", (args, context) -> {
      failRollback(region(args, context.region()), required(args, "endpointName"));
      return null;
    });
    installation.adminAction("tripAlarmAtStep", (args, context) -> {
      tripAlarmAtStep(region(args, context.region()), required(args, "endpointName"), required(args, "alarmName"),
          args.path("step").asInt(1));
      return null;
    });
    installation.adminAction("slowVariant", (args, context) -> {
      slowVariant(region(args, context.region()), required(args, "endpointName"), required(args, "variantName"),
          args.path("factor").asDouble(2.0));
      return null;
    });
    installation.adminAction("errorVariant", (args, context) -> {
      errorVariant(region(args, context.region()), required(args, "endpointName"), required(args, "variantName"),
          args.path("errorRate").asDouble(1.0));
      return null;
    });
  }

  private static String region(JsonNode args, String fallback) {
    return args.path("region").asText(fallback);
  }

  private static String required(JsonNode args, String member) {
    String value = Json.text(args, member);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the admin action needs \"" + member + "\"");
    }
    return value;
  }

  private void arm(String region, String endpointName, UnaryOperator<EndpointScenario> change) {
    scenarios.compute(key(region, endpointName), (k, v) -> change.apply(v == null ? EndpointScenario.NONE : v));
  }

  // ---- shared by the parts of the service --------------------------------------------------

  EndpointScenario scenario(String region, String endpointName) {
    return scenarios.getOrDefault(key(region, endpointName), EndpointScenario.NONE);
  }

  /** Takes back a one-shot fault once a state machine used it. */
  void disarm(String region, String endpointName, UnaryOperator<EndpointScenario> change) {
    scenarios.computeIfPresent(key(region, endpointName), (k, v) -> change.apply(v));
  }

  private static String key(String region, String endpointName) {
    return region + "/" + endpointName;
  }

  HostingState state(String region) {
    return regions.computeIfAbsent(region, r -> new HostingState());
  }

  Installation installation() {
    return installation;
  }

  DeploymentEngine engine() {
    return engine;
  }

  /** The simulated time state changes are stamped with (the event's time, or the request's). */
  Instant now() {
    return installation.scheduler().current();
  }

  String defaultRegion() {
    return installation.defaultRegion();
  }

  String arn(String region, String resource) {
    return "arn:" + dev.sagemakergitops.local.protocol.Arns.partition(region) + ":sagemaker:" + region + ":"
        + installation.accountId() + ":" + resource;
  }

  /** A capability another service provides, if it is installed (the simulation degrades gracefully without). */
  <T> Optional<T> capability(Class<T> type) {
    try {
      return Optional.of(installation.capability(type));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> environment(Model model) {
    Map<String, String> out = new LinkedHashMap<>();
    model.containers().stream().findFirst().ifPresent(c -> c.path("Environment").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText())));
    return Map.copyOf(out);
  }

  /**
   * The digest form of an image: unchanged when it already names a digest, else
   * {@code <repository>@sha256:<sha256 of the image reference>}, a stable stand-in for the digest
   * ECR would resolve the tag to.
   */
  static String resolveImage(String image) {
    if (image.contains("@sha256:")) {
      return image;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String repository = colon > slash ? image.substring(0, colon) : image;
    return repository + "@sha256:" + sha256(image);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
