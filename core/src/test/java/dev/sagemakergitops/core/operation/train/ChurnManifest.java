package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.testkit.ManifestText;

/**
 * The churn model of the manifest reference, trimmed to what training and registration read, and
 * the local AWS it needs: its image in ECR, its training data and its evaluation report in S3.
 */
public final class ChurnManifest {
  public static final String PATH = "models/churn/prod.yaml";
  public static final String NAME = "churn-prod";
  public static final String GROUP = "churn";
  public static final String EVALUATION = "s3://ml-artifacts/churn/eval/evaluation.json";
  public static final String EVALUATION_JSON = "{\"metrics\": {\"auc\": {\"value\": 0.91}}}\n";

  private ChurnManifest() {}

  /** The manifest, with {@code eta} as the hyperparameter tests vary and {@code note} as a comment they vary. */
  public static String text(String eta, String note) {
    return ManifestText.deployment(NAME).comment("Churn model, production. " + note).region("us-east-1")
        .image(LocalAws.REGISTRY + "/churn-xgb:1.4.2   # resolved to a digest")
        .spec("""
          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            instanceCount: 1
            maxRuntime: 2h
            inputs:
              train: s3://ml-data/churn/train/
              validation: {s3Uri: s3://ml-data/churn/validation/, contentType: text/csv}
            outputS3Uri: s3://ml-artifacts/churn/
            hyperparameters: {max_depth: 6, eta: %1$s, objective: "binary:logistic"}
          registry:
            group: %2$s
            approval: Approved
            metrics: %3$s
          model:
            package: %2$s/1   # the line a pull request bumps
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        """.formatted(eta, GROUP, EVALUATION))
        .text();
  }

  public static String text() {
    return text("0.2", "Owned by the growth team.");
  }

  /** Publishes the image and puts the training data and the evaluation report. */
  public static void prepare(LocalAws aws) {
    aws.publishImage("churn-xgb", "1.4.2");
    aws.putObject("ml-data", "churn/train/part-0.csv", "1,0.4,3\n0,0.1,7\n", "text/csv");
    aws.putObject("ml-data", "churn/validation/part-0.csv", "1,0.5,2\n", "text/csv");
    aws.putObject("ml-artifacts", "churn/eval/evaluation.json", EVALUATION_JSON, "application/json");
  }
}
