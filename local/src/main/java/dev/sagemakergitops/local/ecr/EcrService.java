package dev.sagemakergitops.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.ecr.Repository.Encryption;
import dev.sagemakergitops.local.ecr.Repository.Image;
import dev.sagemakergitops.local.ecr.Repository.Settings;
import dev.sagemakergitops.local.protocol.Arns;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.spi.ContainerImages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon ECR over AWS JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>}):
 * repositories and image manifests, enough for a pipeline to publish a tag and resolve it to its
 * digest. Images hold only their manifest; there are no layers to pull. See the package manual.
 *
 * <p>This class answers the operations; a {@link Repository} holds one repository's images and tags,
 * {@link ImageManifests} what ECR derives from a manifest, {@link EcrPages} the paging.
 */
public final class EcrService implements LocalService, ContainerImages {
  /** The media type of a generated or untyped manifest: the Docker image manifest v2, schema 2. */
  public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";

  /** An ECR image URI: account, region, repository, then a tag, a digest or both. */
  private static final Pattern IMAGE_URI = Pattern.compile(
      "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?");

  /** Region -> repository name -> repository. */
  private final Map<String, Map<String, Repository>> regions = new HashMap<>();
  private String accountId = "123456789012";
  private java.time.Clock clock = java.time.Clock.systemUTC();

  @Override
  public void install(Installation installation) {
    this.accountId = installation.accountId();
    this.clock = installation.clock();
    installation.provide(ContainerImages.class, this);
    installation.json("ecr", "AmazonEC2ContainerRegistry_V20150921")
        .register("CreateRepository", this::createRepository)
        .register("DescribeRepositories", this::describeRepositories)
        .register("PutImage", this::putImage)
        .register("DescribeImages", this::describeImages)
        .register("BatchGetImage", this::batchGetImage)
        .register("PutLifecyclePolicy", this::putLifecyclePolicy)
        .register("GetLifecyclePolicy", this::getLifecyclePolicy);
  }

  /**
   * Publishes {@code repository:tag} the way a {@code docker push} would look to ECR: creates the
   * repository (mutable tags) if it is missing and puts a generated manifest that is unique to
   * region, repository and tag. Returns the image digest ({@code sha256:<hex>}). Pushing the same
   * tag twice gives the same digest, so seeds can be replayed.
   */
  public synchronized String publish(String region, String repository, String tag) {
    Map<String, Repository> repositories = regions.computeIfAbsent(region, r -> new HashMap<>());
    Instant now = clock.instant();
    Repository repo = repositories.computeIfAbsent(repository,
        name -> new Repository(settings(region, name, "MUTABLE", now, false, Encryption.DEFAULT)));
    String manifest = ImageManifests.generatedManifest(region, repository, tag);
    String digest = ImageManifests.digest(manifest);
    if (!digest.equals(repo.tags.get(tag))) {
      repo.put(manifest, DOCKER_MANIFEST_V2, digest, tag, now);
    }
    return digest;
  }

  /** The digest {@code tag} points at in {@code region}, if the repository and tag exist. */
  public synchronized Optional<String> digestOf(String region, String repository, String tag) {
    Repository repo = regions.getOrDefault(region, Map.of()).get(repository);
    return repo == null ? Optional.empty() : Optional.ofNullable(repo.tags.get(tag));
  }

  @Override
  public synchronized Optional<String> manifestMediaType(String imageUri) {
    Matcher uri = IMAGE_URI.matcher(imageUri == null ? "" : imageUri);
    if (!uri.matches() || !uri.group(1).equals(accountId)) {
      return Optional.empty();
    }
    Repository repo = regions.getOrDefault(uri.group(2), Map.of()).get(uri.group(3));
    if (repo == null) {
      return Optional.empty();
    }
    String digest = uri.group(5) != null ? uri.group(5) : repo.tags.get(uri.group(4) == null ? "latest" : uri.group(4));
    Image image = digest == null ? null : repo.images.get(digest);
    return image == null ? Optional.empty() : Optional.of(image.mediaType());
  }

