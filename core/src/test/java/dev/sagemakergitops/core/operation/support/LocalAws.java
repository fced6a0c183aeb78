package dev.sagemakergitops.core.operation.support;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.aws.CallCounter;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.testkit.world.LocalCloud;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The testkit's {@link LocalCloud} (the local control plane on a virtual clock) with core's own
 * {@link AwsClients} pointed at it: the AWS that operation tests run against. Adds what only core
 * knows: counted clients, an operation context and runner on the virtual clock, fault injection.
 */
public final class LocalAws implements AutoCloseable {
  public static final String REGION = LocalCloud.REGION;
  public static final String ACCOUNT = LocalCloud.ACCOUNT;
  public static final String REGISTRY = LocalCloud.REGISTRY;
  public static final Instant START = LocalCloud.START;

  private final LocalCloud cloud;
  private final LocalControlPlane local;
  private final CallCounter calls = new CallCounter();
  private final List<OperationEvent> events = new CopyOnWriteArrayList<>();
  private final List<AwsClients> opened = new ArrayList<>();

  private LocalAws(LocalCloud cloud) {
    this.cloud = cloud;
    this.local = cloud.local();
  }

  /** A fresh local control plane with every standard service, on a virtual clock. */
  public static LocalAws start() {
    return new LocalAws(LocalCloud.start());
  }

  /** The world beneath: plain SDK clients, model packages, alarms, traffic. */
  public LocalCloud cloud() {
    return cloud;
  }

  public LocalControlPlane local() {
    return local;
  }

  public URI endpoint() {
    return local.endpoint();
  }

  /** Every call made through clients of {@link #clients()}, as {@code Service.Operation}. */
  public CallCounter calls() {
    return calls;
  }

  /** The progress events the runner of {@link #runner()} reported. */
  public List<OperationEvent> events() {
    return List.copyOf(events);
  }

  /** New clients that count their calls; closed with this. */
  public AwsClients clients() {
    return clients(List.of(calls));
  }

  /** New clients with these interceptors (and call counting); closed with this. */
  public AwsClients clients(List<ExecutionInterceptor> interceptors) {
    List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
    if (!all.contains(calls)) {
      all.add(calls);
    }
    // No SDK back-off between retries: the control plane is on a virtual clock, and the SDK's wait
    // (real time, up to seconds after each throttled attempt) only slowed the runs with faults.
    AwsClients clients = AwsClients.createWithoutRetryDelays(new AwsSettings(REGION, null, local.endpoint(), null, null,
        null), all);
    opened.add(clients);
    return clients;
  }

  /** A context on the virtual clock, polling without jitter, with a build URL for lineage. */
  public OperationContext context(AwsClients clients) {
    return new OperationContext(clients, local.clock(), new BuildInfo("https://ci.example.com/job/models/42/", "jenkins"),
        PollingPolicy.defaults().withoutJitter(), new Random(7));
  }

  /** A sleeper that advances the virtual clock instead of waiting. */
  public Sleeper sleeper() {
    return local::advance;
  }

  /** A runner on the virtual clock that collects events into {@link #events()}. */
  public OperationRunner runner(AwsClients clients) {
    return new OperationRunner(context(clients), sleeper(), events::add);
  }

  public ImagePinner pinner(AwsClients clients) {
    return ImagePinner.using(clients);
  }

  /** Publishes {@code repository:tag} to the local ECR; returns the full tag reference. */
  public String publishImage(String repository, String tag) {
    return cloud.publishImage(repository, tag);
  }

  /** Puts an object into the local S3. */
  public void putObject(String bucket, String key, String content, String contentType) {
    cloud.putObject(bucket, key, content, contentType);
  }

  /** Makes {@code share} of every SageMaker, Auto Scaling and CloudWatch call fail with throttling or a 5xx. */
  public void injectFaults(double share) {
    for (String service : List.of("sagemaker", "application-autoscaling", "monitoring", "ecr", "s3")) {
      local.faults().add(new CallFault(CallFault.Kind.THROTTLE, service, "*", share / 2, -1));
      local.faults().add(new CallFault(CallFault.Kind.INTERNAL_ERROR, service, "*", share / 2, -1));
    }
  }

  /** Moves virtual time on. */
  public void advance(Duration duration) {
    local.advance(duration);
  }

  @Override
  public void close() {
    try {
      opened.forEach(AwsClients::close);
    } finally {
      cloud.close();
    }
  }
}
