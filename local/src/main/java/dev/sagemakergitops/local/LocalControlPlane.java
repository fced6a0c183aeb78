package dev.sagemakergitops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.local.fault.FaultInjector;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.JsonErrors;
import dev.sagemakergitops.local.protocol.JsonService;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.protocol.RequestValidator;
import dev.sagemakergitops.local.replay.InputLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local AWS control plane: one loopback port that serves every installed service over its real
 * wire protocol, so unmodified AWS SDK clients and the AWS CLI talk to it through
 * {@code AWS_ENDPOINT_URL}.
 *
 * <p>Calls are told apart the way AWS tells them apart: by the SigV4 credential scope's service
 * ({@code s3}, {@code monitoring}, ...), by {@code X-Amz-Target} for the JSON 1.1 services, and by
 * path for REST protocols. Every call is handled under one lock, after the simulation has run every
 * event due by the clock's now, so answers are consistent and, on a virtual clock, deterministic.
 *
 * <p>{@code /_local/} is the admin surface: {@code GET /_local/clock}, {@code POST /_local/clock}
 * with {@code {"advanceSeconds": n}}, {@code POST /_local/faults} with a {@link CallFault} as JSON
 * (or {@code {"consistencyDelaySeconds": n}} for eventual consistency),
 * {@code DELETE /_local/faults}, and {@code POST /_local/actions/<name>} for scenario controls.
 */
public final class LocalControlPlane implements AutoCloseable {
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";
  public static final String DEFAULT_REGION = "us-east-1";

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulationClock clock;
  private final Scheduler scheduler = new Scheduler();
  private final FaultInjector faults;
  private final RequestValidator validator;
  private final Installation installation;
  private final String accountId;
  private final String defaultRegion;
  private final Object lock = new Object();
  /** Where inputs go while {@link #recordInputs} records, else {@code null}. */
  private java.util.function.Consumer<InputLog.Entry> recording;

