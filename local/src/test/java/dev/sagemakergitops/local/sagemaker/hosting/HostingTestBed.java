package dev.sagemakergitops.local.sagemaker.hosting;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.spi.AlarmReader;
import dev.sagemakergitops.local.spi.MetricRecorder;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * A control plane with the hosting service and the real SDK clients pointed at it. CloudWatch and
 * S3 are stood in for by {@link Cloud}, a small in-test provider of the SPI interfaces hosting
 * uses (alarm states a test sets, metrics it reads back, objects it puts), because those services
 * are written in parallel; the hosting code only sees the SPI either way. The real Tags service is
 * installed so that Create calls' tags can be read back with ListTags.
 */
final class HostingTestBed implements AutoCloseable {
  /** In-test CloudWatch alarms and metrics and S3 objects, behind the SPI. */
  static final class Cloud implements LocalService, AlarmReader, MetricRecorder, ObjectStore {
    record Datum(String namespace, String metric, Map<String, String> dimensions, double value, String unit,
        Instant timestamp) {}

    final Map<String, String> alarms = new ConcurrentHashMap<>();
    final List<Datum> metrics = new ArrayList<>();
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void install(Installation installation) {
      installation.provide(AlarmReader.class, this);
      installation.provide(MetricRecorder.class, this);
      installation.provide(ObjectStore.class, this);
    }

    @Override
    public Optional<String> stateOf(String region, String alarmName) {
      return Optional.ofNullable(alarms.get(alarmName));
    }

    @Override
    public synchronized void record(String region, String namespace, String metricName, Map<String, String> dimensions,
        double value, String unit, Instant timestamp) {
      metrics.add(new Datum(namespace, metricName, dimensions, value, unit, timestamp));
    }

    synchronized List<Datum> metrics(String metric, Map<String, String> dimensions) {
      return metrics.stream().filter(d -> d.metric().equals(metric) && d.dimensions().equals(dimensions)).toList();
    }

    synchronized double sum(String metric, Map<String, String> dimensions) {
      return metrics(metric, dimensions).stream().mapToDouble(Datum::value).sum();
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
      objects.put(bucket + "/" + key, content);
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
      return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    @Override
    public List<String> list(String bucket, String prefix) {
      return objects.keySet().stream().filter(k -> k.startsWith(bucket + "/" + prefix))
          .map(k -> k.substring(bucket.length() + 1)).sorted().toList();
    }
  }

  static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.0";
  static final String DIGEST_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:"
      + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  final Cloud cloud = new Cloud();
  final HostingService hosting = new HostingService();
  final LocalControlPlane plane;
  final SageMakerClient sageMaker;
  final SageMakerRuntimeClient runtime;

  HostingTestBed() {
    plane = LocalControlPlane.builder().service(hosting).service(cloud)
        .service(new dev.sagemakergitops.local.sagemaker.tags.Tags())
        .validator(dev.sagemakergitops.local.validation.ServiceModelValidator.bundled()).start();
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    runtime = SageMakerRuntimeClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
  }

  void advance(Duration duration) {
    plane.advance(duration);
  }

  /** A model whose artifact (the given bytes) is in the object store. */
  void model(String name, String image, String artifact) {
    cloud.put("models", name + "/model.tar.gz", artifact.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/gzip");
    sageMaker.createModel(r -> r.modelName(name).executionRoleArn("arn:aws:iam::123456789012:role/sm")
        .primaryContainer(c -> c.image(image).modelDataUrl("s3://models/" + name + "/model.tar.gz")));
  }

  /** An endpoint config with one variant {@code AllTraffic} of {@code instances} ml.m5.large instances. */
  void config(String name, String model, int instances) {
    sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v.variantName("AllTraffic")
        .modelName(model).instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialInstanceCount(instances)
        .initialVariantWeight(1.0f)));
  }

  /** Model {@code m1} on config {@code c1} (4 instances) on endpoint {@code churn}, InService. */
  void inServiceEndpoint() {
    model("m1", IMAGE, "weights-1");
    model("m2", DIGEST_IMAGE, "weights-2");
    config("c1", "m1", 4);
    config("c2", "m2", 4);
    sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    advance(Timings.PROVISIONING);
  }

  @Override
  public void close() {
    sageMaker.close();
    runtime.close();
    plane.close();
  }
}
