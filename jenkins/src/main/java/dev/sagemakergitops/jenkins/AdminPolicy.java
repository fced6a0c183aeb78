package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.HttpProxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a Jenkins administrator set for the steps: what they may use beyond the build's own means,
 * as set in <em>Manage Jenkins &gt; System &gt; SageMaker GitOps</em>
 * ({@link SageMakerGitOpsConfiguration}), and the controller's HTTP proxy (<em>Manage Jenkins &gt;
 * System &gt; HTTP Proxy</em>), which every AWS call goes through. Everything is refused unless
 * allowed, because a Pipeline author is not the controller's owner:
 *
 * <ul>
 *   <li>{@code controllerIdentity}: steps without {@code credentialsId} and without AWS keys in the
 *       build's environment use the controller's own AWS identity (a profile of its {@code ~/.aws},
 *       its instance or pod role). Otherwise any Pipeline author could act as the controller, and
 *       assume every role the controller may assume.
 *   <li>{@code controllerRepositories}: {@code repository:} may name a directory on the controller
 *       outside the build's workspace. Otherwise a Pipeline author could read and commit to any Git
 *       repository the controller can reach (the Git plugin's caches, {@code $JENKINS_HOME}), the
 *       class of problem of SECURITY-2478 (https://github.com/advisories/GHSA-84cm-vjwm-m979).
 *   <li>{@code endpointHosts}: the hosts (or {@code host:port}) a custom {@code endpointUrl} (or the
 *       build's {@code AWS_ENDPOINT_URL}) may point at. Otherwise the controller would send signed
 *       requests to any address a Pipeline author names: server-side request forgery.
 * </ul>
 *
 * @param controllerIdentity whether steps may use the controller's own AWS identity
 * @param controllerRepositories whether steps may read repositories outside the workspace
 * @param endpointHosts the allowed endpoint hosts, lower case, each {@code host} or {@code host:port}
 * @param proxy Jenkins' HTTP proxy, or {@code null} for none
 */
record AdminPolicy(boolean controllerIdentity, boolean controllerRepositories, List<String> endpointHosts,
    HttpProxy proxy) {

  /** Nothing beyond the build's own means: what a controller has until an administrator says otherwise. */
  static final AdminPolicy NONE = new AdminPolicy(false, false, List.of());

  AdminPolicy {
    endpointHosts = endpointHosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT))
        .filter(host -> !host.isEmpty()).toList();
  }

  /** A policy without a proxy. */
  AdminPolicy(boolean controllerIdentity, boolean controllerRepositories, List<String> endpointHosts) {
    this(controllerIdentity, controllerRepositories, endpointHosts, null);
  }

  /** The same policy with {@code httpProxy}. */
  AdminPolicy withProxy(HttpProxy httpProxy) {
    return new AdminPolicy(controllerIdentity, controllerRepositories, endpointHosts, httpProxy);
  }

  /** Host names as an administrator types them: one per line, or separated by spaces, commas or bars. */
  static List<String> hosts(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String host : text.split("[\\s,|]+")) {
        if (!host.isBlank()) {
          out.add(host);
        }
      }
    }
    return out;
  }

  /** Whether {@code endpoint} is on the allow-list: its host, or its host and port, is listed. */
  boolean allowsEndpoint(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    int port = endpoint.getPort();
    return endpointHosts.contains(host) || port >= 0 && endpointHosts.contains(host + ":" + port);
  }
}
