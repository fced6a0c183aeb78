package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What the adapter's tests run against: the local control plane on virtual time with the churn
 * model's training image and data, and a Git repository with its manifest, as a Jenkins build would
 * have them after the checkout.
 */
final class LocalSetup implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String MANIFEST = "models/churn/prod.yaml";
  static final String ACCESS_KEY = "AKIAJENKINSBUILDKEY1";
  static final String SECRET_KEY = "jenkinsBuildSecret/K7MDENG/bPxRfiCYEXAMPLE";

  static final String TRAINING_MANIFEST = """
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata:
        name: churn-prod
      spec:
        region: us-east-1
        image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
        training:
          roleArn: arn:aws:iam::123456789012:role/sm-training
          instanceType: ml.m5.xlarge
          instanceCount: 1
          volumeSizeGb: 30
          maxRuntime: 2h
          inputs:
            train: s3://ml-data/churn/train/
          outputS3Uri: s3://ml-artifacts/churn/
      """;

  final LocalControlPlane local;
  final GitRepositoryBuilder git;
  final String commit;

  LocalSetup(Path repository) {
    local = LocalControlPlane.builder().clock(SimulationClock.virtual(Instant.parse("2026-11-02T09:00:00Z"))).seed(42)
        .standardServices().start();
    local.service(EcrService.class).publish(REGION, "churn-xgb", "1.4.2");
    local.service(S3Service.class).put("ml-data", "churn/train/part-0.csv", "1,0.5\n".getBytes(StandardCharsets.UTF_8),
        "text/csv");
    git = GitRepositoryBuilder.init(repository);
    commit = git.file(MANIFEST, TRAINING_MANIFEST).commit("Train churn");
  }

  /** The build's environment as withCredentials([aws(...)]) leaves it, with the checked-out commit. */
  Map<String, String> buildEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "GIT_COMMIT", commit,
        "BUILD_URL", "https://jenkins.example.com/job/models/42/", "BUILD_TAG", "jenkins-models-42");
  }

  /** Points {@code step} at the local control plane and the repository. */
  <T extends AwsStep> T configure(T step) {
    step.setRepository(git.directory().toString());
    step.setRegion(REGION);
    step.setEndpointUrl(local.endpoint().toString());
    return step;
  }

  /** A client to look at what the steps did. */
  SageMakerClient sageMaker() {
    return SageMakerClient.builder().region(Region.of(REGION)).endpointOverride(local.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Override
  public void close() {
    git.close();
    local.close();
  }
}
