package dev.sagemakergitops.local.sagemaker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker's model registry: model package groups ({@code CreateModelPackageGroup},
 * {@code DescribeModelPackageGroup}, {@code ListModelPackageGroups}, {@code DeleteModelPackageGroup}) and
 * model packages ({@code CreateModelPackage}, {@code DescribeModelPackage}, {@code ListModelPackages},
 * {@code UpdateModelPackage}, {@code DeleteModelPackage}). See the package documentation for versions, names and defaults.
 */
public final class ModelRegistry implements LocalService {
  /** How long a new package stays {@code InProgress} by default: SageMaker's validation is quick for plain packages. */
  public static final Duration DEFAULT_VALIDATION = Duration.ofSeconds(5);

  /** Members of CreateModelPackage that DescribeModelPackage answers as they were given. */
  private static final List<String> ECHOED = List.of("ModelPackageDescription", "ModelPackageRegistrationType",
      "InferenceSpecification", "SourceAlgorithmSpecification", "ValidationSpecification", "CertifyForMarketplace",
      "MetadataProperties", "ModelMetrics", "Domain", "Task", "SamplePayloadUrl", "DriftCheckBaselines",
      "AdditionalInferenceSpecifications", "SkipModelValidation", "SourceUri", "SecurityConfig", "ModelCard",
      "ModelLifeCycle", "ManagedStorageType");

  /** Members of UpdateModelPackage that replace the package's value. */
  private static final List<String> REPLACED = List.of("InferenceSpecification", "SourceUri", "ModelCard",
      "ModelLifeCycle", "ModelPackageRegistrationType");

  private static final Pattern VERSIONED_NAME = Pattern.compile("(.+)/([0-9]{1,9})");
  private static final Pattern IMAGE_DIGEST = Pattern.compile(".*@(sha256:[0-9a-f]{64})");

  private final Duration validation;
  private final Map<String, Map<String, ModelPackageGroup>> groupsByRegion = new LinkedHashMap<>();
  /** By ARN, in registration order. */
  private final Map<String, Map<String, ModelPackage>> packagesByRegion = new LinkedHashMap<>();
  /** {@code ClientToken} to the ARN it created, per region: CreateModelPackage is idempotent on it. */
  private final Map<String, Map<String, String>> clientTokens = new LinkedHashMap<>();
  private Installation installation;

  public ModelRegistry() {
    this(DEFAULT_VALIDATION);
  }

  /** @param validation how long a new package stays {@code InProgress} before {@code Completed} */
  public ModelRegistry(Duration validation) {
    this.validation = validation;
  }

  @Override
  public void install(Installation installation) {
    this.installation = installation;
    installation.json("sagemaker", "SageMaker")
        .register("CreateModelPackageGroup", this::createGroup)
        .register("DescribeModelPackageGroup", this::describeGroup)
        .register("ListModelPackageGroups", this::listGroups)
        .register("CreateModelPackage", this::createPackage)
        .register("DescribeModelPackage", this::describePackage)
        .register("ListModelPackages", this::listPackages)
        .register("UpdateModelPackage", this::updatePackage)
        .register("DeleteModelPackage", this::deletePackage)
        .register("DeleteModelPackageGroup", this::deleteGroup);
  }

  /** The package {@code nameOrArn} names (as DescribeModelPackage reads it); for Java callers under {@code plane.withSimulation}. */
  public Optional<ModelPackage> modelPackage(String region, String nameOrArn) {
    return find(region, nameOrArn);
  }

  private Map<String, ModelPackageGroup> groups(String region) {
    return groupsByRegion.computeIfAbsent(region, any -> new LinkedHashMap<>());
  }

  private Map<String, ModelPackage> packages(String region) {
    return packagesByRegion.computeIfAbsent(region, any -> new LinkedHashMap<>());
  }

  // ------------------------------------------------------------------------------------------ groups

