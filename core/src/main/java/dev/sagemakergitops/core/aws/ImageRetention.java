package dev.sagemakergitops.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.manifest.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Whether a pinned image can vanish from ECR while an endpoint still runs it, as warnings for the
 * person who deploys.
 *
 * <p>An instance-backed endpoint pulls its image again on every instance launch (scale-out, instance
 * replacement, patching); once the digest is deleted, those fail weeks after the deploy succeeded.
 * Two situations make that likely:
 * <ul>
 *   <li>the pinned digest has no tag: nothing marks it as in use, and a lifecycle rule on untagged
 *       images, or a clean-up by hand, removes it;
 *   <li>the repository is {@code MUTABLE} and its lifecycle policy has a rule that selects untagged
 *       images ({@code selection.tagStatus} {@code untagged} or {@code any}; ECR's "Lifecycle policy
 *       properties", https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html):
 *       when the tag is pushed again, the digest this endpoint runs becomes untagged and then expires.
 * </ul>
 *
 * <p>Read-only: {@code ecr:DescribeImages}, {@code ecr:DescribeRepositories} and
 * {@code ecr:GetLifecyclePolicy}, one call each. A check that cannot be made (access denied, no
 * network) becomes a warning saying so, never a failure: the image itself was verified when it was
 * pinned.
 */
public final class ImageRetention {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, EcrClient> ecrByRegion;

  /** @param ecrByRegion an ECR client for a region name, for example {@code clients::ecr} */
  public ImageRetention(Function<String, EcrClient> ecrByRegion) {
    this.ecrByRegion = ecrByRegion;
  }

  /** A check that takes its regional ECR clients from {@code clients}. */
  public static ImageRetention using(AwsClients clients) {
    return new ImageRetention(clients::ecr);
  }

  /**
   * The warnings for {@code pinned} ({@code host/repository@sha256:...}); empty when the image is
   * tagged and its repository is immutable or expires no untagged image.
   */
  public List<String> warnings(ImageReference pinned) {
    EcrClient ecr = ecrByRegion.apply(pinned.region());
    String where = "ECR repository '" + pinned.repository() + "' (registry " + pinned.registryId() + ", "
        + pinned.region() + ")";
    List<String> warnings = new ArrayList<>();
    try {
      ImageDetail detail = ecr.describeImages(r -> r.registryId(pinned.registryId())
          .repositoryName(pinned.repository())
          .imageIds(ImageIdentifier.builder().imageDigest(pinned.digest()).build())).imageDetails().get(0);
      boolean untagged = detail.imageTags().isEmpty();
      if (untagged) {
        warnings.add("image " + pinned.digest() + " in " + where + " has no tag: a lifecycle rule on untagged "
            + "images or a clean-up can delete it, and the endpoint pulls it again on every instance launch "
            + "(scale-out, replacement, patching); tag it, or push a tag to an IMMUTABLE repository and pin that");
      }
      Repository repository = ecr.describeRepositories(r -> r.registryId(pinned.registryId())
          .repositoryNames(pinned.repository())).repositories().get(0);
      if (repository.imageTagMutability() == ImageTagMutability.MUTABLE) {
        String rule = untaggedExpiry(policyText(ecr, pinned));
        if (rule != null) {
          warnings.add(where + " is MUTABLE and its lifecycle policy expires untagged images (" + rule + "): "
              + (untagged ? "this image is untagged already and will expire" : "once its tag is pushed again, "
              + "image " + pinned.digest() + " becomes untagged and expires")
              + ", and the endpoint then cannot scale out or be patched; make the repository IMMUTABLE "
              + "(aws ecr put-image-tag-mutability --image-tag-mutability IMMUTABLE) or keep deployed images tagged");
        }
      }
    } catch (AwsServiceException e) {
      warnings.add("could not check whether image " + pinned.digest() + " in " + where + " can expire: "
          + AwsFailures.errorCode(e) + ": " + AwsFailures.serviceMessage(e)
          + (AwsFailures.isAccessDenied(e) ? "; allow ecr:DescribeRepositories and ecr:GetLifecyclePolicy" : ""));
    } catch (SdkClientException e) {
      warnings.add("could not check whether image " + pinned.digest() + " in " + where + " can expire: "
          + AwsFailures.clientMessage(e));
    }
    return warnings;
  }

  private static String policyText(EcrClient ecr, ImageReference pinned) {
    try {
      return ecr.getLifecyclePolicy(r -> r.registryId(pinned.registryId()).repositoryName(pinned.repository()))
          .lifecyclePolicyText();
    } catch (LifecyclePolicyNotFoundException e) {
      return null;
    }
  }

  /** The first rule that expires untagged images, described ("rule 1: untagged, sinceImagePushed 14 days"), or null. */
  static String untaggedExpiry(String policyText) {
    if (policyText == null) {
      return null;
    }
    JsonNode policy;
    try {
      policy = JSON.readTree(policyText);
    } catch (IOException e) {
      return null;
    }
    for (JsonNode rule : policy.path("rules")) {
      JsonNode selection = rule.path("selection");
      String status = selection.path("tagStatus").asText("");
      if ((status.equals("untagged") || status.equals("any")) && rule.path("action").path("type").asText("expire")
          .equals("expire")) {
        return "rule " + rule.path("rulePriority").asText("?") + ": " + status + ", "
            + selection.path("countType").asText("") + " " + selection.path("countNumber").asText("")
            + (selection.has("countUnit") ? " " + selection.path("countUnit").asText() : "");
      }
    }
    return null;
  }
}
