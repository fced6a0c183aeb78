package dev.sagemakergitops.core.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP proxy the AWS clients go through, as a CI system configures it for itself (Jenkins'
 * <em>Manage Jenkins &gt; System &gt; HTTP Proxy</em>), rather than the process's
 * {@code http.proxyHost} properties or {@code HTTPS_PROXY} variables, which the SDK reads by itself.
 *
 * @param endpoint the proxy, for example {@code http://proxy.example.com:3128}
 * @param username the proxy's user, or {@code null}
 * @param password the proxy's password, or {@code null}; never shown ({@link #toString()} leaves it out)
 * @param nonProxyHosts hosts reached directly, each a host name with {@code *} as a wildcard
 */
public record HttpProxy(URI endpoint, String username, String password, Set<String> nonProxyHosts) {
  public HttpProxy {
    Objects.requireNonNull(endpoint, "endpoint");
    nonProxyHosts = Set.copyOf(nonProxyHosts);
  }

  @Override
  public String toString() {
    return "HttpProxy[" + endpoint + (username == null ? "" : ", user " + username) + ", nonProxyHosts="
        + nonProxyHosts + "]";
  }
}