  private JsonNode createGroup(ObjectNode input, RequestContext context) {
    String name = Json.text(input, "ModelPackageGroupName");
    String arn = context.arn("sagemaker", "model-package-group/" + name);
    if (findGroup(context.region(), name).isPresent()) {
      throw AwsServiceException.validation("Model Package Group already exists: " + arn);
    }
    groups(context.region()).put(name, new ModelPackageGroup(context.region(), name, arn,
        Json.text(input, "ModelPackageGroupDescription"), context.now(), 1));
    SageMakerResources.storeTags(installation, arn, input.get("Tags"));
    ObjectNode out = Json.object();
    out.put("ModelPackageGroupArn", arn);
    return out;
  }

  private JsonNode describeGroup(ObjectNode input, RequestContext context) {
    ModelPackageGroup group = existingGroup(context.region(), Json.text(input, "ModelPackageGroupName"));
    ObjectNode out = ModelPackageGroupListing.summary(group);
    // No IAM identity is known locally; the member is required, so it is answered empty.
    out.putObject("CreatedBy");
    return out;
  }

  private JsonNode listGroups(ObjectNode input, RequestContext context) {
    return ModelPackageGroupListing.list(groups(context.region()).values(), input);
  }

  /** DeleteModelPackageGroup; refused while it holds versions (see the package manual). */
  private JsonNode deleteGroup(ObjectNode input, RequestContext context) {
    ModelPackageGroup group = existingGroup(context.region(), Json.text(input, "ModelPackageGroupName"));
    if (packages(context.region()).values().stream().anyMatch(p -> group.name().equals(p.groupName()))) {
      throw new AwsServiceException("ConflictException", 400, "Model Package Group " + group.arn()
          + " cannot be deleted while it contains model packages; delete them first.");
    }
    groups(context.region()).remove(group.name());
    return Json.object();
  }

  /** A group by name or ARN; names match exactly, then ignoring case (package ARNs carry them lowercased). */
  private Optional<ModelPackageGroup> findGroup(String region, String nameOrArn) {
    if (nameOrArn == null) {
      return Optional.empty();
    }
    String name = nameOrArn.contains(":model-package-group/")
        ? nameOrArn.substring(nameOrArn.indexOf(":model-package-group/") + ":model-package-group/".length())
        : nameOrArn;
    ModelPackageGroup exact = groups(region).get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    return groups(region).values().stream().filter(group -> group.name().equalsIgnoreCase(name)).findFirst();
  }

  private ModelPackageGroup existingGroup(String region, String nameOrArn) {
    return findGroup(region, nameOrArn).orElseThrow(() ->
        AwsServiceException.validation("ModelPackageGroup " + nameOrArn + " does not exist."));
  }

  // ---------------------------------------------------------------------------------------- packages

