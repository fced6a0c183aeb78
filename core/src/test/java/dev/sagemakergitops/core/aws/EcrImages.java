package dev.sagemakergitops.core.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Pushes images into ECR the way {@code docker push} ends: {@code PutImage} with a manifest and its digest. */
public final class EcrImages {

  private final EcrClient ecr;

  public EcrImages(EcrClient ecr) {
    this.ecr = ecr;
  }

  public void createRepository(String repository) {
    ecr.createRepository(r -> r.repositoryName(repository));
  }

  /**
   * Pushes a minimal Docker v2 manifest, different for every {@code seed}, under {@code tag}.
   *
   * @return the digest ECR answered with
   */
  public String push(String repository, String tag, String seed) {
    String manifest = manifest(seed);
    return ecr.putImage(r -> r.repositoryName(repository)
            .imageTag(tag)
            .imageManifest(manifest)
            .imageManifestMediaType("application/vnd.docker.distribution.manifest.v2+json")
            // What docker sends and ECR checks: the sha256 of the exact manifest bytes. (moto would
            // otherwise derive a digest of its own from the layer digests.)
            .imageDigest(digestOf(manifest)))
        .image().imageId().imageDigest();
  }

  /**
   * Pushes a manifest of {@code mediaType} (an OCI image manifest or index, a Docker manifest list)
   * under {@code tag}, naming the media type both in the manifest and in {@code PutImage}, as
   * {@code docker buildx} does.
   *
   * @return the digest ECR answered with
   */
  public String push(String repository, String tag, String seed, String mediaType) {
    String manifest = manifest(seed).replace("application/vnd.docker.distribution.manifest.v2+json", mediaType);
    return ecr.putImage(r -> r.repositoryName(repository)
            .imageTag(tag)
            .imageManifest(manifest)
            .imageManifestMediaType(mediaType)
            .imageDigest(digestOf(manifest)))
        .image().imageId().imageDigest();
  }

  static String manifest(String seed) {
    String config = sha256Hex("config-" + seed);
    String layer = sha256Hex("layer-" + seed);
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1469,"
        + "\"digest\":\"sha256:" + config + "\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":2811478,"
        + "\"digest\":\"sha256:" + layer + "\"}]}";
  }

  static String digestOf(String manifest) {
    return "sha256:" + sha256Hex(manifest);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
