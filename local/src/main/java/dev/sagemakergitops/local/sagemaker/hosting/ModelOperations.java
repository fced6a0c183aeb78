package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.JsonService;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.images.SupportedImages;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateModel, DescribeModel, ListModels, DeleteModel and the same four for endpoint configurations. */
final class ModelOperations {
  private final HostingService hosting;

  ModelOperations(HostingService hosting) {
    this.hosting = hosting;
  }

  void register(JsonService sageMaker) {
    sageMaker.register("CreateModel", this::createModel)
        .register("DescribeModel", this::describeModel)
        .register("ListModels", this::listModels)
        .register("DeleteModel", this::deleteModel)
        .register("CreateEndpointConfig", this::createEndpointConfig)
        .register("DescribeEndpointConfig", this::describeEndpointConfig)
        .register("ListEndpointConfigs", this::listEndpointConfigs)
        .register("DeleteEndpointConfig", this::deleteEndpointConfig);
  }

  static AwsServiceException modelNotFound(String arn) {
    return AwsServiceException.validation("Could not find model \"" + arn + "\".");
  }

  static AwsServiceException configNotFound(String arn) {
    return AwsServiceException.validation("Could not find endpoint configuration \"" + arn + "\".");
  }

  private JsonNode createModel(ObjectNode input, RequestContext context) {
    HostingState state = hosting.state(context.region());
    String name = Json.text(input, "ModelName");
    String arn = hosting.arn(context.region(), "model/" + name);
    if (state.models.containsKey(name)) {
      throw AwsServiceException.validation("Cannot create already existing model \"" + arn + "\".");
    }
    boolean primary = input.hasNonNull("PrimaryContainer");
    boolean pipeline = input.path("Containers").size() > 0;
    if (primary == pipeline) {
      // Neither or both: the service wants exactly one way of naming the containers.
      throw AwsServiceException.validation(primary
          ? "Only one of PrimaryContainer or Containers can be specified."
          : "Either PrimaryContainer or Containers must be specified.");
    }
    PipelineModels.check(input);
    SupportedImages images = new SupportedImages(hosting.installation());
    images.check(Json.text(input.path("PrimaryContainer"), "Image"));
    input.path("Containers").forEach(container -> images.check(Json.text(container, "Image")));
    ObjectNode spec = input.deepCopy();
    spec.remove(List.of("ModelName", "Tags"));
    SageMakerResources.storeTags(hosting.installation(), arn, input.get("Tags"));
    state.models.put(name, new Model(name, arn, hosting.now(), spec));
    hosting.installation().consistency().created(arn, hosting.now());
    ObjectNode out = Json.object();
    out.put("ModelArn", arn);
    return out;
  }

  private Model model(RequestContext context, ObjectNode input) {
    String name = Json.text(input, "ModelName");
    return hosting.visibleModel(context.region(), name)
        .orElseThrow(() -> modelNotFound(hosting.arn(context.region(), "model/" + name)));
  }

  private JsonNode describeModel(ObjectNode input, RequestContext context) {
    Model model = model(context, input);
    ObjectNode out = Json.object();
    out.put("ModelName", model.name());
    out.setAll(model.spec().deepCopy());
    out.put("CreationTime", Json.timestamp(model.creationTime()));
    out.put("ModelArn", model.arn());
    if (!out.has("EnableNetworkIsolation")) {
      out.put("EnableNetworkIsolation", false);
    }
    return out;
  }

  private JsonNode listModels(ObjectNode input, RequestContext context) {
    List<Model> models = hosting.state(context.region()).models.values().stream()
        .filter(m -> Listing.nameMatches(input, "NameContains", m.name()))
        .filter(m -> Listing.timeMatches(input, "CreationTimeBefore", "CreationTimeAfter", m.creationTime()))
        .toList();
    return Listing.page(input, Json.object(), "Models", models,
        Map.of("CreationTime", Comparator.comparing(Model::creationTime).thenComparing(Model::name),
            "Name", Comparator.comparing(Model::name)),
        "CreationTime", m -> {
          ObjectNode row = Json.object();
          row.put("ModelName", m.name());
          row.put("ModelArn", m.arn());
          row.put("CreationTime", Json.timestamp(m.creationTime()));
          return row;
        });
  }