  private JsonNode createPackage(ObjectNode input, RequestContext context) {
    String packageName = Json.text(input, "ModelPackageName");
    String groupName = Json.text(input, "ModelPackageGroupName");
    if (packageName != null && groupName != null) {
      throw AwsServiceException.validation("Both ModelPackageName and ModelPackageGroupName are provided in the "
          + "input. Cannot determine which one to use.");
    }
    if (packageName == null && groupName == null) {
      throw AwsServiceException.validation("Missing ARN.");
    }
    String region = context.region();
    String token = Json.text(input, "ClientToken");
    Map<String, String> tokens = clientTokens.computeIfAbsent(region, any -> new LinkedHashMap<>());
    if (token != null && tokens.containsKey(token)) {
      ObjectNode out = Json.object();
      out.put("ModelPackageArn", tokens.get(token));
      return out;
    }
    ModelPackage created;
    if (groupName != null) {
      ModelPackageGroup group = existingGroup(region, groupName);
      int version = group.nextVersion();
      groups(region).put(group.name(), group.withNextVersion(version + 1));
      String arn = context.arn("sagemaker", "model-package/" + group.name().toLowerCase(Locale.ROOT) + "/" + version);
      created = new ModelPackage(region, group.name(), group.name(), version, arn, attributesOf(input), "InProgress",
          input.path("ModelApprovalStatus").asText("PendingManualApproval"), null, metadataOf(input), context.now(),
          null);
    } else {
      String arn = context.arn("sagemaker", "model-package/" + packageName.toLowerCase(Locale.ROOT));
      if (packages(region).containsKey(arn)) {
        throw new AwsServiceException("ConflictException", 400, "Model Package already exists: " + arn);
      }
      // ModelApprovalStatus "does not apply to unversioned models".
      created = new ModelPackage(region, packageName, null, null, arn, attributesOf(input), "InProgress", null, null,
          metadataOf(input), context.now(), null);
    }
    packages(region).put(created.arn(), created);
    installation.consistency().created(created.arn(), context.now());
    if (token != null) {
      tokens.put(token, created.arn());
    }
    SageMakerResources.storeTags(installation, created.arn(), input.get("Tags"));
    installation.scheduler().schedule(context.now().plus(validation), () -> {
      ModelPackage current = packages(region).get(created.arn());
      if (current != null && current.status().equals("InProgress")) {
        packages(region).put(current.arn(), current.withStatus("Completed"));
      }
    });
    ObjectNode out = Json.object();
    out.put("ModelPackageArn", created.arn());
    return out;
  }

  /** DeleteModelPackage; its ClientToken keeps answering the deleted ARN (see the package manual). */
  private JsonNode deletePackage(ObjectNode input, RequestContext context) {
    packages(context.region()).remove(existingPackage(context.region(), Json.text(input, "ModelPackageName")).arn());
    return Json.object();
  }

  private JsonNode describePackage(ObjectNode input, RequestContext context) {
    String nameOrArn = Json.text(input, "ModelPackageName");
    ModelPackage found = existingPackage(context.region(), nameOrArn);
    ObjectNode out = Json.object();
    out.put("ModelPackageName", found.name());
    if (found.isVersioned()) {
      out.put("ModelPackageGroupName", found.groupName());
      out.put("ModelPackageVersion", found.version());
    }
    out.put("ModelPackageArn", found.arn());
    out.put("CreationTime", Json.timestamp(found.creationTime()));
    for (String member : ECHOED) {
      SageMakerResources.copy(found.attributes(), out, member);
    }
    out.put("ModelPackageStatus", found.status());
    ObjectNode details = out.putObject("ModelPackageStatusDetails");
    details.putArray("ValidationStatuses");
    details.putArray("ImageScanStatuses");
    if (found.approvalStatus() != null) {
      out.put("ModelApprovalStatus", found.approvalStatus());
    }
    out.putObject("CreatedBy");
    if (found.lastModifiedTime() != null) {
      out.put("LastModifiedTime", Json.timestamp(found.lastModifiedTime()));
      out.putObject("LastModifiedBy");
    }
    if (found.approvalDescription() != null) {
      out.put("ApprovalDescription", found.approvalDescription());
    }
    if (!found.customerMetadata().isEmpty()) {
      ObjectNode metadata = out.putObject("CustomerMetadataProperties");
      found.customerMetadata().forEach(metadata::put);
    }
    return out;
  }

