package dev.sagemakergitops.core.lineage;

/** Container image references as SageMaker reports them: {@code host/repository:tag} or {@code host/repository@sha256:...}. */
final class Images {
  private Images() {}

  /** The {@code sha256:...} digest of a pinned reference, or {@code null} for a tag or no image. */
  static String digestOf(String image) {
    if (image == null) {
      return null;
    }
    int at = image.lastIndexOf('@');
    return at < 0 ? null : image.substring(at + 1);
  }

  /** True when {@code digest} and {@code other} are both known and differ. */
  static boolean differ(String digest, String other) {
    return digest != null && other != null && !digest.equals(other);
  }
}
