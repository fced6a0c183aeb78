package dev.sagemakergitops.liveaws.story;

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
    return """
        # The live AWS suite's operations story: registered, deployed, bumped, rolled back and reverted
        # by sagemaker-gitops itself on a real account (docs/live-aws.md).
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: %1$s
          labels: {%2$s: "%3$s"}
        spec:
          region: %4$s
          image: %5$s
          registry:
            group: %1$s
            approval: Approved
          model:
            package: %1$s/%7$d
            executionRoleArn: %6$s
          endpoint:
            name: %1$s
            variants:
              - {name: AllTraffic, instanceType: %9$s, instanceCount: 1}
            deployment:
              strategy: allAtOnce
              bake: %10$dm
              timeout: 30m
              rollbackAlarms: [%8$s]
          batchTransforms:
            %11$s:
              input: {s3Uri: %12$s, contentType: %13$s}
              output: {s3Uri: %14$s}
              instanceType: %15$s
              instanceCount: 1
        """.formatted(name, runTag[0], runTag[1], settings.region(), settings.image(), settings.role(), version,
        settings.alarm(), INSTANCE_TYPE, BAKE_MINUTES, TRANSFORM, settings.transformInput(),
        settings.transformContentType(), settings.transformOutput(), TRANSFORM_INSTANCE_TYPE);
  }
}
