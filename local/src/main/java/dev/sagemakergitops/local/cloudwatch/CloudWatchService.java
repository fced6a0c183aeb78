package dev.sagemakergitops.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.spi.AlarmReader;
import dev.sagemakergitops.local.spi.MetricRecorder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Amazon CloudWatch alarms and metrics, served in the AWS Query protocol (what the pinned Java SDK
 * 2.40.2 sends) and in Smithy RPC v2 CBOR (what the AWS CLI with botocore 1.43 sends). Both decode
 * into one input tree and render one output tree, so the two protocols cannot drift apart.
 *
 * <p>This class routes operations and holds the lock; {@link Alarms} and {@link Metrics} hold the
 * state and answer them. Provides {@link AlarmReader} (deployments watch alarms) and {@link
 * MetricRecorder} (invocations publish {@code AWS/SageMaker} metrics). See the package manual for
 * the evaluation rules.
 */
public final class CloudWatchService implements LocalService {
  static final String NAMESPACE_XML = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private final Metrics metrics = new Metrics();
  private final Alarms alarms = new Alarms(metrics);
  private final Map<String, BiFunction<JsonNode, Call, ObjectNode>> operations = new TreeMap<>();
  private String accountId = "123456789012";
  private SimulationClock clock;
  private Scheduler scheduler;

  /** What an operation knows of its call besides the input. */
  record Call(String region, Instant now, String accountId) {}

  public CloudWatchService() {
    operations.put("PutMetricAlarm", alarms::putMetricAlarm);
    operations.put("PutCompositeAlarm", alarms::putCompositeAlarm);
    operations.put("DescribeAlarms", alarms::describeAlarms);
    operations.put("SetAlarmState", alarms::setAlarmState);
    operations.put("DeleteAlarms", alarms::deleteAlarms);
    operations.put("PutMetricData", (input, call) -> {
      metrics.putMetricData(input, call);
      alarms.evaluate(call.region(), call.now());
      return null;
    });
    operations.put("GetMetricStatistics", metrics::getMetricStatistics);
    operations.put("GetMetricData", metrics::getMetricData);
  }

  @Override
  public void install(Installation installation) {
    this.accountId = installation.accountId();
    this.clock = installation.clock();
    this.scheduler = installation.scheduler();
    installation.route(new QueryRoute(this));
    installation.route(new CborRoute(this));
    // AWS JSON 1.0, which the AWS CLI v1 (botocore 1.43) picks from CloudWatch's protocol list.
    var json = installation.json("cloudwatch", "GraniteServiceVersion20100801");
    for (String operation : operations.keySet()) {
      json.register(operation, (input, context) -> {
        ObjectNode output = invoke(operation, input, context.region(), context.now());
        return output == null ? null : jsonTimestamps(output);
      });
    }
    installation.provide(AlarmReader.class, (region, alarmName) -> state(region, alarmName));
    installation.provide(MetricRecorder.class, this::record);
    installation.adminAction("tripAlarm", (arguments, context) -> {
      trip(arguments.path("region").asText(context.region()), arguments.path("alarmName").asText());
      return Json.object().put("alarmName", arguments.path("alarmName").asText()).put("stateValue", "ALARM");
    });
    installation.adminAction("clearAlarm", (arguments, context) -> {
      clear(arguments.path("region").asText(context.region()), arguments.path("alarmName").asText());
      return Json.object().put("alarmName", arguments.path("alarmName").asText()).put("stateValue", "OK");
    });
  }

  // --- scenario controls and capabilities ------------------------------------------------------

  /**
   * Puts the alarm in ALARM and keeps it there, whatever its metrics say, until {@link #clear}: the
   * way a test makes a deployment's rollback alarm fire at a chosen moment.
   *
   * @throws IllegalArgumentException when the alarm does not exist
   */
  public synchronized void trip(String region, String alarmName) {
    alarms.trip(region, alarmName, now());
  }

  /**
   * Releases a {@link #trip} and puts the alarm in OK, held until its next evaluation (one period),
   * after which its metrics decide again.
   */
  public synchronized void clear(String region, String alarmName) {
    alarms.clear(region, alarmName, now());
  }

  /** The alarm's state after evaluating it at the simulation's now: OK, ALARM or INSUFFICIENT_DATA. */
  public synchronized Optional<String> state(String region, String alarmName) {
    return alarms.state(region, alarmName, now());
  }

  /** Publishes one value, as the simulation's invocations do; alarms on that metric are evaluated at once. */
  public synchronized void record(String region, String namespace, String metricName, Map<String, String> dimensions,
      double value, String unit, Instant timestamp) {
    metrics.record(region, namespace, metricName, dimensions, value, unit, timestamp);
    alarms.evaluate(region, now());
  }

  // --- protocol entry ----------------------------------------------------------------------------

  boolean knows(String operation) {
    return operations.containsKey(operation);
  }

  /** Runs {@code operation} on a decoded input; {@code null} output means an empty result. */
  synchronized ObjectNode invoke(String operation, JsonNode input, String region, Instant now) {
    BiFunction<JsonNode, Call, ObjectNode> handler = operations.get(operation);
    if (handler == null) {
      throw CloudWatchException.invalidAction(operation);
    }
    return handler.apply(input, new Call(region, now, accountId));
  }

  /** The output tree with its timestamps as the JSON protocols send them: epoch seconds. */
  private static JsonNode jsonTimestamps(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.POJONode pojo && pojo.getPojo() instanceof Instant instant) {
      return Json.MAPPER.getNodeFactory().numberNode(Json.timestamp(instant));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.object();
      object.properties().forEach(field -> copy.set(field.getKey(), jsonTimestamps(field.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      array.forEach(element -> copy.add(jsonTimestamps(element)));
      return copy;
    }
    return node;
  }

  /**
   * The simulation's now: the time of the event being run, or of the request being answered (the
   * control plane runs due events before each request); the clock's before the first of either.
   */
  private Instant now() {
    Instant current = scheduler == null ? Instant.EPOCH : scheduler.current();
    return current.equals(Instant.EPOCH) && clock != null ? clock.instant() : current;
  }
}
