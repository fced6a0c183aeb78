package dev.sagemakergitops.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ECR repository: its settings, its images by digest (in push order) and its tags. */
final class Repository {
  /** An image: its manifest as sent and when it was pushed. Tags live in the repository's tag map. */
  record Image(String digest, String manifest, String mediaType, long sizeInBytes, Instant pushedAt) {}

  /** A repository's settings; its images and tags are kept beside it in {@link Repository}. */
  record Settings(String name, String arn, String uri, String tagMutability, Instant createdAt,
      boolean scanOnPush, Encryption encryption) {}

  /** How the repository is encrypted at rest: {@code AES256}, {@code KMS} or {@code KMS_DSSE}, and the KMS key. */
  record Encryption(String type, String kmsKey) {
    static final Encryption DEFAULT = new Encryption("AES256", null);
  }

  final Settings settings;
  /** By digest, in push order, which is the order DescribeImages lists them in. */
  final Map<String, Image> images = new LinkedHashMap<>();
  final Map<String, String> tags = new HashMap<>();
  /** The lifecycle policy text as PutLifecyclePolicy stored it, or null. */
  String lifecyclePolicy;

  Repository(Settings settings) {
    this.settings = settings;
  }

  List<String> tagsOf(String digest) {
    List<String> out = new ArrayList<>();
    tags.forEach((tag, d) -> {
      if (d.equals(digest)) {
        out.add(tag);
      }
    });
    out.sort(null);
    return out;
  }

  /** The image an {@code imageId} names: by tag (and digest, when both are given, they must agree) or by digest. */
  Image find(JsonNode id) {
    String digest = id.has("imageDigest") ? id.get("imageDigest").asText() : null;
    String tag = id.has("imageTag") ? id.get("imageTag").asText() : null;
    if (tag != null) {
      String tagged = tags.get(tag);
      if (tagged == null || (digest != null && !digest.equals(tagged))) {
        return null;
      }
      return images.get(tagged);
    }
    return digest == null ? null : images.get(digest);
  }

  /**
   * The size DescribeImages answers: botocore ImageDetail.imageSizeInBytes, "If the image is a
   * manifest list, this will be the max size of all manifests in the list"; else what the manifest
   * lists ({@link ImageManifests#sizeOf}).
   */
  private long sizeOf(String manifest) {
    long largest = -1;
    for (com.fasterxml.jackson.databind.JsonNode member : ImageManifests.tree(manifest).path("manifests")) {
      Image image = images.get(member.path("digest").asText());
      if (image != null) {
        largest = Math.max(largest, image.sizeInBytes());
      }
    }
    return largest >= 0 ? largest : ImageManifests.sizeOf(manifest);
  }

  /** The digests a manifest list or image index names that this repository does not hold. */
  java.util.List<String> absentMembers(String manifest) {
    java.util.List<String> absent = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode member : ImageManifests.tree(manifest).path("manifests")) {
      if (!images.containsKey(member.path("digest").asText())) {
        absent.add(member.path("digest").asText());
      }
    }
    return absent;
  }

  /** Stores the image (once per digest) and points {@code tag}, when given, at it. */
  Image put(String manifest, String mediaType, String digest, String tag, Instant now) {
    Image image = images.computeIfAbsent(digest,
        d -> new Image(d, manifest, mediaType, sizeOf(manifest), now));
    if (tag != null) {
      // On a mutable repository the tag moves; the image it left stays, untagged.
      tags.put(tag, digest);
    }
    return image;
  }
}