  private JsonNode deleteModel(ObjectNode input, RequestContext context) {
    // Like SageMaker, deleting a model does not touch configurations or endpoints that use it.
    Model model = model(context, input);
    hosting.state(context.region()).models.remove(model.name());
    return Json.object();
  }

  private JsonNode createEndpointConfig(ObjectNode input, RequestContext context) {
    HostingState state = hosting.state(context.region());
    String name = Json.text(input, "EndpointConfigName");
    String arn = hosting.arn(context.region(), "endpoint-config/" + name);
    if (state.configs.containsKey(name)) {
      throw AwsServiceException.validation("Cannot create already existing endpoint configuration \"" + arn + "\".");
    }
    ObjectNode spec = input.deepCopy();
    spec.remove(List.of("EndpointConfigName", "Tags"));
    EndpointConfig config = EndpointConfig.of(name, arn, hosting.now(), spec);
    if (config.variants().isEmpty()) {
      throw AwsServiceException.validation("1 validation error detected: Value '[]' at 'productionVariants' failed to "
          + "satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (!config.shadowVariants().isEmpty() && (config.variants().size() != 1 || config.shadowVariants().size() != 1)) {
      throw AwsServiceException.validation("When ShadowProductionVariants are specified, you can only specify one variant "
          + "for ProductionVariants and one variant for ShadowProductionVariants.");
    }
    refuseServerlessExclusions(config, spec);
    Set<String> names = new HashSet<>();
    for (EndpointConfig.Variant variant : concat(config.variants(), config.shadowVariants())) {
      if (!names.add(variant.name())) {
        throw AwsServiceException.validation("The variant name \"" + variant.name()
            + "\" is used more than once. Variant names must be unique within an endpoint configuration.");
      }
      if (variant.isServerless() && (variant.instanceType() != null || variant.instanceCount() > 0)) {
        throw AwsServiceException.validation("Variant \"" + variant.name()
            + "\": InstanceType and InitialInstanceCount cannot be specified together with ServerlessConfig.");
      }
      if (variant.isServerless()) {
        int memory = variant.serverless().path("MemorySizeInMB").asInt(0);
        if (memory % 1024 != 0) {
          // botocore ProductionVariantServerlessConfig.MemorySizeInMB: "Valid values are in 1 GB
          // increments: 1024 MB, 2048 MB, ... or 6144 MB" (the model's min and max are checked already).
          throw AwsServiceException.validation("Variant \"" + variant.name() + "\": MemorySizeInMB " + memory
              + " is not valid. Valid values are in 1 GB increments: 1024 MB, 2048 MB, 3072 MB, 4096 MB, 5120 MB, "
              + "or 6144 MB.");
        }
      }
      if (!variant.isServerless() && (variant.instanceType() == null || variant.instanceCount() < 1)) {
        throw AwsServiceException.validation("Variant \"" + variant.name()
            + "\": InstanceType and InitialInstanceCount are required unless ServerlessConfig is specified.");
      }
      if (variant.modelName() == null || hosting.visibleModel(context.region(), variant.modelName()).isEmpty()) {
        throw modelNotFound(hosting.arn(context.region(), "model/" + variant.modelName()));
      }
    }
    SageMakerResources.storeTags(hosting.installation(), arn, input.get("Tags"));
    state.configs.put(name, config);
    hosting.installation().consistency().created(arn, hosting.now());
    ObjectNode out = Json.object();
    out.put("EndpointConfigArn", arn);
    return out;
  }

  /**
   * "Some of the features currently available for SageMaker Real-time Inference are not supported
   * for Serverless Inference, including ... data capture, multiple production variants" (Developer
   * Guide, serverless-endpoints.html, Feature exclusions). The guide does not quote the error; a
   * ValidationException, as for every other refused configuration, is the reading taken here.
   */
  private static void refuseServerlessExclusions(EndpointConfig config, ObjectNode spec) {
    boolean serverless = concat(config.variants(), config.shadowVariants()).stream()
        .anyMatch(EndpointConfig.Variant::isServerless);
    if (!serverless) {
      return;
    }
    if (config.variants().size() + config.shadowVariants().size() > 1) {
      throw AwsServiceException.validation("Serverless Inference does not support multiple production variants: an "
          + "endpoint configuration with a ServerlessConfig variant must have exactly one variant.");
    }
    if (spec.hasNonNull("DataCaptureConfig")) {
      throw AwsServiceException.validation("Serverless Inference does not support DataCaptureConfig: remove it from an "
          + "endpoint configuration with a ServerlessConfig variant.");
    }
  }

  private static List<EndpointConfig.Variant> concat(List<EndpointConfig.Variant> a, List<EndpointConfig.Variant> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private EndpointConfig config(RequestContext context, ObjectNode input) {
    String name = Json.text(input, "EndpointConfigName");
    return hosting.visibleConfig(context.region(), name)
        .orElseThrow(() -> configNotFound(hosting.arn(context.region(), "endpoint-config/" + name)));
  }

  private JsonNode describeEndpointConfig(ObjectNode input, RequestContext context) {
    EndpointConfig config = config(context, input);
    ObjectNode out = Json.object();
    out.put("EndpointConfigName", config.name());
    out.put("EndpointConfigArn", config.arn());
    out.setAll(config.spec().deepCopy());
    // SageMaker reports the defaults it applied to each variant.
    for (String member : List.of("ProductionVariants", "ShadowProductionVariants")) {
      out.path(member).forEach(v -> {
        if (!v.has("InitialVariantWeight")) {
          ((ObjectNode) v).put("InitialVariantWeight", 1.0);
        }
      });
    }
    if (out.has("DataCaptureConfig") && !out.get("DataCaptureConfig").has("EnableCapture")) {
      ((ObjectNode) out.get("DataCaptureConfig")).put("EnableCapture", true);
    }
    out.put("CreationTime", Json.timestamp(config.creationTime()));
    return out;
  }

  private JsonNode listEndpointConfigs(ObjectNode input, RequestContext context) {
    List<EndpointConfig> configs = hosting.state(context.region()).configs.values().stream()
        .filter(c -> Listing.nameMatches(input, "NameContains", c.name()))
        .filter(c -> Listing.timeMatches(input, "CreationTimeBefore", "CreationTimeAfter", c.creationTime()))
        .toList();
    return Listing.page(input, Json.object(), "EndpointConfigs", configs,
        Map.of("CreationTime", Comparator.comparing(EndpointConfig::creationTime).thenComparing(EndpointConfig::name),
            "Name", Comparator.comparing(EndpointConfig::name)),
        "CreationTime", c -> {
          ObjectNode row = Json.object();
          row.put("EndpointConfigName", c.name());
          row.put("EndpointConfigArn", c.arn());
          row.put("CreationTime", Json.timestamp(c.creationTime()));
          return row;
        });
  }

  /**
   * DeleteEndpointConfig deletes the configuration even when an endpoint uses it, as SageMaker does:
   * "You must not delete an EndpointConfig in use by an endpoint that is live or while the
   * UpdateEndpoint or CreateEndpoint operations are being performed on the endpoint. If you delete
   * the EndpointConfig of an endpoint that is active or being created or updated you may lose
   * visibility into the instance type the endpoint is using" (botocore DeleteEndpointConfig) is an
   * instruction to the caller, not a check; terraform-provider-aws#40048 shows such deletions on
   * AWS. The endpoint keeps running on what it was given.
   */
  private JsonNode deleteEndpointConfig(ObjectNode input, RequestContext context) {
    EndpointConfig config = config(context, input);
    hosting.state(context.region()).configs.remove(config.name());
    return Json.object();
  }
}
