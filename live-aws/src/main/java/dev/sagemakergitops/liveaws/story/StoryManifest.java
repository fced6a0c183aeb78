package dev.sagemakergitops.liveaws.story;

import java.util.Map;
import org.apache.commons.text.StringSubstitutor;

/**
 * The story's model manifest at the smallest size the operations accept on AWS: one
 * {@code ml.t2.medium} (the cheapest hosting type in botocore's {@code ProductionVariantInstanceType}),
 * an all-at-once blue/green update baking 5 minutes (as long as the rollback alarm's period, so the
 * pre-flight does not warn that the alarm needs longer than the bake), and the tightest deployment
 * timeout the loader accepts with room for one launch, and one batch transform on one
 * {@code ml.m5.large}. The run's tag is a label, so every resource
 * the operations create carries it ({@code metadata.labels} become tags on every resource).
 * Only {@code spec.model.package} changes from commit to commit, as in a pull request that bumps it.
 */
final class StoryManifest {
  static final String PATH = "models/story/prod.yaml";
  static final String INSTANCE_TYPE = "ml.t2.medium";
  static final int BAKE_MINUTES = 5;
  /** The cheapest type in botocore's {@code TransformInstanceType} ({@code ml.t2} and {@code ml.c5.large} are hosting-only). */
  static final String TRANSFORM_INSTANCE_TYPE = "ml.m5.large";
  static final String TRANSFORM = "score";

  /**
   * What the manifest names besides its own names: the region and the serving image, the execution
   * role, the rollback alarm, and the batch transform's input (an S3 prefix), its content type and
   * its output.
   */
  record Settings(String region, String image, String role, String alarm, String transformInput,
      String transformContentType, String transformOutput) {}

  private StoryManifest() {}

  /**
   * @param name the manifest, endpoint and model package group name (the run's prefix and {@code story})
   * @param runTag the run tag's key and value
   * @param version the model package version {@code spec.model.package} names
   */
  static String text(String name, String[] runTag, Settings settings, int version) {
    // A named template rather than String.format: the YAML is easier to read, and its line ends stay \n.
    Map<String, Object> values = Map.ofEntries(Map.entry("name", name), Map.entry("tagKey", runTag[0]),
        Map.entry("tagValue", runTag[1]), Map.entry("region", settings.region()), Map.entry("image", settings.image()),
        Map.entry("role", settings.role()), Map.entry("version", version), Map.entry("alarm", settings.alarm()),
        Map.entry("instanceType", INSTANCE_TYPE), Map.entry("bakeMinutes", BAKE_MINUTES),
        Map.entry("transform", TRANSFORM), Map.entry("transformInput", settings.transformInput()),
        Map.entry("transformContentType", settings.transformContentType()),
        Map.entry("transformOutput", settings.transformOutput()),
        Map.entry("transformInstanceType", TRANSFORM_INSTANCE_TYPE));
    return new StringSubstitutor(values).replace("""
        # The live AWS suite's operations story: registered, deployed, bumped, rolled back and reverted
        # by sagemaker-gitops itself on a real account (docs/live-aws.md).
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: ${name}
          labels: {${tagKey}: "${tagValue}"}
        spec:
          region: ${region}
          image: ${image}
          registry:
            group: ${name}
            approval: Approved
          model:
            package: ${name}/${version}
            executionRoleArn: ${role}
          endpoint:
            name: ${name}
            variants:
              - {name: AllTraffic, instanceType: ${instanceType}, instanceCount: 1}
            deployment:
              strategy: allAtOnce
              bake: ${bakeMinutes}m
              timeout: 30m
              rollbackAlarms: [${alarm}]
          batchTransforms:
            ${transform}:
              input: {s3Uri: ${transformInput}, contentType: ${transformContentType}}
              output: {s3Uri: ${transformOutput}}
              instanceType: ${transformInstanceType}
              instanceCount: 1
        """);
  }
}
