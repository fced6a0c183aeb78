package dev.sagemakergitops.testkit.world;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The AWS that tests run against: a fresh local control plane with every standard service, on a
 * virtual clock that starts at {@link #START}, with plain SDK clients pointed at it. Waiting
 * advances the virtual clock, so an hour of SageMaker time passes in milliseconds, and every call
 * goes over real HTTP through the real SDK.
 *
 * <p>What a test sets up before the code under test runs (images in ECR, objects in S3, model
 * package versions, alarms, live traffic) goes through here, the way the team's own tooling would
 * leave it. Each module's test harness (core's {@code LocalAws}, the command line's
 * {@code LocalWorld}, the Jenkins adapter's {@code LocalSetup}) wraps one of these with what only
 * that module knows. Closing it closes its clients and stops the control plane.
 */
public final class LocalCloud implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = LocalControlPlane.DEFAULT_ACCOUNT_ID;
  public static final String REGISTRY = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
  public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  /** The seed of the control plane's randomness (generated ids, fault draws): the same on every run. */
  public static final long SEED = 42;

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final LocalControlPlane local;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private SageMakerClient sageMaker;
  private SageMakerRuntimeClient runtime;

  private LocalCloud(LocalControlPlane local) {
    this.local = local;
  }

  /** A fresh control plane with every standard service on a virtual clock at {@link #START}. */
  public static LocalCloud start() {
    return new LocalCloud(LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(SEED)
        .standardServices().start());
  }

  public LocalControlPlane local() {
    return local;
  }

  public URI endpoint() {
    return local.endpoint();
  }

  public SimulationClock clock() {
    return local.clock();
  }

  /** Moves virtual time on. */
  public void advance(Duration duration) {
    local.advance(duration);
  }

  /** Publishes {@code repository:tag} to the local ECR; returns the full tag reference. */
  public String publishImage(String repository, String tag) {
    local.service(EcrService.class).publish(REGION, repository, tag);
    return REGISTRY + "/" + repository + ":" + tag;
  }

  /** The digest the local ECR gave {@code repository:tag}. */
  public String digestOf(String repository, String tag) {
    return local.service(EcrService.class).digestOf(REGION, repository, tag).orElseThrow();
  }

  /** Puts an object into the local S3; returns its {@code s3://} URI. */
  public String putObject(String bucket, String key, String content, String contentType) {
    local.service(S3Service.class).put(bucket, key, content.getBytes(StandardCharsets.UTF_8), contentType);
    return "s3://" + bucket + "/" + key;
  }

  /** A SageMaker client of the control plane (one, made on first use), for set-up and for checks. */
  public SageMakerClient sageMaker() {
    if (sageMaker == null) {
      sageMaker = open(SageMakerClient.builder());
    }
    return sageMaker;
  }

  /** Registers model package versions through {@link #sageMaker()}. */
  public ModelPackages modelPackages() {
    return new ModelPackages(this, sageMaker());
  }

  /** Registers model package versions through {@code client} (one that counts or intercepts its calls). */
  public ModelPackages modelPackages(SageMakerClient client) {
    return new ModelPackages(this, client);
  }

  /**
   * A rollback alarm on {@code endpoint}'s 5xx errors (any in a minute), as a team's own tooling
   * would create it.
   */
  public void createAlarm(String name, String endpoint) {
    try (CloudWatchClient cloudWatch = client(CloudWatchClient.builder())) {
      cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
          .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
          .dimensions(d -> d.name("EndpointName").value(endpoint)));
    }
  }

  /** Sends one CSV request to {@code endpoint}, as a client of the model would; returns the answer's body. */
  public String invoke(String endpoint, String csv) {
    if (runtime == null) {
      runtime = open(SageMakerRuntimeClient.builder());
    }
    return runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv")
        .body(SdkBytes.fromUtf8String(csv))).body().asUtf8String();
  }

  /** The CSV line number {@code i} of live traffic: varied, valid input for the churn model. */
  public static String trafficLine(int i) {
    return (i % 7) + ".5," + (i % 3) + ".25\n";
  }

  /**
   * Moves the virtual clock {@code duration} on, sending {@code endpoint} {@code perMinute} CSV
   * requests at every whole minute it passes, as live callers would (a shadow test compares them).
   * A request that fails (no endpoint yet, or one that is updating) is a caller's failure: traffic
   * goes on.
   */
  public void advanceWithTraffic(Duration duration, String endpoint, int perMinute) {
    Instant target = local.clock().instant().plus(duration);
    Instant minute = local.clock().instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    while (!minute.isAfter(target)) {
      local.advance(Duration.between(local.clock().instant(), minute));
      for (int i = 0; i < perMinute; i++) {
        try {
          invoke(endpoint, trafficLine(i));
        } catch (RuntimeException e) {
          // A live caller's request failed; the next minute's are sent all the same.
        }
      }
      minute = minute.plus(Duration.ofMinutes(1));
    }
    local.advance(Duration.between(local.clock().instant(), target));
  }

  /**
   * A new client of any AWS service built by {@code builder}, pointed at the control plane with
   * dummy keys; the caller closes it.
   */
  public <C, B extends AwsClientBuilder<B, C>> C client(B builder) {
    B configured = builder.endpointOverride(local.endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS);
    if (configured instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(UrlConnectionHttpClient.create());
    }
    return configured.build();
  }

  private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C open(B builder) {
    C client = client(builder);
    opened.add(client);
    return client;
  }

  @Override
  public void close() {
    try {
      for (AutoCloseable client : opened) {
        try {
          client.close();
        } catch (Exception e) {
          // Closing an SDK client releases its HTTP client; a failure there leaves nothing to clean up.
        }
      }
    } finally {
      local.close();
    }
  }
}
