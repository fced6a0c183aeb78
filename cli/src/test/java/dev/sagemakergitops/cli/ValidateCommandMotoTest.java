package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The command line against moto_server through {@code --endpoint-url}, as a user points it at any endpoint. */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class ValidateCommandMotoTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  @TempDir Path dir;

  private static String manifest(String repository, String tag) {
    return """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-training
        spec:
          image: 123456789012.dkr.ecr.us-west-2.amazonaws.com/%s:%s
          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            outputS3Uri: s3://ml-artifacts/churn/
        """.formatted(repository, tag);
  }

  private static String push(String repository, String tag) throws Exception {
    try (EcrClient ecr = EcrClient.builder().region(Region.US_WEST_2).endpointOverride(MOTO.endpoint())
        .credentialsProvider(DefaultCredentialsProvider.builder().build()).build()) {
      ecr.createRepository(r -> r.repositoryName(repository));
      String manifest = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "0".repeat(63) + tag.length() + "\"}}";
      String digest = "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
      return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest).imageDigest(digest)
          .imageManifestMediaType("application/vnd.docker.distribution.manifest.v2+json"))
          .image().imageId().imageDigest();
    }
  }

  @Test
  void validate_whenImageTagExistsInAnotherRegion_pinsItThroughThatRegionsRegistry() throws Exception {
    String repository = "cli-churn-" + System.nanoTime();
    String digest = push(repository, "2.0.0");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/training.yaml", manifest(repository, "2.0.0")).commit("add");
    }

    CommandLineRun run = CommandLineRun.of("validate", "--repo", dir.toString(), "--region", "us-east-1",
        "--endpoint-url", MOTO.endpoint().toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Valid: 1 manifest at ")
        .contains("pinned 123456789012.dkr.ecr.us-west-2.amazonaws.com/" + repository + ":2.0.0 -> " + digest);
  }

  @Test
  void validate_whenImageTagMissing_exitsTwoNamingFileLineAndTag() throws Exception {
    String repository = "cli-churn-" + System.nanoTime();
    push(repository, "2.0.0");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/training.yaml", manifest(repository, "2.0.1")).commit("typo in tag");
    }

    CommandLineRun run = CommandLineRun.of("validate", "--repo", dir.toString(), "--endpoint-url",
        MOTO.endpoint().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).startsWith("models/churn/training.yaml:6:10: spec.image: image tag '2.0.1' not found in ECR"
        + " repository '" + repository + "'");
  }

  @Test
  void validate_whenEndpointUrlMalformed_exitsTwo() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m.yaml", manifest("churn", "1.0.0")).commit("add");
    }

    CommandLineRun run = CommandLineRun.of("validate", "--repo", dir.toString(), "--endpoint-url", "::nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--endpoint-url");
  }
}
