package dev.sagemakergitops.local.sagemaker.tags;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.spi.ModelCatalog;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A control plane on a virtual clock with the services under test, a SageMaker client of the real
 * SDK talking to it over HTTP, and small in-test providers of the capabilities these services use
 * from others: an in-memory {@link ObjectStore} (standing in for S3) and a {@link ModelCatalog}
 * (standing in for hosting's models). The stand-ins are plain maps, so a test sets up S3 objects
 * and models directly and checks what the services wrote.
 */
public final class SageMakerTestPlane implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  public static final String REGION = "eu-west-1";
  public static final String ACCOUNT = LocalControlPlane.DEFAULT_ACCOUNT_ID;

  /** S3 as a sorted map of {@code bucket/key} to bytes. */
  public static final class MemoryObjectStore implements ObjectStore, LocalService {
    private final TreeMap<String, byte[]> objects = new TreeMap<>();

    @Override
    public void install(Installation installation) {
      installation.provide(ObjectStore.class, this);
    }

    @Override
    public synchronized void put(String bucket, String key, byte[] content, String contentType) {
      objects.put(bucket + "/" + key, content.clone());
    }

    @Override
    public synchronized Optional<byte[]> get(String bucket, String key) {
      byte[] content = objects.get(bucket + "/" + key);
      return Optional.ofNullable(content == null ? null : content.clone());
    }

    @Override
    public synchronized List<String> list(String bucket, String prefix) {
      List<String> keys = new ArrayList<>();
      for (String path : objects.tailMap(bucket + "/" + prefix).keySet()) {
        if (!path.startsWith(bucket + "/" + prefix)) {
          break;
        }
        keys.add(path.substring(bucket.length() + 1));
      }
      return keys;
    }

    public synchronized List<String> keys() {
      return List.copyOf(objects.keySet());
    }
  }

  /** Models by region and name. */
  public static final class MemoryModelCatalog implements ModelCatalog, LocalService {
    private final Map<String, ModelRecord> models = new LinkedHashMap<>();

    @Override
    public void install(Installation installation) {
      installation.provide(ModelCatalog.class, this);
    }

    public synchronized void add(String region, String name, String image, String modelDataUrl) {
      models.put(region + "/" + name, new ModelRecord(name, image, modelDataUrl, Map.of()));
    }

    @Override
    public synchronized Optional<ModelRecord> model(String region, String name) {
      return Optional.ofNullable(models.get(region + "/" + name));
    }
  }

  private final LocalControlPlane plane;
  private final SageMakerClient sageMaker;
  private final MemoryObjectStore store = new MemoryObjectStore();
  private final MemoryModelCatalog models = new MemoryModelCatalog();

  private SageMakerTestPlane(boolean modelCatalog, List<LocalService> services) {
    LocalControlPlane.Builder builder = LocalControlPlane.builder().clock(SimulationClock.virtual(START))
        .service(store);
    if (modelCatalog) {
      builder.service(models);
    }
    services.forEach(builder::service);
    plane = builder.start();
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  public static SageMakerTestPlane start(LocalService... services) {
    return new SageMakerTestPlane(true, List.of(services));
  }

  /** Without the in-test model catalog: one of {@code services} (SageMaker hosting) provides the real one. */
  public static SageMakerTestPlane startWithRealModels(LocalService... services) {
    return new SageMakerTestPlane(false, List.of(services));
  }

  public LocalControlPlane plane() {
    return plane;
  }

  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  public MemoryObjectStore store() {
    return store;
  }

  public MemoryModelCatalog models() {
    return models;
  }

  public void advance(Duration duration) {
    plane.advance(duration);
  }

  /** {@code arn:aws:sagemaker:eu-west-1:123456789012:<resource>}. */
  public static String arn(String resource) {
    return "arn:aws:sagemaker:" + REGION + ":" + ACCOUNT + ":" + resource;
  }

  @Override
  public void close() {
    sageMaker.close();
    plane.close();
  }
}