  private LocalControlPlane(Builder builder) throws IOException {
    this.clock = builder.clock;
    this.faults = new FaultInjector(builder.seed);
    this.validator = builder.validator;
    this.accountId = builder.accountId;
    this.defaultRegion = builder.region;
    this.faults.consistencyDelay(builder.consistencyDelay);
    this.installation = new Installation(clock, scheduler, accountId, defaultRegion, builder.services,
        faults.consistency());
    for (LocalService service : builder.services) {
      service.install(installation);
    }
    enableNoDelay();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 256);
    this.executor = Executors.newFixedThreadPool(builder.threads, runnable -> {
      Thread thread = new Thread(runnable, "local-control-plane");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Turns on TCP_NODELAY for the JDK HTTP server's connections (its own switch, the system property
   * {@code sun.net.httpserver.nodelay}), unless the property was set explicitly. The JDK server sends
   * the status line and headers, then the body, as two TCP segments; with Nagle's algorithm on (the
   * JDK's default) the body waits for the client's delayed ACK, about 40 ms on Linux, which held one
   * client connection to about 20 calls per second. The JDK reads the property once, when the first
   * server of the JVM starts.
   */
  private static void enableNoDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL}. */
  public URI endpoint() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort());
  }

  public SimulationClock clock() {
    return clock;
  }

  public FaultInjector faults() {
    return faults;
  }

  public String accountId() {
    return accountId;
  }

  /** An installed service, for its scenario controls (for example failing a training job). */
  public <T extends LocalService> T service(Class<T> type) {
    return installation.service(type);
  }

  /**
   * Runs {@code action} on the simulation under the control plane's lock, after every event due by
   * now: the way Java callers change scenario state consistently with requests in flight.
   */
  public <T> T withSimulation(java.util.function.Supplier<T> action) {
    synchronized (lock) {
      scheduler.runUntil(clock.instant());
      return action.get();
    }
  }

  /** Moves a clock forward and runs what became due. */
  public void advance(Duration duration) {
    synchronized (lock) {
      clock.advance(duration);
      scheduler.runUntil(clock.instant());
      if (recording != null) {
        recording.accept(new InputLog.Advance(duration));
      }
    }
  }

  /**
   * Test support, not AWS behaviour (see {@link dev.sagemakergitops.local.replay}): from now on,
   * every call through the endpoint and every {@link #advance} is appended to the returned log, so
   * that a twin prepared the same way can be brought to this state by {@link #replay}.
   */
  public InputLog recordInputs() {
    synchronized (lock) {
      InputLog log = new InputLog();
      recording = log::add;
      return log;
    }
  }

  /**
   * Test support, not AWS behaviour (see {@link dev.sagemakergitops.local.replay}): takes
   * {@code inputs} (another control plane's, recorded from the same starting state) as if they
   * arrived now, in order, and checks that every call gets the answer it got there.
   *
   * @throws IllegalStateException naming the first call whose answer differs: the two control
   *     planes were not in the same state, or something in between was not recorded
   */
  public void replay(List<InputLog.Entry> inputs) {
    int number = 0;
    for (InputLog.Entry input : inputs) {
      number++;
      if (input instanceof InputLog.Advance advance) {
        advance(advance.duration());
        continue;
      }
      InputLog.Call recorded = (InputLog.Call) input;
      recorded.requireAnswered(number, InputLog.Call.of(recorded.call(), recorded.requestId(),
          answer(recorded.call(), recorded.requestId())));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpCall call = HttpExchanges.read(exchange, defaultRegion);
      String requestId = UUID.randomUUID().toString();
      HttpAnswer answer = answer(call, requestId);
      if (answer == null) {
        // DROP_CONNECTION: close the socket without a status line.
        return;
      }
      HttpExchanges.write(exchange, answer, requestId);
    }
  }

  /** Answers one call under {@code requestId} and records it; {@code null} to drop the connection. */
  private HttpAnswer answer(HttpCall call, String requestId) {
    if (call.path().startsWith("/_local/")) {
      HttpAnswer answer = admin(call, requestId);
      record(call, requestId, answer);
      return answer;
    }
    synchronized (lock) {
      Instant now = clock.instant();
      scheduler.runUntil(now);
      HttpAnswer answer = dispatch(call, new RequestContext(call.region(), accountId, requestId, now));
      record(call, requestId, answer);
      return answer;
    }
  }

  private void record(HttpCall call, String requestId, HttpAnswer answer) {
    synchronized (lock) {
      if (recording != null) {
        recording.accept(InputLog.Call.of(call, requestId, answer));
      }
    }
  }

  /** Returns {@code null} to drop the connection. */
  private HttpAnswer dispatch(HttpCall call, RequestContext context) {
    String target = call.header("x-amz-target");
    if (target != null && target.contains(".")) {
      String prefix = target.substring(0, target.indexOf('.'));
      String operation = target.substring(target.indexOf('.') + 1);
      JsonService service = installation.jsonServices().get(prefix);
      if (service == null) {
        return jsonError(new AwsServiceException("UnknownOperationException", 400,
            "The local control plane does not serve " + prefix));
      }
      Optional<CallFault.Kind> fault = faults.pick(serviceOf(call, service), operation);
      if (fault.isPresent()) {
        AwsServiceException error = faultError(fault.get());
        return error == null ? null : jsonError(error);
      }
      try {
        ObjectNode input = call.body().length == 0 ? Json.object()
            : (ObjectNode) Json.MAPPER.readTree(call.body());
        validator.validate(service.name(), operation, input);
        JsonNode output = service.operation(operation).invoke(input, context);
        byte[] body = output == null ? "{}".getBytes(StandardCharsets.UTF_8) : Json.MAPPER.writeValueAsBytes(output);
        return HttpAnswer.of(200, "application/x-amz-json-1.1", body);
      } catch (AwsServiceException e) {
        return jsonError(e);
      } catch (IOException | ClassCastException e) {
        return jsonError(new AwsServiceException("SerializationException", 400, "the request body is not a JSON object"));
      }
    }
    for (HttpRoute route : installation.routes()) {
      if (route.accepts(call)) {
        Optional<CallFault.Kind> fault = faults.pick(call.signingService(), route.operationOf(call));
        if (fault.isPresent()) {
          AwsServiceException error = faultError(fault.get());
          return error == null ? null : route.error(error, context);
        }
        try {
          return route.answer(call, context);
        } catch (AwsServiceException e) {
          return route.error(e, context);
        }
      }
    }
    return jsonError(new AwsServiceException("UnknownOperationException", 404,
        "The local control plane has no route for " + call.method() + " " + call.path()));
  }

  private static String serviceOf(HttpCall call, JsonService service) {
    return call.signingService().isEmpty() ? service.name() : call.signingService();
  }

  /** The error a fault answers with, or {@code null} for a dropped connection. */
  private static AwsServiceException faultError(CallFault.Kind kind) {
    return switch (kind) {
      case THROTTLE -> new AwsServiceException("ThrottlingException", 400, "Rate exceeded");
      case INTERNAL_ERROR -> new AwsServiceException("InternalFailure", 500,
          "The request processing has failed because of an unknown error, exception or failure.");
      case UNAVAILABLE -> new AwsServiceException("ServiceUnavailable", 503, "Service Unavailable");
      case DROP_CONNECTION -> null;
      case EXPIRED_TOKEN -> new AwsServiceException("ExpiredTokenException", 403,
          "The security token included in the request is expired");
    };
  }

  /** The AWS JSON error shape; Java and botocore read {@code __type} and {@code message}. */
  public static HttpAnswer jsonError(AwsServiceException e) {
    return JsonErrors.answer(e);
  }

  private HttpAnswer admin(HttpCall call, String requestId) {
    synchronized (lock) {
      try {
        scheduler.runUntil(clock.instant());
        RequestContext context = new RequestContext(call.region(), accountId, requestId, clock.instant());
        String path = call.path();
        JsonNode arguments = call.body().length == 0 ? Json.object() : Json.MAPPER.readTree(call.body());
        ObjectNode out = Json.object();
        if (path.equals("/_local/clock")) {
          if (call.method().equals("POST")) {
            long seconds = arguments.path("advanceSeconds").asLong(0);
            clock.advance(Duration.ofSeconds(seconds));
            scheduler.runUntil(clock.instant());
          }
          out.put("now", clock.instant().toString());
          out.put("virtual", clock.isVirtual());
          out.put("pendingEvents", scheduler.pending());
          return HttpAnswer.text(200, "application/json", out.toString());
        }
        if (path.equals("/_local/faults")) {
          if (call.method().equals("DELETE")) {
            faults.clear();
            faults.consistencyDelay(Duration.ZERO);
          } else if (call.method().equals("POST") && arguments.has("consistencyDelaySeconds")) {
            faults.consistencyDelay(Duration.ofMillis(Math.round(arguments.get("consistencyDelaySeconds").asDouble() * 1000)));
          } else if (call.method().equals("POST")) {
            faults.add(new CallFault(
                CallFault.Kind.valueOf(arguments.path("kind").asText().toUpperCase(Locale.ROOT)),
                arguments.path("service").asText("*"), arguments.path("operation").asText("*"),
                arguments.path("share").asDouble(1.0), arguments.path("count").asInt(-1)));
          }
          out.set("faults", Json.MAPPER.valueToTree(faults.faults()));
          out.put("consistencyDelaySeconds", faults.consistency().delay().toMillis() / 1000.0);
          return HttpAnswer.text(200, "application/json", out.toString());
        }
        if (path.startsWith("/_local/actions/") && call.method().equals("POST")) {
          String name = path.substring("/_local/actions/".length());
          AdminAction action = installation.adminActions().get(name);
          if (action == null) {
            throw AwsServiceException.validation("unknown admin action '" + name + "'; known: "
                + String.join(", ", installation.adminActions().keySet()));
          }
          JsonNode result = action.run(arguments, context);
          return HttpAnswer.text(200, "application/json", result == null ? "{}" : result.toString());
        }
        throw new AwsServiceException("NotFound", 404, "no admin resource " + call.method() + " " + path);
      } catch (AwsServiceException e) {
        return jsonError(e);
      } catch (IOException | IllegalArgumentException e) {
        return jsonError(AwsServiceException.validation(e.getMessage()));
      }
    }
  }

  /** Settings of a control plane; {@link #start()} binds the port. */
  public static final class Builder {
    private int port;
    private SimulationClock clock = SimulationClock.virtual(Instant.parse("2026-01-01T00:00:00Z"));
    private long seed = 1;
    private String accountId = DEFAULT_ACCOUNT_ID;
    private String region = DEFAULT_REGION;
    private int threads = 8;
    private Duration consistencyDelay = Duration.ZERO;
    private RequestValidator validator = dev.sagemakergitops.local.validation.ServiceModelValidator.bundled();
    private final List<LocalService> services = new ArrayList<>();

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder clock(SimulationClock clock) {
      this.clock = clock;
      return this;
    }

    /** Seeds fault injection and any other randomness, so runs replay. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /** The region of unsigned requests. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Keeps each new resource invisible, for this long of simulated time, to the calls that use it
     * and to its own Describe, as AWS's eventual consistency may (see {@code fault.ConsistencyDelay}).
     */
    public Builder consistencyDelay(Duration delay) {
      this.consistencyDelay = delay;
      return this;
    }

    public Builder validator(RequestValidator validator) {
      this.validator = validator;
      return this;
    }

    public Builder service(LocalService service) {
      services.add(service);
      return this;
    }

    /**
     * Every service the control plane has: S3, ECR, CloudWatch, Application Auto Scaling, and
     * SageMaker (tags, training, the model registry, hosting with runtime and inference experiments,
     * batch transform), and CodeCommit's pull requests and their comments. What {@code sagemaker-gitops
     * local} and the embedded default run.
     */
    public Builder standardServices() {
      return service(new dev.sagemakergitops.local.s3.S3Service())
          .service(new dev.sagemakergitops.local.ecr.EcrService())
          .service(new dev.sagemakergitops.local.cloudwatch.CloudWatchService())
          .service(new dev.sagemakergitops.local.autoscaling.ApplicationAutoScalingService())
          .service(new dev.sagemakergitops.local.sagemaker.tags.Tags())
          .service(new dev.sagemakergitops.local.sagemaker.training.TrainingJobs())
          .service(new dev.sagemakergitops.local.sagemaker.registry.ModelRegistry())
          .service(new dev.sagemakergitops.local.sagemaker.hosting.HostingService())
          .service(new dev.sagemakergitops.local.sagemaker.transform.TransformJobs())
          .service(new dev.sagemakergitops.local.codecommit.CodeCommitService());
    }

    public LocalControlPlane start() {
      try {
        return new LocalControlPlane(this);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot start the local control plane on port " + port, e);
      }
    }
  }
}
