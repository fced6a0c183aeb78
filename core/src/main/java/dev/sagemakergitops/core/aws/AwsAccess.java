package dev.sagemakergitops.core.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How a build on a CI system reaches AWS when the CI system, not the process, holds the
 * credentials. In Jenkins the controller runs every step in one process whose own environment has
 * none of a build's AWS variables: {@code withAWS} and {@code withCredentials([aws(...)])} put them
 * in the build's environment, which the step reads as a map. The order, first match wins:
 *
 * <ol>
 *   <li>credentials the CI system resolved by id (the AWS Credentials plugin's, which are an SDK
 *       {@link AwsCredentialsProvider} themselves and may assume a role of their own);
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, with {@code AWS_SESSION_TOKEN}
 *       when set, from the build's environment;
 *   <li>{@code AWS_PROFILE} (or {@code AWS_DEFAULT_PROFILE}, which {@code withAWS} also sets) from
 *       the build's environment, a profile of the machine's {@code ~/.aws};
 *   <li>the SDK's default chain on the machine (an instance or container role, typically).
 * </ol>
 *
 * <p>The region is the requested one, else the build's {@code AWS_REGION}, else its
 * {@code AWS_DEFAULT_REGION}, else the SDK's region chain; the endpoint is the requested one, else
 * the build's {@code AWS_ENDPOINT_URL}. A role of {@link AwsSettings#roleArn()} is assumed on top of
 * whichever credentials won.
 *
 * <p>Nothing here keeps or shows a secret beyond the provider it hands to the clients:
 * {@link #source()} and {@link #toString()} name where the credentials came from, never a key, and
 * an error names the variable that is missing, never a value. An {@code AwsAccess} is never part of
 * an operation's state: it is resolved again whenever a run is resumed.
 */
public final class AwsAccess {
  private final AwsSettings settings;
  private final AwsCredentialsProvider credentials;
  private final String source;
  private final HttpProxy proxy;

  private AwsAccess(AwsSettings settings, AwsCredentialsProvider credentials, String source) {
    this(settings, credentials, source, null);
  }

  private AwsAccess(AwsSettings settings, AwsCredentialsProvider credentials, String source, HttpProxy proxy) {
    this.settings = settings;
    this.credentials = credentials;
    this.source = source;
    this.proxy = proxy;
  }

  /**
   * Access from the build's {@code environment}, completing {@code requested} (whose non-null
   * fields win).
   *
   * @throws AwsConfigurationException when the environment has half a key pair, or an endpoint URL
   *     that is not one
   */
  public static AwsAccess fromEnvironment(AwsSettings requested, Map<String, String> environment) {
    AwsSettings settings = complete(requested, environment);
    String accessKey = value(environment, "AWS_ACCESS_KEY_ID");
    String secretKey = value(environment, "AWS_SECRET_ACCESS_KEY");
    if (accessKey != null || secretKey != null) {
      if (accessKey == null || secretKey == null) {
        throw new AwsConfigurationException("the build's environment has "
            + (accessKey == null ? "AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID" : "AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY")
            + "; set both (withCredentials([aws(...)]) or withAWS do), or neither to use the machine's credentials", null);
      }
      String token = value(environment, "AWS_SESSION_TOKEN");
      AwsCredentialsProvider keys = StaticCredentialsProvider.create(token == null
          ? AwsBasicCredentials.create(accessKey, secretKey)
          : AwsSessionCredentials.create(accessKey, secretKey, token));
      return new AwsAccess(settings, keys, "the build's AWS_ACCESS_KEY_ID" + (token == null ? "" : " and AWS_SESSION_TOKEN")
          + role(settings));
    }
    String profile = firstOf(environment, "AWS_PROFILE", "AWS_DEFAULT_PROFILE");
    if (settings.profile() == null && profile != null) {
      settings = settings.withProfile(profile);
    }
    if (settings.profile() != null) {
      return new AwsAccess(settings, null, "profile '" + settings.profile() + "'" + role(settings));
    }
    return new AwsAccess(settings, null, "the machine's default credential chain" + role(settings));
  }

  /**
   * Access with {@code credentials} the CI system resolved, described as {@code description} (for
   * example {@code "Jenkins credentials 'aws-prod'"}); region and endpoint as in
   * {@link #fromEnvironment}.
   */
  public static AwsAccess withCredentials(AwsSettings requested, Map<String, String> environment, String description,
      AwsCredentialsProvider credentials) {
    AwsSettings settings = complete(requested, environment);
    return new AwsAccess(settings, Objects.requireNonNull(credentials, "credentials"), description + role(settings));
  }

  /** Region, endpoint, role: what the clients are built with. Holds no credential. */
  public AwsSettings settings() {
    return settings;
  }

  /** Where the credentials come from, for a log line; never a key. */
  public String source() {
    return source;
  }

  /** The same access through {@code httpProxy} (the CI system's own proxy settings); {@code null} for none. */
  public AwsAccess withProxy(HttpProxy httpProxy) {
    return new AwsAccess(settings, credentials, source, httpProxy);
  }

  /** New clients that sign with these credentials, running {@code interceptors} on every call. */
  public AwsClients clients(List<ExecutionInterceptor> interceptors) {
    return AwsClients.create(settings, credentials, interceptors, proxy);
  }

  @Override
  public String toString() {
    return "AwsAccess[" + settings + ", credentials from " + source + "]";
  }

  private static AwsSettings complete(AwsSettings requested, Map<String, String> environment) {
    AwsSettings settings = requested;
    if (settings.region() == null) {
      settings = settings.withRegion(firstOf(environment, "AWS_REGION", "AWS_DEFAULT_REGION"));
    }
    String endpoint = value(environment, "AWS_ENDPOINT_URL");
    if (settings.endpointUrl() == null && endpoint != null) {
      try {
        settings = settings.withEndpointUrl(new URI(endpoint));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new AwsConfigurationException("the build's AWS_ENDPOINT_URL is not a URL such as http://127.0.0.1:4566: "
            + e.getMessage(), e);
      }
    }
    return settings;
  }

  private static String role(AwsSettings settings) {
    return settings.roleArn() == null ? "" : ", assuming " + settings.roleArn();
  }

  private static String firstOf(Map<String, String> environment, String first, String second) {
    String value = value(environment, first);
    return value != null ? value : value(environment, second);
  }

  private static String value(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
