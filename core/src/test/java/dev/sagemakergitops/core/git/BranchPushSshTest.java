package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing over SSH with JGit's Apache MINA sshd transport to a real SSH server on loopback
 * ({@link LoopbackSshGitServer}, git's own receive-pack behind it), with a key made by
 * {@code ssh-keygen} and host keys checked against {@code known_hosts}.
 */
@IntegrationPhase
class BranchPushSshTest {
  private static final String MANIFEST = "models/churn/prod.yaml";
  private static final String BRANCH = "bump/churn-prod";

  @TempDir Path dir;
  @TempDir Path served;
  @TempDir Path home;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private Path sshDirectory;
  private LoopbackSshGitServer server;
  private Path bare;

  @BeforeEach
  void start() throws Exception {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file(MANIFEST, SampleManifests.churn(7)).commit("Add churn");
    }
    sshDirectory = Files.createDirectories(home.resolve(".ssh"));
    keygen(sshDirectory.resolve("id_ed25519"), "ed25519");
    server = LoopbackSshGitServer.start(served, sshDirectory.resolve("id_ed25519.pub"));
    bare = Files.createDirectories(served.resolve("models.git"));
    GitCli.run(bare, "init", "--bare", "--quiet");
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void push_overSshWithTheKeysOfHomeAndAKnownHost_pushesTheBranch() throws IOException {
    Files.writeString(sshDirectory.resolve("known_hosts"), server.knownHostsLine() + "\n");
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare));
      GitCredentials credentials = PushCredentials.choose(remote, null, Map.of("HOME", home.toString()), () -> null,
          Clock.systemUTC());

      PushOutcome outcome = git.push(BRANCH, remote, credentials);

      assertThat(credentials).isEqualTo(new GitCredentials.SshKeys(sshDirectory, null));
      assertThat(outcome.action()).isEqualTo(PushOutcome.Action.CREATED);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
    }
  }

  @Test
  void push_withAnExplicitKeyFile_usesThatKey() throws IOException {
    Files.writeString(sshDirectory.resolve("known_hosts"), server.knownHostsLine() + "\n");
    Path deployKey = Files.createDirectories(home.resolve("keys")).resolve("deploy");
    Files.move(sshDirectory.resolve("id_ed25519"), deployKey);
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare));

      git.push(BRANCH, remote, PushCredentials.choose(remote, null,
          Map.of("HOME", home.toString(), PushCredentials.SSH_KEY_VARIABLE, deployKey.toString()), () -> null,
          Clock.systemUTC()));

      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
    }
  }

  @Test
  void push_withAPrivateKeyHeldInMemoryAndItsUser_pushesAsThatUserWithNoKeyFile() throws Exception {
    Files.writeString(sshDirectory.resolve("known_hosts"), server.knownHostsLine() + "\n");
    String key = Files.readString(sshDirectory.resolve("id_ed25519"));
    Files.delete(sshDirectory.resolve("id_ed25519"));
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare).replace("git@", ""));

      PushOutcome outcome = git.push(BRANCH, remote, new GitCredentials.SshPrivateKey("jenkins-deploy",
          java.util.List.of(key), null, sshDirectory, "Jenkins credentials 'deploy-key'"));

      assertThat(outcome.action()).isEqualTo(PushOutcome.Action.CREATED);
      assertThat(server.authenticatedUsers()).containsOnly("jenkins-deploy");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
    }
  }

  @Test
  void push_withAnEncryptedPrivateKeyInMemory_decryptsItWithThePassphraseAndKeepsTheUrlsUser() throws Exception {
    Files.writeString(sshDirectory.resolve("known_hosts"), server.knownHostsLine() + "\n");
    sshKeygen("-q", "-p", "-P", "", "-N", "open sesame", "-f", sshDirectory.resolve("id_ed25519").toString());
    String key = Files.readString(sshDirectory.resolve("id_ed25519"));
    Files.delete(sshDirectory.resolve("id_ed25519"));
    try (GitRepository git = GitRepository.open(dir, clock)) {
      CommitResult bump = git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare));

      git.push(BRANCH, remote, new GitCredentials.SshPrivateKey("jenkins-deploy", java.util.List.of(key),
          "open sesame", sshDirectory, "Jenkins credentials 'deploy-key'"));

      assertThat(server.authenticatedUsers()).containsOnly("git");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump.commitId());
    }
  }

  @Test
  void push_withAPrivateKeyThatIsNotOne_refusesWithoutQuotingItAndPushesNothing() {
    try (GitRepository git = GitRepository.open(dir, clock)) {
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare));
      GitCredentials notAKey = new GitCredentials.SshPrivateKey(null, java.util.List.of("ghp_notAKeyButAToken0123"),
          null, sshDirectory, "Jenkins credentials 'deploy-key'");

      assertThatThrownBy(() -> git.push(BRANCH, remote, notAKey))
          .hasMessageContaining("Jenkins credentials 'deploy-key'").hasMessageNotContaining("ghp_notAKeyButAToken0123");
      assertThat(notAKey.toString()).doesNotContain("ghp_notAKeyButAToken0123");
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "branch", "--list")).isEmpty();
    }
  }

  @Test
  void push_whenTheHostKeyIsUnknown_refusesAndPushesNothing() throws IOException {
    Files.writeString(sshDirectory.resolve("known_hosts"), "");
    try (GitRepository git = GitRepository.open(dir, clock)) {
      git.bumpPackageVersion(BRANCH, "HEAD", MANIFEST, "churn/8", null, null);
      GitRemote remote = git.remote(server.url(bare));

      assertThatThrownBy(() -> git.push(BRANCH, remote, new GitCredentials.SshKeys(sshDirectory, null)))
          .isInstanceOf(BranchPushException.class)
          .hasMessageContaining(remote.display());
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "branch", "--list")).isEmpty();
    }
  }

  private static void keygen(Path key, String type) throws Exception {
    sshKeygen("-q", "-t", type, "-N", "", "-C", "ci@example.com", "-f", key.toString());
  }

  private static void sshKeygen(String... arguments) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ssh-keygen"));
    command.addAll(java.util.List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
