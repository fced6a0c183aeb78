package dev.sagemakergitops.liveaws.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * The smallest images that ECR accepts in each manifest format the probes ask SageMaker about: one
 * empty layer and a linux/amd64 config, written as a Docker image manifest (schema 2), an OCI image
 * manifest, an OCI image index and a Docker manifest list over them. The bytes are the same on every
 * run, so are the digests, and a recorded refusal text naming a digest compares with the local
 * control plane's. The containers cannot run (nothing to start): these images are for what
 * {@code CreateModel} says, not for serving.
 */
public final class ProbeImages {
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** A pushed image: the reference {@code CreateModel} takes, by digest. */
  public record Pushed(String mediaType, String digest, String reference) {}

  private final byte[] layer;
  private final String layerDigest;
  private final byte[] config;
  private final String configDigest;

  public ProbeImages() {
    byte[] tar = new byte[1024]; // an empty tar archive: two zero blocks
    this.layer = gzip(tar);
    this.layerDigest = digest(layer);
    this.config = ("{\"architecture\":\"amd64\",\"config\":{},\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[\""
        + digest(tar) + "\"],\"type\":\"layers\"}}").getBytes(StandardCharsets.UTF_8);
    this.configDigest = digest(config);
  }

  /** Creates the repository (tagged for the run) and pushes the four images; answers them by media type. */
  public java.util.Map<String, Pushed> push(ProbeRun run, String repository) {
    String uri = createRepository(run, repository);
    String docker = dockerManifest();
    String oci = manifest(OCI_MANIFEST, "application/vnd.oci.image.config.v1+json",
        "application/vnd.oci.image.layer.v1.tar+gzip");
    java.util.Map<String, Pushed> pushed = new java.util.LinkedHashMap<>();
    pushed.put(DOCKER_MANIFEST, put(run, repository, uri, "docker", DOCKER_MANIFEST, docker));
    pushed.put(OCI_MANIFEST, put(run, repository, uri, "oci", OCI_MANIFEST, oci));
    pushed.put(OCI_INDEX, put(run, repository, uri, "oci-index", OCI_INDEX, index(OCI_INDEX, OCI_MANIFEST, oci)));
    pushed.put(DOCKER_MANIFEST_LIST, put(run, repository, uri, "manifest-list", DOCKER_MANIFEST_LIST,
        index(DOCKER_MANIFEST_LIST, DOCKER_MANIFEST, docker)));
    return pushed;
  }

  /**
   * Creates the repository, tagged for the run and recorded for deletion, and uploads the layer and
   * config blobs every image here names; answers its URI.
   */
  String createRepository(ProbeRun run, String repository) {
    var ecr = run.target().ecr();
    String uri = ecr.createRepository(r -> r.repositoryName(repository)
        .tags(Tag.builder().key(dev.sagemakergitops.liveaws.RunLedger.TAG_KEY).value(run.ledger().runId()).build()))
        .repository().repositoryUri();
    run.ledger().created("ECR repository", repository,
        () -> ecr.deleteRepository(r -> r.repositoryName(repository).force(true)));
    run.target().uploadBlob(repository, layer);
    run.target().uploadBlob(repository, config);
    return uri;
  }

  /** The Docker image manifest (schema 2) of the linux/amd64 image. */
  String dockerManifest() {
    return manifest(DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar.gzip");
  }

  /** A Docker manifest list over {@link #dockerManifest()} as its linux/amd64 platform. */
  String dockerManifestList() {
    return index(DOCKER_MANIFEST_LIST, DOCKER_MANIFEST, dockerManifest());
  }

  /** The size ECR reports for the image of {@link #dockerManifest()}: its config and its layer. */
  long dockerImageSize() {
    return (long) config.length + layer.length;
  }

  static Pushed put(ProbeRun run, String repository, String uri, String tag, String mediaType, String manifest) {
    String digest = run.target().ecr().putImage(r -> r.repositoryName(repository).imageTag(tag)
        .imageManifest(manifest).imageManifestMediaType(mediaType)).image().imageId().imageDigest();
    return new Pushed(mediaType, digest, uri + "@" + digest);
  }

  private String manifest(String mediaType, String configType, String layerType) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":\"" + configType
        + "\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\""
        + layerType + "\",\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
  }

  private static String index(String mediaType, String memberType, String member) {
    byte[] bytes = member.getBytes(StandardCharsets.UTF_8);
    return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[{\"mediaType\":\"" + memberType
        + "\",\"size\":" + bytes.length + ",\"digest\":\"" + digest(bytes)
        + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
  }

  /** {@code sha256:<hex>} of {@code bytes}: how ECR names a blob or a manifest. */
  public static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