  // ---------------------------------------------------------------------------------------------

  private synchronized JsonNode createRepository(ObjectNode input, RequestContext context) {
    String name = required(input, "repositoryName");
    Map<String, Repository> repositories = regions.computeIfAbsent(context.region(), r -> new HashMap<>());
    if (repositories.containsKey(name)) {
      throw new AwsServiceException("RepositoryAlreadyExistsException", 400, "The repository with name '" + name
          + "' already exists in the registry with id '" + accountId + "'");
    }
    String mutability = input.path("imageTagMutability").asText("MUTABLE");
    if (!List.of("MUTABLE", "IMMUTABLE", "MUTABLE_WITH_EXCLUSION", "IMMUTABLE_WITH_EXCLUSION").contains(mutability)) {
      throw new AwsServiceException("ValidationException", 400, "1 validation error detected: Value '" + mutability
          + "' at 'imageTagMutability' failed to satisfy constraint: Member must satisfy enum value set: "
          + "[MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]");
    }
    boolean scanOnPush = input.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false);
    Repository repo = new Repository(settings(context.region(), name, mutability, context.now(), scanOnPush,
        encryption(input.path("encryptionConfiguration"), context.region())));
    repositories.put(name, repo);
    ObjectNode out = Json.object();
    out.set("repository", repositoryJson(repo.settings));
    return out;
  }

  private synchronized JsonNode describeRepositories(ObjectNode input, RequestContext context) {
    // botocore registryId: "the account ID associated with the registry that contains the repositories
    // to be described". The control plane serves one account, so another account's registry holds no
    // repository it can show.
    Map<String, Repository> repositories = registryId(input).equals(accountId)
        ? regions.getOrDefault(context.region(), Map.of()) : Map.of();
    List<Repository> selected = new ArrayList<>();
    if (input.has("repositoryNames")) {
      for (JsonNode name : input.get("repositoryNames")) {
        selected.add(repository(context.region(), input, name.asText()));
      }
    } else {
      repositories.values().stream().sorted((a, b) -> a.settings.name().compareTo(b.settings.name()))
          .forEach(selected::add);
    }
    EcrPages.Page<Repository> page = EcrPages.page(selected, input);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("repositories");
    page.items().forEach(repo -> list.add(repositoryJson(repo.settings)));
    page.nextToken().ifPresent(token -> out.put("nextToken", token));
    return out;
  }

  private synchronized JsonNode putImage(ObjectNode input, RequestContext context) {
    Repository repo = repository(context.region(), input, required(input, "repositoryName"));
    String manifest = required(input, "imageManifest");
    String digest = ImageManifests.digest(manifest);
    String claimed = Json.text(input, "imageDigest");
    if (claimed != null && !claimed.equals(digest)) {
      // botocore PutImage errors: ImageDigestDoesNotMatchException, "The specified image digest does not
      // match the digest that Amazon ECR calculated for the image." (its doc string, used as the text).
      throw new AwsServiceException("ImageDigestDoesNotMatchException", 400, "The specified image digest "
          + claimed + " does not match the digest that Amazon ECR calculated for the image: " + digest);
    }
    String tag = Json.text(input, "imageTag");
    String mediaType = Json.text(input, "imageManifestMediaType");
    if (mediaType == null) {
      mediaType = ImageManifests.tree(manifest).path("mediaType").asText(null);
    }
    if (mediaType == null) {
      // botocore imageManifestMediaType: "If you push an image manifest that does not contain the
      // mediaType field, you must specify the imageManifestMediaType in the request." The code and the
      // text are undocumented: ECR's parameter error, in its format.
      throw new AwsServiceException("InvalidParameterException", 400, "Invalid parameter at 'imageManifestMediaType' "
          + "failed to satisfy constraint: 'the image manifest has no mediaType field; specify "
          + "imageManifestMediaType'");
    }
    java.util.List<String> absent = repo.absentMembers(manifest);
    if (!absent.isEmpty()) {
      // botocore ECR PutImage errors: ReferencedImagesNotFoundException, "The manifest list is
      // referencing an image that does not exist." The message text is undocumented.
      throw new AwsServiceException("ReferencedImagesNotFoundException", 400, "The manifest list is referencing "
          + "images that do not exist in the repository with name '" + repo.settings.name() + "': " + absent);
    }
    String current = tag == null ? null : repo.tags.get(tag);
    if (repo.images.containsKey(digest) && (tag == null || digest.equals(current))) {
      // ECR refuses a push that changes nothing, naming what already exists.
      throw new AwsServiceException("ImageAlreadyExistsException", 400, "Image with digest '" + digest
          + "' and tag '" + (tag == null ? "null" : tag) + "' already exists in the repository with name '"
          // "in registry", not "in the registry" as ECR's other messages: the text of a real
          // answer (buildkite-plugins/ecr-buildkite-plugin#111).
          + repo.settings.name() + "' in registry with id '" + accountId + "'");
    }
    if (current != null && !current.equals(digest) && repo.settings.tagMutability().startsWith("IMMUTABLE")) {
      throw new AwsServiceException("ImageTagAlreadyExistsException", 400, "The image tag '" + tag
          + "' already exists in the '" + repo.settings.name()
          + "' repository and cannot be overwritten because the repository is immutable.");
    }
    Image image = repo.put(manifest, mediaType, digest, tag, context.now());
    ObjectNode out = Json.object();
    ObjectNode imageJson = out.putObject("image");
    imageJson.put("registryId", accountId);
    imageJson.put("repositoryName", repo.settings.name());
    ObjectNode id = imageJson.putObject("imageId");
    id.put("imageDigest", image.digest());
    if (tag != null) {
      id.put("imageTag", tag);
    }
    imageJson.put("imageManifest", image.manifest());
    imageJson.put("imageManifestMediaType", image.mediaType());
    return out;
  }

  private synchronized JsonNode describeImages(ObjectNode input, RequestContext context) {
    Repository repo = repository(context.region(), input, required(input, "repositoryName"));
    List<Image> selected = new ArrayList<>();
    if (input.has("imageIds")) {
      if (input.has("maxResults") || input.has("nextToken")) {
        throw new AwsServiceException("InvalidParameterException", 400,
            "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Cannot specify maxResults or nextToken"
                + " together with imageIds'");
      }
      for (JsonNode id : input.get("imageIds")) {
        Image image = repo.find(id);
        if (image == null) {
          throw new AwsServiceException("ImageNotFoundException", 400, "The image with imageId " + describeId(id)
              + " does not exist within the repository with name '" + repo.settings.name()
              + "' in the registry with id '" + accountId + "'");
        }
        if (!selected.contains(image)) {
          selected.add(image);
        }
      }
    } else {
      String tagStatus = input.path("filter").path("tagStatus").asText("ANY");
      for (Image image : repo.images.values()) {
        boolean tagged = !repo.tagsOf(image.digest()).isEmpty();
        if (tagStatus.equals("ANY") || tagStatus.equals("TAGGED") == tagged) {
          selected.add(image);
        }
      }
    }
    EcrPages.Page<Image> page = EcrPages.page(selected, input);
    ObjectNode out = Json.object();
    ArrayNode details = out.putArray("imageDetails");
    for (Image image : page.items()) {
      ObjectNode detail = details.addObject();
      detail.put("registryId", accountId);
      detail.put("repositoryName", repo.settings.name());
      detail.put("imageDigest", image.digest());
      List<String> tags = repo.tagsOf(image.digest());
      if (!tags.isEmpty()) {
        ArrayNode tagList = detail.putArray("imageTags");
        tags.forEach(tagList::add);
      }
      detail.put("imageSizeInBytes", image.sizeInBytes());
      detail.put("imagePushedAt", Json.timestamp(image.pushedAt()));
      detail.put("imageManifestMediaType", image.mediaType());
      detail.put("artifactMediaType", "application/vnd.docker.container.image.v1+json");
      detail.put("imageStatus", "ACTIVE");
    }
    page.nextToken().ifPresent(token -> out.put("nextToken", token));
    return out;
  }

  private synchronized JsonNode batchGetImage(ObjectNode input, RequestContext context) {
    Repository repo = repository(context.region(), input, required(input, "repositoryName"));
    ObjectNode out = Json.object();
    ArrayNode images = out.putArray("images");
    ArrayNode failures = out.putArray("failures");
    for (JsonNode id : input.path("imageIds")) {
      if (!id.has("imageDigest") && !id.has("imageTag")) {
        ObjectNode failure = failures.addObject();
        failure.set("imageId", id.deepCopy());
        failure.put("failureCode", "MissingDigestAndTag");
        failure.put("failureReason", "Invalid request parameters: both tag and digest cannot be null");
        continue;
      }
      Image image = repo.find(id);
      if (image == null) {
        // A missing image is a failure entry, not an exception: the call answers what it found.
        ObjectNode failure = failures.addObject();
        failure.set("imageId", id.deepCopy());
        failure.put("failureCode", "ImageNotFound");
        failure.put("failureReason", "Requested image not found");
        continue;
      }
      ObjectNode found = images.addObject();
      found.put("registryId", accountId);
      found.put("repositoryName", repo.settings.name());
      ObjectNode imageId = found.putObject("imageId");
      imageId.put("imageDigest", image.digest());
      if (id.has("imageTag")) {
        imageId.put("imageTag", id.get("imageTag").asText());
      }
      found.put("imageManifest", image.manifest());
      found.put("imageManifestMediaType", image.mediaType());
    }
    return out;
  }

  /**
   * Stores the policy text as given after checking it is JSON with a {@code rules} list; ECR validates
   * the rules further (priorities, selections) and evaluates them on its own schedule, neither of which
   * is modelled: no image ever expires here. Source: ECR API PutLifecyclePolicy and "Lifecycle policy
   * properties" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html).
   */
  private synchronized JsonNode putLifecyclePolicy(ObjectNode input, RequestContext context) {
    Repository repo = repository(context.region(), input, required(input, "repositoryName"));
    String text = required(input, "lifecyclePolicyText");
    if (!ImageManifests.tree(text).path("rules").isArray()) {
      throw new AwsServiceException("InvalidParameterException", 400, "Invalid parameter at 'LifecyclePolicyText' "
          + "failed to satisfy constraint: 'Lifecycle policy validation failure: the policy must be JSON with a "
          + "rules array'");
    }
    repo.lifecyclePolicy = text;
    ObjectNode out = Json.object();
    out.put("registryId", accountId);
    out.put("repositoryName", repo.settings.name());
    out.put("lifecyclePolicyText", text);
    return out;
  }

  /** The stored policy; {@code LifecyclePolicyNotFoundException} when none was put (botocore GetLifecyclePolicy errors). */
  private synchronized JsonNode getLifecyclePolicy(ObjectNode input, RequestContext context) {
    Repository repo = repository(context.region(), input, required(input, "repositoryName"));
    if (repo.lifecyclePolicy == null) {
      throw new AwsServiceException("LifecyclePolicyNotFoundException", 400, "Lifecycle policy does not exist for the "
          + "repository with name '" + repo.settings.name() + "' in the registry with id '" + accountId + "'");
    }
    ObjectNode out = Json.object();
    out.put("registryId", accountId);
    out.put("repositoryName", repo.settings.name());
    out.put("lifecyclePolicyText", repo.lifecyclePolicy);
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private Settings settings(String region, String name, String mutability, Instant createdAt, boolean scanOnPush,
      Encryption encryption) {
    String partition = Arns.partition(region);
    // Registry URIs end in amazonaws.com.cn in the China partition (ECR User Guide, "Amazon ECR
    // private registry": https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html).
    String domain = partition.equals("aws-cn") ? ".amazonaws.com.cn/" : ".amazonaws.com/";
    return new Settings(name, "arn:" + partition + ":ecr:" + region + ":" + accountId + ":repository/" + name,
        accountId + ".dkr.ecr." + region + domain + name, mutability, createdAt, scanOnPush, encryption);
  }

  /**
   * botocore EncryptionConfiguration: AES256 by default; KMS and KMS_DSSE with the key given ("The
   * alias, key ID, or full ARN"), kept as given, or without one "the default Amazon Web Services managed
   * KMS key for Amazon ECR", answered as the ARN of a key of the account and region (its id is ours: a
   * name-based UUID, so it is stable; AWS's id is undocumented).
   */
  private Encryption encryption(JsonNode config, String region) {
    String type = config.path("encryptionType").asText("AES256");
    if (type.equals("AES256")) {
      if (config.hasNonNull("kmsKey")) {
        throw new AwsServiceException("InvalidParameterException", 400, "Invalid parameter at 'kmsKey' failed to "
            + "satisfy constraint: 'a KMS key can be specified only with the KMS or KMS_DSSE encryption type'");
      }
      return Encryption.DEFAULT;
    }
    String key = config.hasNonNull("kmsKey") ? config.get("kmsKey").asText()
        : "arn:" + Arns.partition(region) + ":kms:" + region + ":" + accountId + ":key/"
            + java.util.UUID.nameUUIDFromBytes(("aws/ecr " + accountId + " " + region)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Encryption(type, key);
  }

  /** The registry a request names ({@code registryId}), else the caller's own. */
  private String registryId(JsonNode input) {
    String registry = Json.text(input, "registryId");
    return registry == null ? accountId : registry;
  }

  /**
   * The repository {@code name} of the request's registry. The control plane serves one account, so a
   * repository of another account's registry is never found, and the error names that registry.
   */
  private Repository repository(String region, JsonNode input, String name) {
    String registry = registryId(input);
    Repository repo = registry.equals(accountId) ? regions.getOrDefault(region, Map.of()).get(name) : null;
    if (repo == null) {
      throw new AwsServiceException("RepositoryNotFoundException", 400, "The repository with name '" + name
          + "' does not exist in the registry with id '" + registry + "'");
    }
    return repo;
  }

  /** {@code {imageDigest:'null', imageTag:'latest'}}: how ECR's messages print an image id. */
  private static String describeId(JsonNode id) {
    return "{imageDigest:'" + (id.has("imageDigest") ? id.get("imageDigest").asText() : "null") + "', imageTag:'"
        + (id.has("imageTag") ? id.get("imageTag").asText() : "null") + "'}";
  }

  private ObjectNode repositoryJson(Settings settings) {
    ObjectNode out = Json.object();
    out.put("repositoryArn", settings.arn());
    out.put("registryId", accountId);
    out.put("repositoryName", settings.name());
    out.put("repositoryUri", settings.uri());
    out.put("createdAt", Json.timestamp(settings.createdAt()));
    out.put("imageTagMutability", settings.tagMutability());
    out.putObject("imageScanningConfiguration").put("scanOnPush", settings.scanOnPush());
    ObjectNode encryption = out.putObject("encryptionConfiguration");
    encryption.put("encryptionType", settings.encryption().type());
    if (settings.encryption().kmsKey() != null) {
      encryption.put("kmsKey", settings.encryption().kmsKey());
    }
    return out;
  }

  private static String required(JsonNode input, String member) {
    String value = Json.text(input, member);
    if (value == null) {
      throw new AwsServiceException("ValidationException", 400, "1 validation error detected: Value null at '"
          + member + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

}
