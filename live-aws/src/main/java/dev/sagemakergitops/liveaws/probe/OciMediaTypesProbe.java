package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code CreateModel} answers for each image manifest format ECR holds: a Docker image manifest
 * (accepted), an OCI image manifest and an OCI image index (refused, "Unsupported manifest media
 * type ...": aws/amazon-sagemaker-feedback#180, mlflow/mlflow#13834), and a Docker manifest list
 * (undocumented; the local control plane refuses it, the harder reading). Free: models cost nothing
 * and the images are a few hundred bytes.
 */
public final class OciMediaTypesProbe implements Probe {
  @Override
  public String id() {
    return "oci-media-types";
  }

  @Override
  public String question() {
    return "Which image manifest media types does CreateModel refuse, with which code and text?";
  }

  @Override
  public Cost cost() {
    return Cost.NONE;
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    Map<String, ProbeImages.Pushed> images = new ProbeImages().push(run, run.ledger().name("images"));
    List<Observation> observations = new ArrayList<>();
    Map<String, String> modelNames = Map.of(ProbeImages.DOCKER_MANIFEST, "docker-manifest",
        ProbeImages.OCI_MANIFEST, "oci-manifest", ProbeImages.OCI_INDEX, "oci-index",
        ProbeImages.DOCKER_MANIFEST_LIST, "docker-manifest-list");
    Map<String, String> kinds = Map.of(ProbeImages.DOCKER_MANIFEST, "a Docker image manifest",
        ProbeImages.OCI_MANIFEST, "an OCI image manifest", ProbeImages.OCI_INDEX, "an OCI image index",
        ProbeImages.DOCKER_MANIFEST_LIST, "a Docker manifest list");
    images.forEach((mediaType, image) -> {
      String model = run.ledger().name(modelNames.get(mediaType));
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("ModelName", model);
      request.put("Image", image.reference());
      request.put("imageManifestMediaType", mediaType);
      Observation observation = run.observe("CreateModel naming " + kinds.get(mediaType), request,
          () -> run.target().sageMaker().createModel(r -> r.modelName(model)
              .executionRoleArn(run.target().executionRoleArn()).primaryContainer(c -> c.image(image.reference()))
              .tags(run.tag())),
          answer -> Map.of("ModelArn", answer.modelArn()));
      if (observation.outcome().equals(Observation.ANSWERED)) {
        run.ledger().created("model", model, () -> run.target().sageMaker().deleteModel(r -> r.modelName(model)));
      }
      observations.add(observation);
    });
    return observations;
  }
}
