package dev.sagemakergitops.core.aws;

/**
 * Which image manifest media types (ECR's {@code imageManifestMediaType}) SageMaker runs, and what to
 * tell the author of a manifest whose image has another.
 *
 * <p><b>OCI image manifests and indexes are refused.</b> SageMaker's {@code CreateModel} answers them
 * with "Unsupported manifest media type application/vnd.oci.image.manifest.v1+json for image ...
 * Ensure that valid manifest media type is used for specified image." (reported for the Java SDK in
 * https://github.com/aws/amazon-sagemaker-feedback/issues/180, and for
 * {@code application/vnd.oci.image.index.v1+json}, which {@code docker buildx} pushes when it adds
 * provenance attestations, in https://github.com/mlflow/mlflow/issues/13834 and
 * https://github.com/moby/buildkit/issues/5480). Training and transform run the same containers and
 * are treated the same way.
 *
 * <p><b>Docker manifest lists are refused too</b>, by choice. SageMaker does not document whether it
 * accepts a multi-platform image, nor which platform it would run; picking {@code linux/amd64} for the
 * user would need {@code ecr:BatchGetImage} (pull rights) in every validating role, would be wrong for
 * Graviton instance types ({@code ml.*g.*}, arm64), and would make the digest SageMaker reports in
 * {@code DeployedImages} differ from the digest the manifest pins. A single-platform image, or the
 * platform image's own digest in the manifest, avoids all three.
 *
 * <p>Anything else (the Docker image manifest v2 schema 2, or no media type at all) is accepted.
 */
public final class ImageMediaTypes {
  /** The Docker image manifest, version 2, schema 2: what SageMaker runs. */
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  /** A Docker manifest list ("fat manifest"): one image per platform. */
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  /** An OCI image manifest: what {@code docker buildx} pushes with {@code oci-mediatypes=true}. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** An OCI image index: what {@code docker buildx} pushes with provenance attestations or several platforms. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private static final String OCI_PREFIX = "application/vnd.oci.image.";
  private static final String BUILD_ADVICE = "rebuild and push it as a Docker image manifest "
      + "(docker buildx build --provenance=false --output type=docker, then docker push; or, when buildx pushes "
      + "itself, --provenance=false --output type=image,push=true,oci-mediatypes=false), then point the manifest at "
      + "the new tag or digest";

  private ImageMediaTypes() {}

  /** True unless {@code mediaType} is an OCI image manifest or index, or a Docker manifest list; {@code null} passes. */
  public static boolean runsOnSageMaker(String mediaType) {
    return mediaType == null || !(mediaType.startsWith(OCI_PREFIX) || mediaType.equals(DOCKER_MANIFEST_LIST));
  }

  /** What the media type is, in words, with the type itself: "an OCI image index (application/vnd.oci.image.index.v1+json)". */
  static String describe(String mediaType) {
    String kind;
    if (OCI_MANIFEST.equals(mediaType)) {
      kind = "an OCI image manifest";
    } else if (OCI_INDEX.equals(mediaType)) {
      kind = "an OCI image index";
    } else if (DOCKER_MANIFEST_LIST.equals(mediaType)) {
      kind = "a Docker manifest list (a multi-platform image)";
    } else {
      kind = "an image with manifest media type";
    }
    return kind + " (" + mediaType + ")";
  }

  /** What to do about it. */
  static String advice(String mediaType) {
    if (DOCKER_MANIFEST_LIST.equals(mediaType)) {
      return "sagemaker-gitops refuses multi-platform images (SageMaker does not document which platform it would "
          + "run): build a single platform (--platform linux/amd64, or linux/arm64 for Graviton instance types) and "
          + BUILD_ADVICE + ", or pin the digest of the platform's own image (docker buildx imagetools inspect shows it)";
    }
    return "SageMaker refuses it (\"Unsupported manifest media type\"): " + BUILD_ADVICE;
  }
}
