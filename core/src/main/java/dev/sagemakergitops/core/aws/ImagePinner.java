package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.manifest.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Turns ECR image tags into digests, and checks that pinned digests still exist, with as few
 * {@code DescribeImages} calls as ECR allows.
 *
 * <p><b>Batching.</b> References are grouped by (registry, region, repository); each group is asked
 * for in ONE {@code DescribeImages} call carrying up to 100 image ids (ECR's limit), tags and digests
 * mixed, through the SDK's paginator. The call goes to an ECR client in the repository's own region
 * and names the registry (account) of the reference, so images in other regions or in a shared
 * registry of another account resolve too.
 *
 * <p><b>Missing images.</b> {@code DescribeImages} does not report a missing id next to the found
 * ones: it fails the whole call with {@code ImageNotFoundException}. The pinner then bisects: it asks
 * for each half of the failed batch separately, and again for each half that fails, until every
 * missing id stands alone. A batch of {@code n} ids with {@code k} missing thus costs at most
 * {@code 1 + 2k⌈log2 n⌉} calls (one missing tag among 100: 15 calls; one among 3: 5 calls), and a
 * batch with nothing missing stays at one call. Bisection was chosen over the alternatives because it
 * needs no permission beyond {@code ecr:DescribeImages}: {@code BatchGetImage} would report failures
 * per id in one call but needs pull permission and downloads manifests, {@code ListImages} would list
 * the whole repository, and the id in the exception's text is not a documented format.
 *
 * <p><b>Media types.</b> An image whose {@code imageManifestMediaType} SageMaker does not run (an OCI
 * image manifest or index) or that this tool refuses (a Docker manifest list) resolves to
 * {@link ImageResolution.UnsupportedMediaType}, so validate, plan and every operation's begin refuse it
 * before the first mutating call; see {@link ImageMediaTypes}.
 *
 * <p><b>Archived images.</b> Without an {@code imageStatus} filter ECR describes only {@code ACTIVE}
 * images, so an archived image counts as not found: SageMaker could not pull it either.
 *
 * <p>Every outcome is a value in the result map; nothing is thrown for a missing or unreadable image.
 * Read-only: only {@code ecr:DescribeImages} is called.
 */
public final class ImagePinner {

  /** ECR's maximum of {@code imageIds} in one {@code DescribeImages} request. */
  static final int MAX_IDS_PER_CALL = 100;

  private final Function<String, EcrClient> ecrByRegion;

  /**
   * @param ecrByRegion an ECR client for a region name, for example {@code clients::ecr} of {@link AwsClients}
   */
  public ImagePinner(Function<String, EcrClient> ecrByRegion) {
    this.ecrByRegion = ecrByRegion;
  }

  /** A pinner that takes its regional ECR clients from {@code clients}. */
  public static ImagePinner using(AwsClients clients) {
    return new ImagePinner(clients::ecr);
  }

  /**
   * Resolves every reference: a tag to the digest it names now, a digest to itself once ECR confirms
   * it exists.
   *
   * @return one entry per distinct reference, in the order given
   */
  public Map<ImageReference, ImageResolution> resolve(Collection<ImageReference> references) {
    Map<RepositoryKey, List<ImageReference>> byRepository = new LinkedHashMap<>();
    for (ImageReference reference : new LinkedHashSet<>(references)) {
      byRepository.computeIfAbsent(RepositoryKey.of(reference), key -> new ArrayList<>()).add(reference);
    }
    Map<ImageReference, ImageResolution> found = new HashMap<>();
    byRepository.forEach((repository, group) -> {
      EcrClient ecr = ecrByRegion.apply(repository.region());
      for (int from = 0; from < group.size(); from += MAX_IDS_PER_CALL) {
        List<ImageReference> batch = group.subList(from, Math.min(group.size(), from + MAX_IDS_PER_CALL));
        resolveBatch(ecr, repository, batch, found);
      }
    });
    Map<ImageReference, ImageResolution> ordered = new LinkedHashMap<>();
    for (ImageReference reference : new LinkedHashSet<>(references)) {
      ordered.put(reference, found.get(reference));
    }
    return ordered;
  }

  /** Resolves one reference; a convenience over {@link #resolve(Collection)}. */
  public ImageResolution resolve(ImageReference reference) {
    return resolve(List.of(reference)).get(reference);
  }

  private void resolveBatch(
      EcrClient ecr, RepositoryKey repository, List<ImageReference> batch, Map<ImageReference, ImageResolution> out) {
    try {
      out.putAll(describe(ecr, repository, batch));
    } catch (RepositoryNotFoundException e) {
      batch.forEach(reference -> out.put(reference, new ImageResolution.RepositoryNotFound(reference)));
    } catch (ImageNotFoundException e) {
      if (batch.size() == 1) {
        out.put(batch.get(0), new ImageResolution.ImageNotFound(batch.get(0)));
        return;
      }
      // Bisect: the exception does not say which id is missing (see the class comment).
      int half = batch.size() / 2;
      resolveBatch(ecr, repository, batch.subList(0, half), out);
      resolveBatch(ecr, repository, batch.subList(half, batch.size()), out);
    } catch (AwsServiceException e) {
      batch.forEach(reference -> out.put(reference, AwsFailures.isAccessDenied(e)
          ? new ImageResolution.AccessDenied(reference, AwsFailures.serviceMessage(e))
          : new ImageResolution.AwsError(reference, AwsFailures.errorCode(e), AwsFailures.serviceMessage(e))));
    } catch (SdkClientException e) {
      // No answer from AWS at all: no network, no credentials, a bad endpoint. The SDK's text says which.
      batch.forEach(reference -> out.put(reference,
          new ImageResolution.AwsError(reference, e.getClass().getSimpleName(), AwsFailures.clientMessage(e))));
    }
  }

  private static Map<ImageReference, ImageResolution> describe(
      EcrClient ecr, RepositoryKey repository, List<ImageReference> batch) {
    Set<ImageIdentifier> ids = new LinkedHashSet<>();
    for (ImageReference reference : batch) {
      ids.add(reference.isPinned()
          ? ImageIdentifier.builder().imageDigest(reference.digest()).build()
          : ImageIdentifier.builder().imageTag(reference.tag()).build());
    }
    DescribeImagesRequest request = DescribeImagesRequest.builder()
        .registryId(repository.registryId())
        .repositoryName(repository.repository())
        .imageIds(ids)
        .build();
    Map<String, ImageDetail> byTag = new HashMap<>();
    Map<String, ImageDetail> byDigest = new HashMap<>();
    for (DescribeImagesResponse page : ecr.describeImagesPaginator(request)) {
      for (ImageDetail detail : page.imageDetails()) {
        byDigest.put(detail.imageDigest(), detail);
        detail.imageTags().forEach(tag -> byTag.put(tag, detail));
      }
    }
    Map<ImageReference, ImageResolution> resolved = new HashMap<>();
    for (ImageReference reference : batch) {
      ImageDetail detail = reference.isPinned() ? byDigest.get(reference.digest()) : byTag.get(reference.tag());
      resolved.put(reference, resolution(reference, detail));
    }
    return resolved;
  }

  private static ImageResolution resolution(ImageReference reference, ImageDetail detail) {
    if (detail == null) {
      // ECR answers a request it cannot satisfy with an exception; an absent detail is defensive.
      return new ImageResolution.ImageNotFound(reference);
    }
    String mediaType = detail.imageManifestMediaType();
    if (!ImageMediaTypes.runsOnSageMaker(mediaType)) {
      return new ImageResolution.UnsupportedMediaType(reference, detail.imageDigest(), mediaType);
    }
    return new ImageResolution.Resolved(reference, detail.imageDigest(), detail.imagePushedAt(), mediaType);
  }

  /** The unit of one {@code DescribeImages} call. */
  private record RepositoryKey(String registryId, String region, String repository) {
    static RepositoryKey of(ImageReference reference) {
      return new RepositoryKey(reference.registryId(), reference.region(), reference.repository());
    }
  }
}
