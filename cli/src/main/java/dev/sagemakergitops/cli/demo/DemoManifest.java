package dev.sagemakergitops.cli.demo;

/**
 * The demo's model manifest: the churn model in production, with every section the five
 * operations read. {@code package}, the training data's date and the tree depth are what the story
 * changes.
 */
final class DemoManifest {
  static final String PATH = "models/churn/prod.yaml";
  static final String ENDPOINT = "churn-prod";
  static final String ALARM = "churn-prod-5xx";
  static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

  private DemoManifest() {}

  static String text(String modelPackage, String dataDate, int maxDepth) {
    return """
        # The churn model in production. CI trains and registers it; a pull request bumps
        # spec.model.package; merging deploys it with a canary; reverting a commit rolls back.
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
          labels: {team: growth}
        spec:
          region: us-east-1
          image: %1$s/churn-xgb:1.4.2      # resolved to a digest in ECR

          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            instanceCount: 1
            maxRuntime: 2h
            inputs:
              train: s3://ml-data/churn/train/%3$s/
              validation: {s3Uri: s3://ml-data/churn/validation/%3$s/, contentType: text/csv}
            outputS3Uri: s3://ml-artifacts/churn/
            hyperparameters: {max_depth: %4$d, eta: 0.2, objective: "binary:logistic"}

          registry:
            group: churn
            approval: Approved
            metrics: s3://ml-artifacts/churn/eval/evaluation.json

          model:
            package: %2$s                 # the line a pull request bumps
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution

          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            autoscaling: {minCapacity: 2, maxCapacity: 4, maxRps: 40, safetyFactor: 0.5}
            deployment:
              strategy: canary
              canarySize: 50%%
              bake: 10m
              terminationWait: 5m
              timeout: 2h
              rollbackAlarms: [churn-prod-5xx]

          shadowTest:
            samplingPercent: 50
            duration: 1h
            compare: {maxLatencyIncreasePercent: 10, maxErrorRatePercent: 1}
            onPass: remove

          batchTransforms:
            nightly-scoring:
              input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv, splitType: Line}
              output: {s3Uri: s3://ml-predictions/churn/, accept: text/csv, assembleWith: Line}
              instanceType: ml.m5.xlarge
              instanceCount: 1
              inputFilter: "$[1:]"
              joinSource: Input
              outputFilter: "$[0,-1]"
        """.formatted(REGISTRY, modelPackage, dataDate, maxDepth);
  }
}
