package dev.sagemakergitops.cli;

import dev.sagemakergitops.testkit.ManifestText;

/**
 * The churn model the command-line tests deploy: a manifest with every section, and the local AWS
 * it needs (its image in ECR, training data in S3).
 */
final class Churn {
  static final String PATH = "models/churn/prod.yaml";
  static final String NAME = "churn-prod";
  static final String ALARM = "churn-prod-5xx";

  private Churn() {}

  /** The manifest with training, registry and model sections, serving {@code package}. */
  static String training(String modelPackage) {
    return ManifestText.deployment("churn-prod").comment("Churn model, production.").region("us-east-1")
        .image(LocalWorld.REGISTRY + "/churn-xgb:1.4.2")
        .spec("""
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
        """.formatted(modelPackage))
        .text();
  }

  /**
   * The manifest serving {@code package} on endpoint churn-prod (canary with rollback alarm
   * churn-prod-5xx), with a nightly batch transform and {@code extra} lines under {@code spec}
   * (a shadow test, for example).
   */
  static String serving(String modelPackage, String extra) {
    return training(modelPackage) + """
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment: {strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [churn-prod-5xx]}
          batchTransforms:
            nightly:
              input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv, splitType: Line}
              output: {s3Uri: s3://ml-predictions/churn/, accept: text/csv, assembleWith: Line}
              instanceType: ml.m5.xlarge
              instanceCount: 1
        """ + extra;
  }

  /** {@code spec.shadowTest} lines for {@link #serving}. */
  static final String SHADOW_TEST = """
        shadowTest:
          samplingPercent: 50
          duration: 1h
          compare: {maxLatencyIncreasePercent: 10, maxErrorRatePercent: 1}
          onPass: promote
      """;

  /** Publishes the image and puts the training data and the data to score. */
  static void prepare(LocalWorld world) {
    world.publishImage("churn-xgb", "1.4.2");
    world.putObject("ml-data", "churn/train/part-0.csv", "1,0.4,3\n0,0.1,7\n");
    world.putObject("ml-data", "churn/score/part-1.csv", "0.5,1.5\n2.0,0.25\n");
  }

  /**
   * Packages churn/1 (trained and registered by the command line) and churn/2 (an artifact
   * registered by hand), and the rollback alarm {@link #ALARM}: what deploy and sync tests start from.
   */
  static void twoVersions(LocalWorld world) {
    world.createAlarm(ALARM, NAME);
    trainAndRegister(world);
    secondArtifact(world);
    registerSecond(world);
  }

  /**
   * {@link #twoVersions} with churn/2's artifact already put ({@link #secondArtifact}): everything
   * it does goes through the control plane's endpoint, so a recording of its inputs holds all of it.
   */
  static void twoVersionsOfPutArtifact(LocalWorld world) {
    world.createAlarm(ALARM, NAME);
    trainAndRegister(world);
    registerSecond(world);
  }

  /** Puts churn/2's artifact into the local S3 (directly, not through a call). */
  static void secondArtifact(LocalWorld world) {
    world.putObject("ml-artifacts", "churn/v2/model.tar.gz", "churn model weights, version 2");
  }

  private static void registerSecond(LocalWorld world) {
    CommandLineRun second = world.run("register", "--artifact", "s3://ml-artifacts/churn/v2/model.tar.gz", PATH);
    if (second.exitCode() != 0) {
      throw new IllegalStateException("register failed:\n" + second.err());
    }
    world.calls().clear();
  }

  /**
   * Trains and registers the manifest's model with the command line, as a build would, and
   * returns the package ({@code churn/1} on a fresh world).
   */
  static String trainAndRegister(LocalWorld world) {
    world.commit(PATH, training("churn/1"), "Churn: training spec");
    CommandLineRun trained = world.run("train", PATH);
    CommandLineRun registered = world.run("register", "--json", PATH);
    if (trained.exitCode() != 0 || registered.exitCode() != 0) {
      throw new IllegalStateException("train and register failed:\n" + trained.err() + registered.err());
    }
    return registered.json().at("/result/group").asText() + "/" + registered.json().at("/result/version").asInt();
  }
}
