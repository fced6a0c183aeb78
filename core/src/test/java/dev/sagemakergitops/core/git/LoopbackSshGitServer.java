package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real SSH server on loopback for pushes over SSH: Apache MINA sshd's {@code SshServer} (not
 * project code) accepting one public key, running each exec request ({@code git-receive-pack
 * '/path'}, {@code git-upload-pack '/path'}) with git's own programs through {@code sh -c}. Only
 * the glue between the SSH channel and the process is written here. Repositories are addressed by
 * absolute path ({@code ssh://git@127.0.0.1:PORT/abs/path.git}).
 */
final class LoopbackSshGitServer implements AutoCloseable {
  private final SshServer server;
  private final PublicKey hostKey;

  private final List<String> users;

  private LoopbackSshGitServer(SshServer server, PublicKey hostKey, List<String> users) {
    this.users = users;
    this.server = server;
    this.hostKey = hostKey;
  }

  /** Starts a server that lets in the holder of {@code clientKey} (an OpenSSH {@code .pub} file). */
  static LoopbackSshGitServer start(Path workDir, Path clientKey)
      throws IOException, java.security.GeneralSecurityException {
    PublicKey allowed = PublicKeyEntry.parsePublicKeyEntry(Files.readString(clientKey).strip())
        .resolvePublicKey(null, null, null);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(workDir.resolve("host-key.ser"));
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(hostKeys);
    List<String> users = new CopyOnWriteArrayList<>();
    server.setPublickeyAuthenticator((user, key, session) -> {
      boolean ok = KeyUtils.compareKeys(allowed, key);
      if (ok) {
        users.add(user);
      }
      return ok;
    });
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new ProcessCommand(command));
    server.start();
    KeyPair host = hostKeys.loadKeys(null).iterator().next();
    return new LoopbackSshGitServer(server, host.getPublic(), users);
  }

  /** The {@code ssh://} URL of the bare repository at {@code path}. */
  String url(Path path) {
    return "ssh://git@127.0.0.1:" + server.getPort() + path.toAbsolutePath();
  }

  /** The SSH user names of the sessions that authenticated, in order. */
  List<String> authenticatedUsers() {
    return List.copyOf(users);
  }

  /** The {@code known_hosts} line that trusts this server's host key. */
  String knownHostsLine() {
    return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** One exec request, run by {@code sh -c} with its streams wired to the channel. */
  private static final class ProcessCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    ProcessCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream value) {
      in = value;
    }

    @Override
    public void setOutputStream(OutputStream value) {
      out = value;
    }

    @Override
    public void setErrorStream(OutputStream value) {
      err = value;
    }

    @Override
    public void setExitCallback(ExitCallback value) {
      exit = value;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      process = new ProcessBuilder(List.of("sh", "-c", command)).start();
      Thread input = pump(in, process.getOutputStream(), true);
      Thread output = pump(process.getInputStream(), out, false);
      Thread error = pump(process.getErrorStream(), err, false);
      Thread waiter = new Thread(() -> {
        try {
          int code = process.waitFor();
          output.join();
          error.join();
          input.interrupt();
          exit.onExit(code);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      waiter.setDaemon(true);
      waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try {
          for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            to.flush();
          }
        } catch (IOException ended) {
          // The other side closed: the process ended or the client went away.
        } finally {
          if (closeTarget) {
            try {
              to.close();
            } catch (IOException ignored) {
              // Closing the process's input is a courtesy.
            }
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (process != null) {
        process.destroy();
      }
    }
  }

}
