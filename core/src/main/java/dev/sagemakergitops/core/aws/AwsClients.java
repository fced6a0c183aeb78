package dev.sagemakergitops.core.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients of one run, built the way every AWS tool builds them, each on first use and
 * then kept: one client per (service, region), one HTTP client and one credentials provider for all.
 *
 * <p>Conventions honoured (details in the package documentation):
 *
 * <ul>
 *   <li>credentials: the SDK's default chain, or the named profile of {@link AwsSettings#profile()};
 *       then, when {@link AwsSettings#roleArn()} is set, an STS role assumed on top of them and
 *       refreshed before it expires;
 *   <li>region: {@link AwsSettings#region()}, else the SDK's region chain (with the named profile);
 *       a resource in another region gets a client in that region ({@link #ecr(String)} and friends);
 *   <li>endpoints: {@link AwsSettings#endpointUrl()} for every service when set; otherwise the SDK's
 *       own handling of {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>} and the profile's
 *       {@code endpoint_url}, which SDK 2.40.2 implements natively;
 *   <li>retries: the {@code standard} retry mode (exponential back-off with jitter on throttling and
 *       5xx, bounded by a retry quota) unless {@code AWS_RETRY_MODE} or the profile's
 *       {@code retry_mode} chooses another.
 * </ul>
 *
 * <p>Thread-safe. Closing closes every client, the credentials provider and the HTTP client; the
 * object is unusable afterwards.
 */
public final class AwsClients implements AutoCloseable {

  private final AwsSettings settings;
  private final AwsCredentialsProvider baseCredentials;
  private final List<ExecutionInterceptor> interceptors;
  private final SdkHttpClient httpClient;
  private final RetryMode retryMode;
  private final boolean retryDelays;
  private final Map<ClientKey, SdkClient> clients = new ConcurrentHashMap<>();
  private final Map<Region, SharedAlarmReads> alarmReads = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  // Resolved on first need: a run that never calls AWS must not fail for want of a region or keys.
  private Region defaultRegion;
  private AwsCredentialsProvider credentials;
  private final List<SdkAutoCloseable> credentialResources = new ArrayList<>();
  private volatile boolean closed;

  private AwsClients(AwsSettings settings, AwsCredentialsProvider baseCredentials,
      List<ExecutionInterceptor> interceptors, HttpProxy proxy) {
    this(settings, baseCredentials, interceptors, proxy, RetryMode.STANDARD, true);
  }

  private AwsClients(AwsSettings settings, AwsCredentialsProvider baseCredentials,
      List<ExecutionInterceptor> interceptors, HttpProxy proxy, RetryMode defaultRetryMode, boolean retryDelays) {
    this.settings = settings;
    this.retryDelays = retryDelays;
    this.baseCredentials = baseCredentials;
    this.interceptors = List.copyOf(interceptors);
    // The JDK's HTTP stack starts faster than Apache's; one instance serves every client.
    UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
    if (proxy != null) {
      // This proxy only: not the process's proxy properties or variables as well.
      http.proxyConfiguration(ProxyConfiguration.builder().endpoint(proxy.endpoint()).username(proxy.username())
          .password(proxy.password()).nonProxyHosts(proxy.nonProxyHosts()).useSystemPropertyValues(false)
          .useEnvironmentVariablesValues(false).build());
    }
    this.httpClient = http.build();
    RetryMode.Resolver retry = RetryMode.resolver().defaultRetryMode(defaultRetryMode);
    if (settings.profile() != null) {
      retry.profileName(settings.profile());
    }
    this.retryMode = retry.resolve();
  }

  /** Clients for {@code settings}; nothing is resolved or built until a client is first asked for. */
  public static AwsClients create(AwsSettings settings) {
    return new AwsClients(settings, null, List.of(), null);
  }

  /**
   * Clients for {@code settings} that run {@code interceptors} on every call and keep every call
   * under {@code limits} (one token bucket per service shared by all of them); when any service is
   * limited, the retry mode defaults to the SDK's {@code adaptive_v2} (which slows down further
   * when AWS throttles), unless {@code AWS_RETRY_MODE} or the profile's {@code retry_mode} chooses
   * another. What {@code sync --parallel} uses.
   */
  public static AwsClients create(AwsSettings settings, List<ExecutionInterceptor> interceptors,
      ClientRateLimits limits) {
    if (!limits.limits()) {
      return create(settings, interceptors);
    }
    List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
    all.add(limits.interceptor());
    return new AwsClients(settings, null, all, null, RetryMode.ADAPTIVE_V2, true);
  }

  /**
   * Clients for {@code settings} that run {@code interceptors} on every call: the SDK's own hook for
   * metrics, auditing or counting calls.
   */
  public static AwsClients create(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
    return new AwsClients(settings, null, interceptors, null);
  }

  /**
   * Clients as {@link #create(AwsSettings, List)} makes them, except that the SDK retries a failed
   * attempt at once instead of after its back-off: the same retry mode, the same retryable errors,
   * the same number of attempts and the same retry quota. Only for tests whose AWS is a local
   * control plane on a virtual clock: there the back-off (real time, up to a second and then two
   * after a throttled attempt) waits for nothing, while the operation's own waits are simulated.
   * Never for AWS itself, which asks callers to back off.
   */
  public static AwsClients createWithoutRetryDelays(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
    return new AwsClients(settings, null, interceptors, null, RetryMode.STANDARD, false);
  }

  /**
   * Clients that sign with {@code baseCredentials} instead of the default chain or the profile (a
   * CI system's own credentials, see {@link AwsAccess}); a role of {@link AwsSettings#roleArn()} is
   * still assumed on top of them. The provider stays the caller's: closing these clients leaves it open.
   */
  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider baseCredentials,
      List<ExecutionInterceptor> interceptors) {
    return new AwsClients(settings, Objects.requireNonNull(baseCredentials, "baseCredentials"),
        interceptors, null);
  }

  /**
   * Clients as {@link #create(AwsSettings, AwsCredentialsProvider, List)} makes them (the default
   * chain or the profile when {@code baseCredentials} is {@code null}), whose HTTP requests go
   * through {@code proxy} when it is not {@code null}.
   */
  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider baseCredentials,
      List<ExecutionInterceptor> interceptors, HttpProxy proxy) {
    return new AwsClients(settings, baseCredentials, interceptors, proxy);
  }

  public AwsSettings settings() {
    return settings;
  }

  /** The retry mode every client uses. */
  public RetryMode retryMode() {
    return retryMode;
  }

  /**
   * The region of the run: {@link AwsSettings#region()}, else the SDK's region chain.
   *
   * @throws AwsConfigurationException when no region is configured anywhere
   */
  public Region defaultRegion() {
    synchronized (lock) {
      if (defaultRegion == null) {
        defaultRegion = resolveDefaultRegion();
      }
      return defaultRegion;
    }
  }

  /** ECR in the default region. */
  public EcrClient ecr() {
    return ecr(defaultRegion());
  }

  /** ECR in {@code region}: an image in us-west-2 is looked up there, whatever the default region. */
  public EcrClient ecr(String region) {
    return ecr(Region.of(region));
  }

  public EcrClient ecr(Region region) {
    return client("ecr", region, EcrClient.class, EcrClient::builder);
  }

  /** SageMaker in the default region. */
  public SageMakerClient sageMaker() {
    return sageMaker(defaultRegion());
  }

  public SageMakerClient sageMaker(String region) {
    return sageMaker(Region.of(region));
  }

  public SageMakerClient sageMaker(Region region) {
    return client("sagemaker", region, SageMakerClient.class, SageMakerClient::builder);
  }

  /** SageMaker Runtime in {@code region}: it answers {@code InvokeEndpoint} (smoke tests after a deploy). */
  public SageMakerRuntimeClient sageMakerRuntime(String region) {
    return client("sagemaker-runtime", Region.of(region), SageMakerRuntimeClient.class, SageMakerRuntimeClient::builder);
  }

  /** CloudWatch in the default region. */
  public CloudWatchClient cloudWatch() {
    return cloudWatch(defaultRegion());
  }

  public CloudWatchClient cloudWatch(String region) {
    return cloudWatch(Region.of(region));
  }

  public CloudWatchClient cloudWatch(Region region) {
    return client("cloudwatch", region, CloudWatchClient.class, CloudWatchClient::builder);
  }

  /**
   * The rollback-alarm reads that every deployment these clients follow in {@code region} shares
   * (one {@code DescribeAlarms} for the looks of many, see {@link SharedAlarmReads}); one per region,
   * made on first use.
   */
  public SharedAlarmReads sharedAlarmReads(String region) {
    ensureOpen();
    return alarmReads.computeIfAbsent(Region.of(region), r -> new SharedAlarmReads(cloudWatch(r)));
  }

  /** Application Auto Scaling in {@code region}: it scales endpoint variants. */
  public ApplicationAutoScalingClient applicationAutoScaling(String region) {
    return client("application-autoscaling", Region.of(region), ApplicationAutoScalingClient.class,
        ApplicationAutoScalingClient::builder);
  }

  /**
   * S3 in {@code region}. Against an endpoint override (the local control plane, moto) requests
   * use path-style addresses, because a loopback host has no per-bucket DNS names.
   */
  public S3Client s3(String region) {
    return client("s3", Region.of(region), S3Client.class, () -> {
      var builder = S3Client.builder();
      if (settings.endpointUrl() != null || System.getenv("AWS_ENDPOINT_URL") != null
          || System.getenv("AWS_ENDPOINT_URL_S3") != null) {
        builder.forcePathStyle(true);
      }
      return builder;
    });
  }

  /** CodeCommit in the default region: pull requests and their comments. */
  public CodeCommitClient codeCommit() {
    return codeCommit(defaultRegion());
  }

  /** CodeCommit in {@code region}: the repository's, which may not be the run's. */
  public CodeCommitClient codeCommit(Region region) {
    return client("codecommit", region, CodeCommitClient.class, CodeCommitClient::builder);
  }

  /** STS in the default region, with the run's (possibly assumed-role) credentials. */
  public StsClient sts() {
    return sts(defaultRegion());
  }

  public StsClient sts(String region) {
    return sts(Region.of(region));
  }

  public StsClient sts(Region region) {
    return client("sts", region, StsClient.class, StsClient::builder);
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      clients.values().forEach(SdkClient::close);
      clients.clear();
      credentialResources.forEach(SdkAutoCloseable::close);
      credentialResources.clear();
      httpClient.close();
    }
  }

  @Override
  public String toString() {
    return "AwsClients[" + settings + ", retryMode=" + retryMode + ", clients=" + clients.keySet() + "]";
  }

  private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
      String service, Region region, Class<C> type, Supplier<B> builder) {
    ensureOpen();
    SdkClient client = clients.computeIfAbsent(new ClientKey(service, region), key -> build(builder.get(), region));
    return type.cast(client);
  }

  private <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(B builder, Region region) {
    ClientOverrideConfiguration.Builder override = retries(ClientOverrideConfiguration.builder())
        .executionInterceptors(interceptors);
    if (settings.profile() != null) {
      // So the SDK reads this profile's endpoint_url and other client settings, as the CLI would.
      override.defaultProfileName(settings.profile());
    }
    builder.region(region)
        .credentialsProvider(credentials())
        .httpClient(httpClient)
        .overrideConfiguration(override.build());
    if (settings.endpointUrl() != null) {
      builder.endpointOverride(settings.endpointUrl());
    }
    return builder.build();
  }

  private ClientOverrideConfiguration.Builder retries(ClientOverrideConfiguration.Builder override) {
    if (retryDelays) {
      return override.retryStrategy(retryMode);
    }
    // The strategy the SDK builds for this mode (AwsRetryStrategy: AWS's retryable errors on top of
    // the mode's attempts and quota), a new one per client as the SDK does, with no back-off.
    return override.retryStrategy(AwsRetryStrategy.forRetryMode(retryMode).toBuilder()
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .build());
  }

  /**
   * The credentials every client signs with (profile, role and chain as configured), for what signs
   * outside an SDK client: CodeCommit's Git credentials. Resolved lazily, never copied.
   */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials();
  }

  private AwsCredentialsProvider credentials() {
    synchronized (lock) {
      ensureOpen();
      if (credentials == null) {
        credentials = buildCredentials();
      }
      return credentials;
    }
  }

  private AwsCredentialsProvider buildCredentials() {
    AwsCredentialsProvider base;
    if (baseCredentials != null) {
      base = baseCredentials;
    } else if (settings.profile() != null) {
      ProfileCredentialsProvider profile = ProfileCredentialsProvider.create(settings.profile());
      credentialResources.add(profile);
      base = profile;
    } else {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      credentialResources.add(chain);
      base = chain;
    }
    if (settings.roleArn() == null) {
      return base;
    }
    // The STS client that assumes the role signs with the base credentials, never the assumed ones.
    ClientOverrideConfiguration.Builder override = retries(ClientOverrideConfiguration.builder())
        .executionInterceptors(interceptors);
    if (settings.profile() != null) {
      override.defaultProfileName(settings.profile());
    }
    var stsBuilder = StsClient.builder()
        .region(defaultRegion())
        .credentialsProvider(base)
        .httpClient(httpClient)
        .overrideConfiguration(override.build());
    if (settings.endpointUrl() != null) {
      stsBuilder.endpointOverride(settings.endpointUrl());
    }
    StsClient assumer = stsBuilder.build();
    credentialResources.add(assumer);
    StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(assumer)
        .refreshRequest(request -> {
          request.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName());
          if (settings.externalId() != null) {
            request.externalId(settings.externalId());
          }
        })
        .build();
    credentialResources.add(assumed);
    return assumed;
  }

  private Region resolveDefaultRegion() {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
    if (settings.profile() != null) {
      chain.profileName(settings.profile());
    }
    try {
      return chain.build().getRegion();
    } catch (SdkClientException e) {
      String where = settings.profile() != null ? "profile '" + settings.profile() + "' has no region and " : "";
      throw new AwsConfigurationException("no AWS region is configured: " + where
          + "neither AWS_REGION nor a profile region is set; set AWS_REGION (for example us-east-1) or pass a region", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("these AWS clients are closed; create new ones for a new run");
    }
  }

  /** A client's identity in the cache. */
  private record ClientKey(String service, Region region) {}
}