  private JsonNode listPackages(ObjectNode input, RequestContext context) {
    String region = context.region();
    String groupFilter = Json.text(input, "ModelPackageGroupName");
    Optional<ModelPackageGroup> group = groupFilter == null ? Optional.empty() : findGroup(region, groupFilter);
    // The model documents Unversioned as the default type; a group filter asks for its versions, so
    // without an explicit type it lists versioned packages (the "latest approved version" recipe relies on it).
    String type = input.path("ModelPackageType").asText(groupFilter == null ? "Unversioned" : "Versioned");
    String approval = Json.text(input, "ModelApprovalStatus");
    String nameContains = Json.text(input, "NameContains");
    Instant after = SageMakerResources.instant(input, "CreationTimeAfter");
    Instant before = SageMakerResources.instant(input, "CreationTimeBefore");
    List<ModelPackage> matching = new ArrayList<>();
    if (groupFilter == null || group.isPresent()) {
      for (ModelPackage candidate : packages(region).values()) {
        if ((type.equals("Both") || type.equals("Versioned") == candidate.isVersioned())
            && (group.isEmpty() || group.get().name().equals(candidate.groupName()))
            && (approval == null || approval.equals(candidate.approvalStatus()))
            && (nameContains == null || candidate.name().contains(nameContains))
            && (after == null || candidate.creationTime().isAfter(after))
            && (before == null || candidate.creationTime().isBefore(before))) {
          matching.add(candidate);
        }
      }
    }
    Comparator<ModelPackage> byVersion = Comparator.comparingInt(p -> p.version() == null ? 0 : p.version());
    Comparator<ModelPackage> order = input.path("SortBy").asText("CreationTime").equals("Name")
        ? Comparator.comparing(ModelPackage::name).thenComparing(byVersion)
        : Comparator.comparing(ModelPackage::creationTime).thenComparing(byVersion);
    if (input.path("SortOrder").asText("Ascending").equals("Descending")) {
      order = order.reversed();
    }
    matching.sort(order);
    SageMakerResources.Page<ModelPackage> page = SageMakerResources.page(matching, input, 10);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("ModelPackageSummaryList");
    for (ModelPackage item : page.items()) {
      ObjectNode summary = list.addObject();
      if (item.isVersioned()) {
        // SageMaker leaves the name out of versioned summaries (aws/sagemaker-python-sdk#5606): the ARN names them.
        summary.put("ModelPackageGroupName", item.groupName());
        summary.put("ModelPackageVersion", item.version());
      } else {
        summary.put("ModelPackageName", item.name());
      }
      summary.put("ModelPackageArn", item.arn());
      SageMakerResources.copy(item.attributes(), summary, "ModelPackageDescription");
      summary.put("CreationTime", Json.timestamp(item.creationTime()));
      summary.put("ModelPackageStatus", item.status());
      if (item.approvalStatus() != null) {
        summary.put("ModelApprovalStatus", item.approvalStatus());
      }
      SageMakerResources.copy(item.attributes(), summary, "ModelLifeCycle");
      SageMakerResources.copy(item.attributes(), summary, "ModelPackageRegistrationType");
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode updatePackage(ObjectNode input, RequestContext context) {
    ModelPackage found = existingPackage(context.region(), Json.text(input, "ModelPackageArn"));
    String approval = found.approvalStatus();
    if (input.hasNonNull("ModelApprovalStatus")) {
      if (!found.isVersioned()) {
        throw AwsServiceException.validation("ModelApprovalStatus is not applicable to unversioned model package "
            + found.arn() + ".");
      }
      approval = input.get("ModelApprovalStatus").asText();
    }
    String approvalDescription = input.hasNonNull("ApprovalDescription")
        ? input.get("ApprovalDescription").asText() : found.approvalDescription();
    Map<String, String> metadata = new LinkedHashMap<>(found.customerMetadata());
    input.path("CustomerMetadataProperties").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
    input.path("CustomerMetadataPropertiesToRemove").forEach(key -> metadata.remove(key.asText()));
    if (metadata.size() > 50) {
      throw AwsServiceException.validation("A model package can have at most 50 CustomerMetadataProperties, "
          + "this update would leave " + metadata.size() + ".");
    }
    ObjectNode attributes = found.attributes().deepCopy();
    for (String member : REPLACED) {
      if (input.hasNonNull(member)) {
        attributes.set(member, member.equals("InferenceSpecification")
            ? withImageDigests(input.get(member)) : input.get(member).deepCopy());
      }
    }
    if (input.path("AdditionalInferenceSpecificationsToAdd").isArray()) {
      ArrayNode additional = attributes.has("AdditionalInferenceSpecifications")
          ? (ArrayNode) attributes.get("AdditionalInferenceSpecifications")
          : attributes.putArray("AdditionalInferenceSpecifications");
      input.get("AdditionalInferenceSpecificationsToAdd").forEach(spec -> additional.add(spec.deepCopy()));
      if (additional.size() > 15) {
        throw AwsServiceException.validation("A model package can have at most 15 AdditionalInferenceSpecifications.");
      }
    }
    packages(context.region()).put(found.arn(),
        found.updated(attributes, approval, approvalDescription, metadata, context.now()));
    ObjectNode out = Json.object();
    out.put("ModelPackageArn", found.arn());
    return out;
  }

  /**
   * The package {@code nameOrArn} names: an ARN (compared ignoring case, since SageMaker lowercases the
   * group inside it), {@code group/version}, an unversioned package's name, or a group's name (its
   * latest version, as moto answers).
   */
  private Optional<ModelPackage> find(String region, String nameOrArn) {
    if (nameOrArn == null) {
      return Optional.empty();
    }
    Map<String, ModelPackage> all = packages(region);
    if (nameOrArn.startsWith("arn:")) {
      return all.values().stream().filter(p -> p.arn().equalsIgnoreCase(nameOrArn)).findFirst();
    }
    Matcher versioned = VERSIONED_NAME.matcher(nameOrArn);
    if (versioned.matches()) {
      Optional<ModelPackageGroup> group = findGroup(region, versioned.group(1));
      int version = Integer.parseInt(versioned.group(2));
      return group.flatMap(g -> all.values().stream()
          .filter(p -> g.name().equals(p.groupName()) && p.version() == version).findFirst());
    }
    Optional<ModelPackage> unversioned = all.values().stream()
        .filter(p -> !p.isVersioned() && p.name().equals(nameOrArn)).findFirst();
    if (unversioned.isPresent()) {
      return unversioned;
    }
    return findGroup(region, nameOrArn).flatMap(g -> all.values().stream()
        .filter(p -> g.name().equals(p.groupName()))
        .max(Comparator.comparing(ModelPackage::version)));
  }

  private ModelPackage existingPackage(String region, String nameOrArn) {
    // SageMaker's registry answers a missing package with a ValidationException ending "does not exist.".
    return find(region, nameOrArn)
        .filter(p -> installation.consistency().visible(p.arn(), installation.clock().instant()))
        .orElseThrow(() ->
        AwsServiceException.validation("ModelPackage " + nameOrArn + " does not exist."));
  }

  private static ObjectNode attributesOf(ObjectNode input) {
    ObjectNode attributes = Json.object();
    for (String member : ECHOED) {
      SageMakerResources.copy(input, attributes, member);
    }
    if (input.hasNonNull("InferenceSpecification")) {
      attributes.set("InferenceSpecification", withImageDigests(input.get("InferenceSpecification")));
    }
    return attributes;
  }

  /**
   * A copy of an {@code InferenceSpecification} whose containers carry {@code ImageDigest} when their
   * image is pinned by digest ({@code repo@sha256:...}), as SageMaker fills it in. A tag reference is
   * left without a digest: resolving it needs ECR, which this registry does not consult.
   */
  static ObjectNode withImageDigests(JsonNode specification) {
    ObjectNode copy = specification.deepCopy();
    for (JsonNode container : copy.path("Containers")) {
      Matcher digest = IMAGE_DIGEST.matcher(container.path("Image").asText(""));
      if (digest.matches() && !container.hasNonNull("ImageDigest")) {
        ((ObjectNode) container).put("ImageDigest", digest.group(1));
      }
    }
    return copy;
  }

  private static Map<String, String> metadataOf(ObjectNode input) {
    Map<String, String> metadata = new LinkedHashMap<>();
    input.path("CustomerMetadataProperties").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
    return metadata;
  }
}
