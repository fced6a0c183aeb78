package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.MotoServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;

/**
 * The local control plane benchmark of issue 3 (item 8): {@code DescribeEndpoint} calls per second
 * from one AWS SDK v2 {@link SageMakerClient} (url-connection-client) against {@link
 * LocalControlPlane} on loopback, sequential from one thread and from several threads sharing the
 * client, and heap use after GC over 100,000 calls; side by side with reference figures taken with
 * the same client: a trivial JDK {@code HttpServer} answering a canned DescribeEndpoint response (the
 * ceiling of this client and server stack), the raw JDK {@code HttpClient} against that server, and
 * {@code moto_server} when it is installed.
 *
 * <p>A program, not a timed test: run it with {@code benchmarks/run.sh local}; see
 * {@code docs/benchmarks.md}. Options:
 * <pre>
 *   --warmup-seconds S     sequential warm-up before the timed rounds (default 10)
 *   --rounds N             timed rounds per figure (default 5)
 *   --round-seconds S      length of a timed round (default 5)
 *   --threads N            threads sharing the one client in the concurrent figure and the memory
 *                          run (default 4)
 *   --memory-calls N       calls of the memory run (default 100000; 0 skips it)
 *   --sample-every N       calls between heap samples (default 10000)
 *   --reference-seconds S  length of each reference round (default 3; 3 rounds each)
 *   --http-client NAME     url-connection (default) or apache, the SDK's default sync client
 *   --no-moto              skip the moto_server reference
 *   --no-ceiling           skip the trivial-server references
 *   --server-threads N     the control plane's executor size (default: the builder's)
 *   --fleet N              endpoints in the control plane (default 1): N - 1 more besides churn-prod,
 *                          all InService, and every DescribeEndpoint of the local figures names the
 *                          next of them in turn, so per-call costs that grow with the number of
 *                          resources show up as a lower rate or a rising heap
 *   --paired-rounds N      N pairs of --round-seconds rounds, the control plane then the trivial
 *                          server, alternating with both up, and the median of each pair's ratio
 *                          (default 0: none): the ratio that holds up on a loaded machine
 * </pre>
 */
public final class LocalControlPlaneBenchmark {

  private static final String ENDPOINT = "churn-prod";
  private static final String TARGET = "SageMaker.DescribeEndpoint";

  private final Options options;
  private final List<Row> rows = new ArrayList<>();

  private LocalControlPlaneBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new LocalControlPlaneBenchmark(Options.parse(args)).run();
    // moto's process and the SDK's daemon threads are gone; nothing else keeps the JVM up.
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.println("Machine");
    BenchmarkMachine.print(BenchmarkMachine.describe());
    System.out.printf(Locale.ROOT, "  %-10s %s%n", "jvm args",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println();

    String cannedBody;
    LocalControlPlane.Builder builder = LocalControlPlane.builder().standardServices();
    if (options.serverThreads > 0) {
      builder.threads(options.serverThreads);
    }
    long started = System.nanoTime();
    try (LocalControlPlane plane = builder.start(); SageMakerClient client = client(plane.endpoint())) {
      System.out.printf(Locale.ROOT, "Local control plane at %s, started in %.0f ms%n", plane.endpoint(),
          (System.nanoTime() - started) / 1e6);
      List<String> fleet = fleet(options.fleet);
      int steps = createEndpoints(client, fleet, () -> plane.advance(Duration.ofMinutes(1)));
      System.out.printf(Locale.ROOT, "%d endpoint(s) InService after %d simulated minute(s); heap after GC %.2f MiB%n%n",
          fleet.size(), steps, heapAfterGc(ManagementFactory.getMemoryMXBean()));
      cannedBody = rawDescribe(plane.endpoint());

      CallRate.Call call = describe(client, fleet);
      System.out.printf(Locale.ROOT, "Warm-up: %d s sequential%n", options.warmupSeconds);
      double warm = CallRate.runFor(call, 1, Duration.ofSeconds(options.warmupSeconds));
      System.out.printf(Locale.ROOT, "  %.0f calls/s%n%n", warm);

      Row row = new Row("LocalControlPlane (standardServices), SDK client");
      row.sequential = CallRate.rounds("local, 1 thread", call, 1, options.rounds, options.roundSeconds);
      row.concurrent = CallRate.rounds("local, " + options.threads + " threads, one client", call, options.threads,
          options.rounds, options.roundSeconds);
      rows.add(row);

      if (options.memoryCalls > 0) {
        memory(call);
      }
      if (options.pairedRounds > 0) {
        paired(call, cannedBody);
      }
    }

    if (!options.noCeiling) {
      ceiling(cannedBody);
    }
    if (!options.noMoto) {
      moto();
    }
    summary();
  }

