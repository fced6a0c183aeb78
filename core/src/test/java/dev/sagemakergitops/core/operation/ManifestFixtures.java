package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.ManifestText;
import java.nio.file.Path;

/** Manifests for operation tests against {@link LocalAws}, committed to real Git repositories. */
public final class ManifestFixtures {
  public static final String PATH = "models/churn/prod.yaml";
  public static final String IMAGE = LocalAws.REGISTRY + "/churn-xgb:1.4.2";
  public static final String ROLE = "arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-execution";

  private ManifestFixtures() {}

  /** A manifest serving {@code modelPackage} (for example {@code churn/1}) with the image {@code image}. */
  public static String serving(String image, String modelPackage) {
    return ManifestText.deployment("churn-prod").labels("{team: growth}").region("us-east-1").image(image)
        .spec("""
              model:
                package: %s
                executionRoleArn: %s
                environment: {MODEL_THRESHOLD: "0.83", SAGEMAKER_PROGRAM: inference.py}
            """.formatted(modelPackage, ROLE))
        .text();
  }

  /** Commits {@code text} at {@link #PATH} in a repository at {@code dir} (created if new); returns the commit id. */
  public static String commit(Path dir, String text, String message) {
    try (GitRepositoryBuilder repo = dir.resolve(".git").toFile().exists() ? GitRepositoryBuilder.open(dir)
        : GitRepositoryBuilder.init(dir)) {
      repo.file(PATH, text);
      return repo.commit(message);
    }
  }

  /** The manifest at {@link #PATH} of {@code ref}, resolved against the local control plane. */
  public static ResolvedManifest resolve(LocalAws aws, AwsClients clients, Path dir, String ref) {
    try (GitRepository git = GitRepository.open(dir)) {
      return new ManifestResolver(aws.pinner(clients)).resolveOne(git, ref, PATH);
    }
  }

  /** The 1-based line of {@code text} that starts with {@code prefix}. */
  public static int lineOf(String text, String prefix) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line starts with '" + prefix + "'");
  }
}
