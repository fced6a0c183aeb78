package dev.sagemakergitops.core.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Opens JGit transports to one remote, each set up with the same credentials: a credentials
 * provider for HTTP(S) (CodeCommit's signature made once, at the clock's time), or an Apache MINA
 * sshd session factory for SSH. Holds what it made (the SSH factory and its key cache) and closes
 * it.
 */
final class TransportSession implements AutoCloseable {
  private static final int TIMEOUT_SECONDS = 120;

  private final Repository repository;
  private final GitRemote remote;
  private final CredentialsProvider provider;
  private final SshdSessionFactory ssh;
  private final String user;
  private final List<Transport> opened = new ArrayList<>();

  TransportSession(Repository repository, GitRemote remote, GitCredentials credentials) {
    this.repository = repository;
    this.remote = remote;
    this.provider = provider(remote, credentials);
    this.ssh = credentials instanceof GitCredentials.SshKeys keys ? sshFactory(keys)
        : credentials instanceof GitCredentials.SshPrivateKey key ? sshFactory(key) : null;
    this.user = credentials instanceof GitCredentials.SshPrivateKey key ? key.user() : null;
  }

  /** A new transport to the remote; closed by the caller (or by {@link #close()}). */
  Transport transport() throws NotSupportedException, TransportException {
    URIish uri = user != null && remote.uri().getUser() == null ? remote.uri().setUser(user) : remote.uri();
    Transport transport = Transport.open(repository, uri);
    opened.add(transport);
    transport.setTimeout(TIMEOUT_SECONDS);
    if (provider != null) {
      transport.setCredentialsProvider(provider);
    }
    if (transport instanceof SshTransport sshTransport) {
      if (ssh == null) {
        throw new TransportException(remote.uri(), "an SSH remote needs SSH keys");
      }
      sshTransport.setSshSessionFactory(ssh);
    }
    return transport;
  }

  private static CredentialsProvider provider(GitRemote remote, GitCredentials credentials) {
    if (credentials instanceof GitCredentials.Password password) {
      return new UsernamePasswordCredentialsProvider(password.user(), password.password());
    }
    if (credentials instanceof GitCredentials.CodeCommitSigned signed) {
      String region = CodeCommitGitSigner.regionOf(remote.host()).orElseThrow(() -> new GitException(
          "cannot tell the AWS region of CodeCommit remote " + remote.display() + "; expected a host such as"
              + " git-codecommit.eu-west-1.amazonaws.com, or a codecommit::REGION://REPOSITORY URL"));
      AwsCredentials aws = signed.credentials().resolveCredentials();
      Instant now = signed.clock().instant();
      GitCredentials.Password password = CodeCommitGitSigner.sign(aws, region, remote.host(), remote.uri().getPath(),
          now);
      return new UsernamePasswordCredentialsProvider(password.user(), password.password());
    }
    return null;
  }

  /**
   * JGit's Apache MINA sshd client with OpenSSH's files: the identities and {@code known_hosts} of
   * the SSH directory (or one key file), public keys only; a host key not in {@code known_hosts}
   * is refused (no one is there to accept it).
   */
  private static SshdSessionFactory sshFactory(GitCredentials.SshKeys keys) {
    java.nio.file.Path ssh = keys.sshDirectory().toAbsolutePath();
    java.nio.file.Path home = java.util.Objects.requireNonNullElse(ssh.getParent(), ssh);
    SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(keys.sshDirectory().toFile())
        .setPreferredAuthentications("publickey");
    if (keys.identityFile() != null) {
      builder.setDefaultIdentities(dir -> List.of(keys.identityFile()));
    }
    return builder.build(new JGitKeyCache());
  }

  /**
   * The same client with keys from memory instead of files: each key text is read by Apache MINA
   * sshd's own key parsers (OpenSSH and PEM formats, decrypted with the passphrase), so the keys
   * never touch the disk; {@code known_hosts} still comes from the SSH directory.
   */
  private static SshdSessionFactory sshFactory(GitCredentials.SshPrivateKey key) {
    List<KeyPair> pairs = new ArrayList<>();
    FilePasswordProvider passphrase = key.passphrase() == null ? FilePasswordProvider.EMPTY
        : FilePasswordProvider.of(key.passphrase());
    for (String text : key.privateKeys()) {
      try (InputStream in = new ByteArrayInputStream(text.strip().concat("\n").getBytes(StandardCharsets.UTF_8))) {
        SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.description()), in, passphrase)
            .forEach(pairs::add);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        // The parser's message can quote the key's text; say only which key and why in general.
        throw new GitException("cannot read the SSH private key of " + key.description() + ": expected an OpenSSH"
            + " or PEM private key" + (key.passphrase() == null ? " without a passphrase" : " and its passphrase")
            + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (pairs.isEmpty()) {
      throw new GitException("no SSH private key in " + key.description() + "; expected the text of a private key"
          + " file (-----BEGIN OPENSSH PRIVATE KEY----- ...)");
    }
    java.nio.file.Path ssh = key.sshDirectory().toAbsolutePath();
    java.nio.file.Path home = java.util.Objects.requireNonNullElse(ssh.getParent(), ssh);
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(key.sshDirectory().toFile())
        .setPreferredAuthentications("publickey")
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKeysProvider(dir -> List.copyOf(pairs))
        .build(new JGitKeyCache());
  }

  @Override
  public void close() {
    opened.forEach(Transport::close);
    if (ssh != null) {
      ssh.close();
    }
  }
}
