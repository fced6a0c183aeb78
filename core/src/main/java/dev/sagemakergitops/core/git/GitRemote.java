package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.redaction.Redaction;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;

/**
 * Where a branch is pushed: a remote of the repository by name ({@code origin}), or a URL. The
 * credentials a URL may carry ({@code https://user:token@host/...}) are split off
 * ({@link #user()}, {@link #password()}), so they are never shown ({@link #display()}) and travel only as
 * credentials.
 *
 * @param given what the user named, as they wrote it (without URL credentials)
 * @param uri the URL pushed to, without credentials
 * @param user the user name an HTTP(S) URL carried, or {@code null} (an SSH URL keeps its user, which
 *     is not a secret: {@code git@github.com:...})
 * @param password the password an HTTP(S) URL carried, or {@code null}
 */
public record GitRemote(String given, URIish uri, String user, String password) {
  // git-remote-codecommit's URL: codecommit::<region>://<repository>
  private static final Pattern CODECOMMIT = Pattern.compile("codecommit::([a-z0-9-]+)://([A-Za-z0-9._-]+)");

  /**
   * The remote {@code remote} names in {@code repository}: a configured remote (its push URL), a
   * {@code codecommit::REGION://REPOSITORY} URL, or any URL or path git accepts.
   *
   * @throws GitException when it is neither
   */
  static GitRemote resolve(Repository repository, String remote) {
    if (remote == null || remote.isBlank()) {
      throw new GitException("expected a remote to push to: a remote name such as origin, or a URL; got none");
    }
    try {
      if (repository.getRemoteNames().contains(remote)) {
        RemoteConfig config = new RemoteConfig(repository.getConfig(), remote);
        URIish uri = !config.getPushURIs().isEmpty() ? config.getPushURIs().get(0)
            : config.getURIs().isEmpty() ? null : config.getURIs().get(0);
        if (uri == null) {
          throw new GitException("remote '" + remote + "' of " + repository.getDirectory() + " has no url; set it"
              + " with git remote set-url " + remote + " URL, or pass the URL itself");
        }
        return of(remote, uri);
      }
      Matcher codecommit = CODECOMMIT.matcher(remote);
      if (codecommit.matches()) {
        return of(remote, new URIish("https://git-codecommit." + codecommit.group(1) + ".amazonaws.com/v1/repos/"
            + codecommit.group(2)));
      }
      if (!remote.contains(":") && !remote.contains("/")) {
        throw new GitException("no remote named '" + remote + "' in " + repository.getDirectory() + " (it has "
            + (repository.getRemoteNames().isEmpty() ? "none" : String.join(", ", repository.getRemoteNames()))
            + "); pass a configured remote name or a URL such as https://github.com/OWNER/REPO.git");
      }
      return of(Redaction.withoutUrlCredentials(remote), new URIish(remote));
    } catch (URISyntaxException e) {
      throw new GitException("'" + Redaction.withoutUrlCredentials(remote) + "' is not a Git remote name or URL;"
          + " expected a remote name such as origin, or a URL such as https://github.com/OWNER/REPO.git");
    }
  }

  private static GitRemote of(String given, URIish uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http") || scheme.equals("https");
    return new GitRemote(Redaction.withoutUrlCredentials(given), http ? uri.setUser(null).setPass(null)
        : uri.setPass(null), http ? uri.getUser() : null, uri.getPass());
  }

  /** The URL as it may be shown: without credentials. */
  public String display() {
    return uri.toString();
  }

  /** {@code https}, {@code http}, {@code ssh}, {@code git}, {@code file}: the transport git would use. */
  public String scheme() {
    String scheme = uri.getScheme();
    if (scheme == null) {
      // scp-like user@host:path is SSH; a bare path is a local repository.
      return uri.getHost() != null ? "ssh" : "file";
    }
    return scheme.toLowerCase(Locale.ROOT);
  }

  /** The host, lower case, or an empty string for a local repository. */
  public String host() {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "GitRemote[" + display() + "]";
  }
}
