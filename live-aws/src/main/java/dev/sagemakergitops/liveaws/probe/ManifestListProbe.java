package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * What ECR and SageMaker do with a Docker manifest list (a multi-platform image), the format the
 * project refuses before any mutating call (docs/manifest.md, "a Docker manifest list ... This is a
 * choice, not a SageMaker rule we could source"):
 *
 * <ul>
 *   <li>ECR's PutImage of the list before the image it names (documented refusal:
 *       {@code ReferencedImagesNotFoundException}, "The manifest list is referencing an image that
 *       does not exist"; its text is not) and after it;
 *   <li>DescribeImages of the list and of its linux/amd64 image: media types, tags, sizes (a list's
 *       size is documented as "the max size of all manifests in the list"; the values are not, and
 *       neither is a list's {@code artifactMediaType});
 *   <li>CreateModel naming the list by digest and by tag, and what DescribeModel then shows as the
 *       container's image (undocumented: whether SageMaker accepts a list, and which digest it keeps).
 * </ul>
 *
 * Whether {@code DeployedImages.ResolvedImage} names the list or its platform image needs an
 * endpoint serving a multi-platform image the run owns, which these unrunnable images cannot be:
 * see docs/live-aws.md. Free: models cost nothing and the images are a few hundred bytes.
 */
public final class ManifestListProbe implements Probe {
  @Override
  public String id() {
    return "manifest-list";
  }

  @Override
  public String question() {
    return "What do ECR's PutImage and DescribeImages answer for a Docker manifest list, and does CreateModel accept it?";
  }

  @Override
  public Cost cost() {
    return Cost.NONE;
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var ecr = run.target().ecr();
    ProbeImages images = new ProbeImages();
    String repository = run.ledger().name("multiarch");
    String uri = images.createRepository(run, repository);
    String list = images.dockerManifestList();
    String listDigest = ProbeImages.digest(list.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Observation> observations = new ArrayList<>();

    Map<String, Object> put = new LinkedHashMap<>();
    put.put("repositoryName", repository);
    put.put("imageTag", "multiarch");
    put.put("imageManifestMediaType", ProbeImages.DOCKER_MANIFEST_LIST);
    observations.add(run.observe("PutImage of the manifest list before its image", put,
        () -> ecr.putImage(r -> r.repositoryName(repository).imageTag("multiarch").imageManifest(list)
            .imageManifestMediaType(ProbeImages.DOCKER_MANIFEST_LIST)),
        answer -> Map.of("imageDigest", answer.image().imageId().imageDigest())));

    ProbeImages.Pushed platform = ProbeImages.put(run, repository, uri, "amd64", ProbeImages.DOCKER_MANIFEST,
        images.dockerManifest());
    observations.add(run.observe("PutImage of the manifest list after its image", put,
        () -> ecr.putImage(r -> r.repositoryName(repository).imageTag("multiarch").imageManifest(list)
            .imageManifestMediaType(ProbeImages.DOCKER_MANIFEST_LIST)),
        answer -> Map.of("imageDigest", answer.image().imageId().imageDigest(),
            "imageManifestMediaType", String.valueOf(answer.image().imageManifestMediaType()))));

    observations.add(describe(run, "DescribeImages of the manifest list", repository, listDigest));
    observations.add(describe(run, "DescribeImages of its linux/amd64 image", repository, platform.digest()));
    observations.add(createModel(run, "CreateModel naming the manifest list by digest", "list-by-digest",
        uri + "@" + listDigest));
    observations.add(createModel(run, "CreateModel naming the manifest list by tag", "list-by-tag",
        uri + ":multiarch"));
    return observations;
  }

  private static Observation describe(ProbeRun run, String name, String repository, String digest) {
    return run.observe(name, Map.of("repositoryName", repository, "imageDigest", digest),
        () -> run.target().ecr().describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageDigest(digest)))
            .imageDetails().get(0),
        ManifestListProbe::detail);
  }

  private static Map<String, Object> detail(ImageDetail image) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("imageManifestMediaType", String.valueOf(image.imageManifestMediaType()));
    fields.put("artifactMediaType", String.valueOf(image.artifactMediaType()));
    fields.put("imageTags", image.imageTags());
    fields.put("imageSizeInBytes", image.imageSizeInBytes());
    return fields;
  }

  /**
   * CreateModel naming {@code image} and, when it is accepted, DescribeModel: which image reference
   * SageMaker keeps for the model (the list's, or its platform image's).
   */
  private static Observation createModel(ProbeRun run, String name, String suffix, String image) {
    var sageMaker = run.target().sageMaker();
    String model = run.ledger().name(suffix);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("ModelName", model);
    request.put("Image", image);
    return run.observe(name, request, () -> {
      sageMaker.createModel(r -> r.modelName(model).executionRoleArn(run.target().executionRoleArn())
          .primaryContainer(c -> c.image(image)).tags(run.tag()));
      run.ledger().created("model", model, () -> sageMaker.deleteModel(r -> r.modelName(model)));
      return run.whenVisible(() -> sageMaker.describeModel(r -> r.modelName(model)));
    }, described -> Map.of("ModelArn", described.modelArn(), "PrimaryContainer.Image",
        described.primaryContainer().image()));
  }
}
