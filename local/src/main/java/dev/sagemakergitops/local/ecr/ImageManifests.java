package dev.sagemakergitops.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What ECR derives from an image manifest's text: its digest (SHA-256 of the bytes as sent), the
 * size it reports, the manifest as JSON, and the manifest {@link EcrService#publish} generates.
 */
final class ImageManifests {
  private ImageManifests() {}

  /** ECR's digest: SHA-256 of the manifest bytes exactly as sent. */
  static String digest(String manifest) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The image size ECR reports: the sizes the manifest lists (config and layers), else the manifest's own. */
  static long sizeOf(String manifest) {
    JsonNode tree = tree(manifest);
    long size = tree.path("config").path("size").asLong(0);
    for (JsonNode layer : tree.path("layers")) {
      size += layer.path("size").asLong(0);
    }
    return size > 0 ? size : manifest.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The manifest as JSON, or a missing node when it is not JSON (ECR stores any manifest text). */
  static JsonNode tree(String manifest) {
    try {
      return Json.MAPPER.readTree(manifest);
    } catch (java.io.IOException e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  static String generatedManifest(String region, String repository, String tag) {
    String seed = region + "/" + repository + ":" + tag;
    String config = digest("config " + seed);
    String layer = digest("layer " + seed);
    return "{\"schemaVersion\":2,\"mediaType\":\"" + EcrService.DOCKER_MANIFEST_V2 + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.docker.container.image.v1+json\",\"size\":1469,\"digest\":\"" + config + "\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":2811478,"
        + "\"digest\":\"" + layer + "\"}]}";
  }
}
