package dev.sagemakergitops.cli;

/**
 * The churn model the command-line tests deploy: a manifest with every section, and the local AWS
 * it needs (its image in ECR, training data in S3).
 */
final class Churn {
  static final String PATH = "models/churn/prod.yaml";
  static final String NAME = "churn-prod";

  private Churn() {}

  /** The manifest with training, registry and model sections, serving {@code package}. */
  static String training(String modelPackage) {
    return """
        # Churn model, production.
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
        spec:
          region: us-east-1
          image: %s/churn-xgb:1.4.2
          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            instanceCount: 1
            maxRuntime: 2h
            inputs:
              train: s3://ml-data/churn/train/
            outputS3Uri: s3://ml-artifacts/churn/
            hyperparameters: {max_depth: 6, eta: 0.2}
          registry:
            group: churn
            approval: Approved
          model:
            package: %s   # the line a pull request bumps
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        """.formatted(LocalWorld.REGISTRY, modelPackage);
  }

  /** Publishes the image and puts the training data. */
  static void prepare(LocalWorld world) {
    world.publishImage("churn-xgb", "1.4.2");
    world.putObject("ml-data", "churn/train/part-0.csv", "1,0.4,3\n0,0.1,7\n");
  }
}
