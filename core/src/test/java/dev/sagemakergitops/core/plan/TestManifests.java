package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.testkit.ManifestText;

/** Manifest texts for plan and validate tests: a realistic churn manifest with the parts tests vary. */
public final class TestManifests {
  private TestManifests() {}

  public static final String IMAGE_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

  public static String churn(String name, String modelPackage, String imageTag, String variantName, String instanceType) {
    return ManifestText.deployment(name).comment("Churn model for " + name + "; the package line is what pull requests bump.")
        .region("us-east-1").image(IMAGE_HOST + "/churn-xgb:" + imageTag)
        .spec("""
          model:
            package: %2$s   # bumped by CI
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: %1$s
            variants:
              - {name: %4$s, instanceType: %5$s, instanceCount: 2}
            autoscaling: {minCapacity: 2, maxCapacity: 4, maxRps: 20}
            deployment:
              strategy: canary
              canarySize: 50%%
              bake: 10m
              terminationWait: 5m
              timeout: 2h
              rollbackAlarms: [%1$s-5xx]
          batchTransforms:
            nightly:
              input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv, splitType: Line}
              output: {s3Uri: s3://ml-predictions/churn/, accept: text/csv, assembleWith: Line}
              instanceType: ml.m5.xlarge
        """.formatted(name, modelPackage, imageTag, variantName, instanceType, IMAGE_HOST))
        .text();
  }

  public static String churn(String name, String modelPackage) {
    return churn(name, modelPackage, "1.4.2", "AllTraffic", "ml.m5.large");
  }
}
