package dev.sagemakergitops.liveaws.story;

import dev.sagemakergitops.liveaws.Cleanup;
import dev.sagemakergitops.liveaws.ProbeTarget;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Deletes what the story's operations created, whose names the operations chose (a hash of the
 * resolved spec): the endpoint first, then every endpoint configuration and model named after the
 * story's manifest, found by name (the name carries the run's id, so nothing else matches); and the
 * model package group with its versions. Each deletion is tried; what AWS refused (other than not
 * finding it) is reported at the end, so the run can say what is left.
 */
final class StoryResources {
  private StoryResources() {}

  static void deleteServing(ProbeTarget target, String name) {
    SageMakerClient sageMaker = target.sageMaker();
    List<String> refused = new ArrayList<>();
    attempt(refused, "endpoint " + name, () -> sageMaker.deleteEndpoint(r -> r.endpointName(name)));
    sageMaker.listEndpointConfigsPaginator(r -> r.nameContains(name + "-")).endpointConfigs().forEach(c ->
        attempt(refused, "endpoint configuration " + c.endpointConfigName(),
            () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(c.endpointConfigName()))));
    sageMaker.listModelsPaginator(r -> r.nameContains(name + "-")).models().forEach(m ->
        attempt(refused, "model " + m.modelName(), () -> sageMaker.deleteModel(r -> r.modelName(m.modelName()))));
    if (!refused.isEmpty()) {
      throw new IllegalStateException("not deleted: " + String.join("; ", refused));
    }
  }

  static void deleteGroup(ProbeTarget target, String group) {
    SageMakerClient sageMaker = target.sageMaker();
    List<String> refused = new ArrayList<>();
    sageMaker.listModelPackagesPaginator(r -> r.modelPackageGroupName(group)).modelPackageSummaryList().forEach(v ->
        attempt(refused, "model package " + v.modelPackageArn(),
            () -> sageMaker.deleteModelPackage(r -> r.modelPackageName(v.modelPackageArn()))));
    if (!refused.isEmpty()) {
      throw new IllegalStateException("not deleted: " + String.join("; ", refused));
    }
    sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName(group));
  }

  /** Deletes every object under {@code prefix} in {@code bucket} (the transform's output). */
  static void deleteObjects(ProbeTarget target, String bucket, String prefix) {
    List<String> refused = new ArrayList<>();
    target.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(o ->
        attempt(refused, "s3://" + bucket + "/" + o.key(), () -> target.s3().deleteObject(r -> r.bucket(bucket)
            .key(o.key()))));
    if (!refused.isEmpty()) {
      throw new IllegalStateException("not deleted: " + String.join("; ", refused));
    }
  }

  private static void attempt(List<String> refused, String what, Runnable delete) {
    try {
      delete.run();
    } catch (AwsServiceException e) {
      if (!Cleanup.isNotFound(e)) {
        refused.add(what + ": " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
      }
    }
  }
}