  // ---------------------------------------------------------------- set-up

  private SageMakerClient client(URI endpoint) {
    return SageMakerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(options.apacheClient ? software.amazon.awssdk.http.apache.ApacheHttpClient.create()
            : UrlConnectionHttpClient.create())
        .build();
  }

  /** churn-prod, then {@code size - 1} more endpoint names. */
  private static List<String> fleet(int size) {
    List<String> names = new ArrayList<>();
    names.add(ENDPOINT);
    for (int i = 1; i < size; i++) {
      names.add(String.format(Locale.ROOT, "fleet-%04d-prod", i));
    }
    return names;
  }

  /**
   * Model, endpoint config, then every endpoint of {@code fleet} on that configuration; calls
   * {@code advance} until all are InService. Returns the steps taken.
   */
  private static int createEndpoints(SageMakerClient client, List<String> fleet, Runnable advance) {
    client.createModel(r -> r.modelName("churn-m1").executionRoleArn("arn:aws:iam::123456789012:role/sagemaker")
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.0")
            .modelDataUrl("s3://models/churn/model.tar.gz")));
    client.createEndpointConfig(r -> r.endpointConfigName("churn-c1").productionVariants(v -> v
        .variantName("AllTraffic").modelName("churn-m1").instanceType(ProductionVariantInstanceType.ML_M5_LARGE)
        .initialInstanceCount(2).initialVariantWeight(1.0f)));
    for (String name : fleet) {
      client.createEndpoint(r -> r.endpointName(name).endpointConfigName("churn-c1"));
    }
    int steps = 0;
    while (!fleet.stream().allMatch(name ->
        client.describeEndpoint(r -> r.endpointName(name)).endpointStatus() == EndpointStatus.IN_SERVICE)) {
      if (++steps > 120) {
        throw new IllegalStateException("the fleet is not InService after 120 steps");
      }
      advance.run();
    }
    return steps;
  }

  /**
   * One DescribeEndpoint through the SDK, of the fleet's endpoints in turn; checks the answer so a
   * failing server cannot look fast.
   */
  private static CallRate.Call describe(SageMakerClient client, List<String> fleet) {
    List<DescribeEndpointRequest> requests = fleet.stream()
        .map(name -> DescribeEndpointRequest.builder().endpointName(name).build()).toList();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    return () -> {
      DescribeEndpointRequest request = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
      if (client.describeEndpoint(request).endpointStatus() != EndpointStatus.IN_SERVICE) {
        throw new IllegalStateException(request.endpointName() + " is not InService");
      }
    };
  }

  /** The wire body of DescribeEndpoint as the control plane writes it, for the trivial server to replay. */
  private static String rawDescribe(URI endpoint) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response = http.send(describeRequest(endpoint), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("DescribeEndpoint answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static HttpRequest describeRequest(URI endpoint) {
    return HttpRequest.newBuilder(endpoint.resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", TARGET)
        .POST(HttpRequest.BodyPublishers.ofString("{\"EndpointName\":\"" + ENDPOINT + "\"}"))
        .build();
  }

  // ---------------------------------------------------------------- memory

  private void memory(CallRate.Call call) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    int samples = options.memoryCalls / options.sampleEvery;
    long[] calls = new long[samples + 1];
    double[] usedMiB = new double[samples + 1];
    System.out.printf(Locale.ROOT, "Memory: %,d calls from %d threads sharing the client, heap used after "
        + "System.gc() every %,d calls%n", options.memoryCalls, options.threads, options.sampleEvery);
    usedMiB[0] = heapAfterGc(memory);
    System.out.printf(Locale.ROOT, "  %,9d calls  %8.2f MiB%n", 0, usedMiB[0]);
    long callNanos = 0;
    for (int s = 1; s <= samples; s++) {
      long t0 = System.nanoTime();
      CallRate.runCalls(call, options.threads, options.sampleEvery);
      callNanos += System.nanoTime() - t0;
      calls[s] = (long) s * options.sampleEvery;
      usedMiB[s] = heapAfterGc(memory);
      System.out.printf(Locale.ROOT, "  %,9d calls  %8.2f MiB%n", calls[s], usedMiB[s]);
    }
    double slope = slope(calls, usedMiB); // MiB per call
    double min = Arrays.stream(usedMiB).min().orElse(0);
    double max = Arrays.stream(usedMiB).max().orElse(0);
    System.out.printf(Locale.ROOT, "  rate while sampling: %,.0f calls/s%n", samples * (double) options.sampleEvery
        / (callNanos / 1e9));
    System.out.printf(Locale.ROOT, "  least-squares slope: %+.1f KiB per 10,000 calls (%+.2f bytes per call); "
        + "fitted growth over the run %+.2f MiB; min %.2f, max %.2f MiB%n",
        slope * 10_000 * 1024, slope * 1024 * 1024, slope * options.memoryCalls, min, max);
    System.out.printf(Locale.ROOT, "  series (MiB): %s%n%n", Arrays.stream(usedMiB)
        .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).reduce((a, b) -> a + ", " + b).orElse(""));
  }

  private static double heapAfterGc(MemoryMXBean memory) throws InterruptedException {
    // Two collections and a pause: the second gathers what the first only made unreachable (finalisable
    // sockets, soft references cleared late), so a sample reflects live data.
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  /** Least-squares slope of y over x. */
  static double slope(long[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  // ---------------------------------------------------------------- references

  private void ceiling(String body) throws Exception {
    TrivialDescribeServer trivial = new TrivialDescribeServer(body, options.serverThreads > 0 ? options.serverThreads : 8);
    URI endpoint = trivial.endpoint();
    int seconds = options.referenceSeconds;
    try (SageMakerClient client = client(endpoint)) {
      CallRate.Call call = describe(client, List.of(ENDPOINT));
      CallRate.runFor(call, 1, Duration.ofSeconds(options.warmupSeconds / 2 + 1));
      Row row = new Row("trivial JDK HttpServer (canned body), same SDK client");
      row.sequential = CallRate.rounds("trivial server, SDK client, 1 thread", call, 1, 3, seconds);
      row.concurrent = CallRate.rounds("trivial server, SDK client, " + options.threads + " threads", call, options.threads, 3,
          seconds);
      rows.add(row);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = describeRequest(endpoint);
      CallRate.Call raw = () -> {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
      };
      CallRate.runFor(raw, 1, Duration.ofSeconds(options.warmupSeconds / 2 + 1));
      Row rawRow = new Row("trivial JDK HttpServer, raw JDK HttpClient (no SDK)");
      rawRow.sequential = CallRate.rounds("trivial server, raw JDK HttpClient, 1 thread", raw, 1, 3, seconds);
      rawRow.concurrent = CallRate.rounds("trivial server, raw JDK HttpClient, " + options.threads + " threads", raw,
          options.threads, 3, seconds);
      rows.add(rawRow);
    } finally {
      trivial.close();
    }
  }

  /**
   * The control plane against the trivial server in alternating short rounds, both servers up the
   * whole time: on a shared machine the load moves between rounds seconds apart, so the ratio of
   * two rounds side by side is steadier than the ratio of two series taken one after the other.
   * Prints each pair's ratio (local / trivial) and their median, from 1 thread and from
   * {@code --threads}.
   */
  private void paired(CallRate.Call local, String body) throws Exception {
    try (TrivialDescribeServer trivial = new TrivialDescribeServer(body, options.serverThreads > 0 ? options.serverThreads : 8);
        SageMakerClient client = client(trivial.endpoint())) {
      CallRate.Call canned = describe(client, List.of(ENDPOINT));
      CallRate.runFor(canned, 1, Duration.ofSeconds(options.warmupSeconds / 2 + 1));
      for (int threads : new int[] {1, options.threads}) {
        System.out.printf(Locale.ROOT, "Paired rounds, %d thread(s), %d s each: local, trivial server, local / trivial%n",
            threads, options.roundSeconds);
        double[] ratios = new double[options.pairedRounds];
        for (int i = 0; i < ratios.length; i++) {
          double localRate = CallRate.runFor(local, threads, Duration.ofSeconds(options.roundSeconds));
          double cannedRate = CallRate.runFor(canned, threads, Duration.ofSeconds(options.roundSeconds));
          ratios[i] = localRate / cannedRate;
          System.out.printf(Locale.ROOT, "  pair %d: %,.0f, %,.0f calls/s: %.2f (load %s)%n", i + 1, localRate, cannedRate,
              ratios[i], BenchmarkMachine.describe().get("load"));
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  local / trivial, %d thread(s): median %.2f (min %.2f, max %.2f)%n%n", threads,
            CallRate.median(ratios), sorted[0], sorted[sorted.length - 1]);
      }
    }
  }

  private void moto() throws Exception {
    Optional<Path> executable = MotoServer.locateExecutable(System.getenv());
    if (executable.isEmpty()) {
      System.out.println("moto_server: not installed; reference skipped (pip install 'moto[server]')");
      System.out.println();
      return;
    }
    try (MotoServer moto = MotoServer.start(); SageMakerClient client = client(moto.endpoint())) {
      System.out.printf(Locale.ROOT, "moto_server %s at %s, started in %d ms%n", motoVersion(executable.get()),
          moto.endpoint(), moto.startupTime().toMillis());
      createEndpoints(client, List.of(ENDPOINT), () -> sleep(Duration.ofMillis(100)));
      CallRate.Call call = describe(client, List.of(ENDPOINT));
      CallRate.runFor(call, 1, Duration.ofSeconds(2));
      Row row = new Row("moto_server, same SDK client");
      row.sequential = CallRate.rounds("moto_server, 1 thread", call, 1, 3, options.referenceSeconds);
      row.concurrent = CallRate.rounds("moto_server, " + options.threads + " threads", call, options.threads, 3,
          options.referenceSeconds);
      rows.add(row);
    }
  }

  private static String motoVersion(Path executable) {
    Path python = executable.resolveSibling("python");
    String version = Files.isExecutable(python)
        ? BenchmarkMachine.tryCapture(python.toString(), "-c", "import moto; print(moto.__version__)").strip()
        : BenchmarkMachine.tryCapture("python3", "-c", "import moto; print(moto.__version__)").strip();
    return version.contains(" ") || version.isEmpty() ? "" : version;
  }

  // ---------------------------------------------------------------- report

  private void summary() {
    Row local = rows.get(0);
    System.out.println("Summary: DescribeEndpoint calls/s, median of the rounds (target: at least 2,000 from one "
        + "client; flat memory)");
    System.out.println();
    System.out.printf(Locale.ROOT, "| server and client | 1 thread | %d threads, one client | local / this, "
        + "1 thread | local / this, %d threads |%n", options.threads, options.threads);
    System.out.println("|---|---:|---:|---:|---:|");
    for (Row row : rows) {
      double seq = CallRate.median(row.sequential);
      double con = CallRate.median(row.concurrent);
      String ratioSeq = row == local ? "" : String.format(Locale.ROOT, "%.2f", CallRate.median(local.sequential) / seq);
      String ratioCon = row == local ? "" : String.format(Locale.ROOT, "%.2f", CallRate.median(local.concurrent) / con);
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s |%n", row.label, seq, con, ratioSeq, ratioCon);
    }
    System.out.println();
    double best = Math.max(CallRate.median(local.sequential), CallRate.median(local.concurrent));
    System.out.printf(Locale.ROOT, "Target 2,000 calls/s: %s (1 thread %,.0f, %d threads %,.0f)%n",
        CallRate.median(local.sequential) >= 2000 ? "met from one thread" : best >= 2000 ? "met with " + options.threads
            + " threads only" : "MISSED", CallRate.median(local.sequential), options.threads, CallRate.median(local.concurrent));
  }

  private static final class Row {
    final String label;
    double[] sequential;
    double[] concurrent;

    Row(String label) {
      this.label = label;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final class Options {
    int warmupSeconds = 10;
    int rounds = 5;
    int roundSeconds = 5;
    int threads = 4;
    int memoryCalls = 100_000;
    int sampleEvery = 10_000;
    int referenceSeconds = 3;
    int serverThreads;
    int fleet = 1;
    int pairedRounds;
    boolean noMoto;
    boolean noCeiling;
    /** {@code --http-client apache}: the SDK's default synchronous HTTP client instead of URLConnection. */
    boolean apacheClient;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(args[++i]);
          case "--http-client" -> o.apacheClient = args[++i].equals("apache");
          case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
          case "--round-seconds" -> o.roundSeconds = Integer.parseInt(args[++i]);
          case "--threads" -> o.threads = Integer.parseInt(args[++i]);
          case "--memory-calls" -> o.memoryCalls = Integer.parseInt(args[++i]);
          case "--sample-every" -> o.sampleEvery = Integer.parseInt(args[++i]);
          case "--reference-seconds" -> o.referenceSeconds = Integer.parseInt(args[++i]);
          case "--server-threads" -> o.serverThreads = Integer.parseInt(args[++i]);
          case "--fleet" -> o.fleet = Math.max(1, Integer.parseInt(args[++i]));
          case "--paired-rounds" -> o.pairedRounds = Integer.parseInt(args[++i]);
          case "--no-moto" -> o.noMoto = true;
          case "--no-ceiling" -> o.noCeiling = true;
          default -> throw new IllegalArgumentException("unknown option " + arg
              + " (see LocalControlPlaneBenchmark's javadoc)");
        }
      }
      if (o.rounds < 1 || o.threads < 1 || o.sampleEvery < 1 || o.roundSeconds < 1 || o.referenceSeconds < 1) {
        throw new IllegalArgumentException("rounds, threads, seconds and --sample-every must be positive");
      }
      return o;
    }
  }
}
