package dev.sagemakergitops.core.git;

import dev.sagemakergitops.testkit.ManifestText;

/** Manifest texts for the Git tests, written the way users write them (comments, flow mappings). */
final class SampleManifests {

  private SampleManifests() {}

  /** The churn-prod manifest at package {@code churn/<version>}. */
  static String churn(int version) {
    return named("churn-prod", "churn/" + version);
  }

  static String named(String name, String modelPackage) {
    return ManifestText.deployment(name).image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2")
        .spec("""
          model:
            package: %s   # the line a pull request bumps
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: %s
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
        """.formatted(modelPackage, name))
        .text();
  }

  /** A GitHub Actions workflow: YAML, but no manifest. */
  static final String CI_WORKFLOW = """
      name: ci
      on: [push]
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: mvn -B verify
      """;

  /** An AWS CodeBuild buildspec: YAML, but no manifest. */
  static final String BUILDSPEC = """
      version: 0.2
      phases:
        build:
          commands:
            - sagemaker-gitops plan --base origin/main
      """;
}
