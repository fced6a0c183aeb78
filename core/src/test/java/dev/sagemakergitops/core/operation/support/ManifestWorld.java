package dev.sagemakergitops.core.operation.support;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;

/**
 * A fresh {@link LocalAws} and a real Git repository of manifests beside it: what an operation test
 * starts from. Manifests are committed with {@link GitRepositoryBuilder} and resolved the way a
 * pipeline resolves them ({@link ManifestResolver}: read at a commit, images pinned through the
 * local ECR).
 */
public final class ManifestWorld implements AutoCloseable {
  private final LocalAws aws;
  private final GitRepositoryBuilder repository;
  private final Path directory;

  private ManifestWorld(LocalAws aws, GitRepositoryBuilder repository, Path directory) {
    this.aws = aws;
    this.repository = repository;
    this.directory = directory;
  }

  /** A new local AWS and an empty repository (branch {@code main}) in {@code directory}. */
  public static ManifestWorld create(Path directory) {
    return new ManifestWorld(LocalAws.start(), GitRepositoryBuilder.init(directory), directory);
  }

  public LocalAws aws() {
    return aws;
  }

  /** The repository's work tree. */
  public Path repository() {
    return directory;
  }

  /** Writes {@code text} to {@code path} and commits it on the current branch; returns the commit id. */
  public String commit(String path, String text, String message) {
    return repository.file(path, text).commit(message);
  }

  /** The manifest at {@code path} in {@code ref}, with its images pinned by the local ECR. */
  public ResolvedManifest resolve(String ref, String path) {
    AwsClients clients = aws.clients();
    try (GitRepository git = GitRepository.open(directory)) {
      return new ManifestResolver(aws.pinner(clients)).resolveOne(git, ref, path);
    }
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      aws.close();
    }
  }
}
