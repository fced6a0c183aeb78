package dev.sagemakergitops.core.git;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How a push proves who it is to the Git server. Chosen by {@link PushCredentials} from the remote's
 * URL and the environment the caller passes in; a secret lives only in this value, which prints as
 * its description ({@link #describe()}), never as the secret.
 */
public sealed interface GitCredentials {

  /** One line for messages: the scheme and where the secret came from, never the secret. */
  String describe();

  /** No credentials: {@code git://}, a local path, or a server that needs none. */
  record Anonymous() implements GitCredentials {
    @Override
    public String describe() {
      return "no credentials";
    }
  }

  /**
   * HTTPS Basic authentication: a token with the user name its host expects ({@code x-access-token}
   * on GitHub, {@code oauth2} on GitLab), or a user and password.
   *
   * @param description for messages: the user and where the password came from (such as
   *     {@code HTTPS user x-access-token with the token in GITHUB_TOKEN}), never a secret
   */
  record Password(String user, String password, String description) implements GitCredentials {
    public Password {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public String toString() {
      return "Password[" + describe() + "]";
    }
  }

  /**
   * SSH public-key authentication through JGit's Apache MINA sshd transport: the keys and
   * {@code known_hosts} of {@code sshDirectory} (as OpenSSH reads {@code ~/.ssh}), or one explicit
   * key file. An unknown or changed host key refuses the push.
   *
   * @param identityFile the private key to use, or {@code null} for the usual {@code id_*} files
   */
  record SshKeys(Path sshDirectory, Path identityFile) implements GitCredentials {
    public SshKeys {
      Objects.requireNonNull(sshDirectory, "sshDirectory");
    }

    @Override
    public String describe() {
      return "SSH keys " + (identityFile == null ? "in " + sshDirectory : identityFile.toString())
          + " (host keys from " + sshDirectory.resolve("known_hosts") + ")";
    }
  }

  /**
   * SSH public-key authentication with private keys held in memory (such as a CI server's stored
   * SSH credentials), never written to a file: the keys (OpenSSH or PEM text, encrypted with
   * {@code passphrase} or not), with the host keys of {@code sshDirectory}'s {@code known_hosts},
   * as for {@link SshKeys}. An unknown or changed host key refuses the push.
   *
   * @param user the SSH user when the remote's URL names none ({@code git} for most hosts), or {@code null}
   * @param privateKeys the private keys, each the whole text of a key file
   * @param passphrase the keys' passphrase, or {@code null} for keys without one
   * @param description for messages: where the keys came from, never a secret
   */
  record SshPrivateKey(String user, List<String> privateKeys, String passphrase, Path sshDirectory,
      String description) implements GitCredentials {
    public SshPrivateKey {
      privateKeys = List.copyOf(privateKeys);
      if (privateKeys.isEmpty()) {
        throw new IllegalArgumentException("expected at least one private key");
      }
      Objects.requireNonNull(sshDirectory, "sshDirectory");
      Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
      return description + " (host keys from " + sshDirectory.resolve("known_hosts") + ")";
    }

    @Override
    public String toString() {
      return "SshPrivateKey[" + describe() + "]";
    }
  }

  /**
   * CodeCommit's SigV4 HTTPS scheme, as {@code git-remote-codecommit} and {@code aws codecommit
   * credential-helper} use it: a user name and password derived from AWS credentials at push time
   * ({@link CodeCommitGitSigner}).
   */
  record CodeCommitSigned(AwsCredentialsProvider credentials, Clock clock) implements GitCredentials {
    public CodeCommitSigned {
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String describe() {
      return "CodeCommit SigV4 signature with the AWS credentials of the default chain";
    }
  }
}
