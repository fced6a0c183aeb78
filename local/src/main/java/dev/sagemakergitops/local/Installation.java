package dev.sagemakergitops.local;

import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.JsonService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link LocalService} installs itself into: the shared JSON services, routes, admin actions and the simulation. */
public final class Installation {
  private final Map<String, JsonService> jsonServices = new LinkedHashMap<>();
  private final List<HttpRoute> routes = new ArrayList<>();
  private final Map<String, AdminAction> adminActions = new LinkedHashMap<>();
  private final Map<Class<?>, LocalService> services = new LinkedHashMap<>();
  private final Map<Class<?>, Object> capabilities = new LinkedHashMap<>();
  private final SimulationClock clock;
  private final Scheduler scheduler;
  private final String accountId;
  private final String defaultRegion;
  private final dev.sagemakergitops.local.fault.ConsistencyDelay consistency;

  Installation(SimulationClock clock, Scheduler scheduler, String accountId, String defaultRegion,
      List<LocalService> all, dev.sagemakergitops.local.fault.ConsistencyDelay consistency) {
    this.consistency = consistency;
    this.clock = clock;
    this.scheduler = scheduler;
    this.accountId = accountId;
    this.defaultRegion = defaultRegion;
    for (LocalService service : all) {
      services.put(service.getClass(), service);
    }
  }

  /** The AWS JSON 1.1 service with this target prefix, created on first use (several parts share SageMaker's). */
  public JsonService json(String modelName, String targetPrefix) {
    return jsonServices.computeIfAbsent(targetPrefix, prefix -> new JsonService(modelName, prefix));
  }

  public void route(HttpRoute route) {
    routes.add(route);
  }

  public void adminAction(String name, AdminAction action) {
    if (adminActions.putIfAbsent(name, action) != null) {
      throw new IllegalStateException("admin action " + name + " is registered twice");
    }
  }

  /** Another installed service, for example the CloudWatch service whose alarms a deployment watches. */
  public <T extends LocalService> T service(Class<T> type) {
    LocalService service = services.get(type);
    if (service == null) {
      throw new IllegalStateException(type.getSimpleName() + " is not installed in this control plane");
    }
    return type.cast(service);
  }

  /**
   * Offers {@code implementation} as the control plane's {@code type} (see the {@code spi} package):
   * how services use each other without knowing which class serves what.
   */
  public <T> void provide(Class<T> type, T implementation) {
    if (capabilities.putIfAbsent(type, implementation) != null) {
      throw new IllegalStateException(type.getSimpleName() + " is provided twice");
    }
  }

  /**
   * The implementation of {@code type}. Call it when handling a request or an event, not during
   * {@code install}, since the provider may install later.
   */
  public <T> T capability(Class<T> type) {
    Object implementation = capabilities.get(type);
    if (implementation == null) {
      throw new IllegalStateException("no installed service provides " + type.getSimpleName());
    }
    return type.cast(implementation);
  }

  /** The implementation of {@code type}, if an installed service provides one (call it as {@link #capability}). */
  public <T> java.util.Optional<T> optionalCapability(Class<T> type) {
    return java.util.Optional.ofNullable(capabilities.get(type)).map(type::cast);
  }

  /** Another installed service, if this control plane has it. */
  public <T extends LocalService> java.util.Optional<T> optionalService(Class<T> type) {
    return java.util.Optional.ofNullable(services.get(type)).map(type::cast);
  }

  /** Eventual consistency of newly created resources; services record creations and ask before they answer. */
  public dev.sagemakergitops.local.fault.ConsistencyDelay consistency() {
    return consistency;
  }

  public SimulationClock clock() {
    return clock;
  }

  /** The simulation's agenda; events run under the control plane's lock before each request. */
  public Scheduler scheduler() {
    return scheduler;
  }

  public String accountId() {
    return accountId;
  }

  public String defaultRegion() {
    return defaultRegion;
  }

  Map<String, JsonService> jsonServices() {
    return jsonServices;
  }

  List<HttpRoute> routes() {
    return routes;
  }

  Map<String, AdminAction> adminActions() {
    return adminActions;
  }
}
