package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.operation.Sleeper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One client-side rate limit per AWS service, shared by every call of the process (every client of
 * {@link AwsClients} and every operation that uses them): a {@link TokenBucket} per service that
 * each request attempt takes a token from before it is sent, so that a sync of a hundred endpoints
 * stays under the account's API quotas instead of finding them by being throttled. The SDK's
 * adaptive retry mode ({@code adaptive_v2}) comes with it, and slows down further when AWS throttles
 * all the same (another tool on the account, a lower quota).
 *
 * <p>The defaults ({@link #DEFAULTS}), in requests a second per service and region, with where they
 * come from:
 * <ul>
 *   <li>{@code sagemaker=10}: SageMaker's control-plane request rates are not published (its
 *       quotas page, https://docs.aws.amazon.com/general/latest/gr/sagemaker.html, lists resources,
 *       not request rates; throttling returns {@code ThrottlingException}); 10 is the cautious reading.
 *   <li>{@code cloudwatch=9}: {@code DescribeAlarms} is limited to 9 transactions a second
 *       (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html), the
 *       CloudWatch call a deployment makes most.
 *   <li>{@code applicationautoscaling=5}: not published; the cautious reading.
 *   <li>other services (ECR, S3, STS): no limit; a sync calls them a few times per manifest.
 * </ul>
 * Changed with {@code SAGEMAKER_GITOPS_RATE_LIMITS} (see {@link #parse}); {@code off} turns it off.
 */
public final class ClientRateLimits {
  /** The environment variable that changes the limits. */
  public static final String VARIABLE = "SAGEMAKER_GITOPS_RATE_LIMITS";
  /** The default limits, as {@link #parse} reads them. */
  public static final String DEFAULTS = "sagemaker=10,cloudwatch=9,applicationautoscaling=5";

  private final Map<String, Double> rates;

  private ClientRateLimits(Map<String, Double> rates) {
    this.rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
  }

  /** The defaults of {@link #DEFAULTS}. */
  public static ClientRateLimits defaults() {
    return parse(DEFAULTS);
  }

  /** No limit on any service (and the SDK's retry mode as configured). */
  public static ClientRateLimits none() {
    return new ClientRateLimits(Map.of());
  }

  /**
   * Reads {@code service=rate,...} (requests a second, decimals allowed) over the defaults, for
   * example {@code sagemaker=20} or {@code sagemaker=4,cloudwatch=2}; {@code service=off} lifts one
   * limit, {@code off} all of them; blank means the defaults.
   *
   * @throws IllegalArgumentException naming the entry that is wrong and what was expected
   */
  public static ClientRateLimits parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equalsIgnoreCase("off")) {
      return none();
    }
    Map<String, Double> rates = new LinkedHashMap<>();
    if (!DEFAULTS.equals(trimmed)) {
      rates.putAll(parse(DEFAULTS).rates);
    }
    if (trimmed.isEmpty()) {
      return new ClientRateLimits(rates);
    }
    for (String entry : trimmed.split(",")) {
      String[] parts = entry.split("=", 2);
      String service = parts[0].trim().toLowerCase(Locale.ROOT).replace("-", "");
      if (parts.length != 2 || service.isEmpty()) {
        throw new IllegalArgumentException("'" + entry.trim() + "': expected service=requests-per-second, for example"
            + " sagemaker=10, or off");
      }
      String value = parts[1].trim();
      if (value.equalsIgnoreCase("off")) {
        rates.remove(service);
        continue;
      }
      double rate;
      try {
        rate = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        rate = -1;
      }
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("'" + entry.trim() + "': expected a number of requests a second above 0,"
            + " or off");
      }
      rates.put(service, rate);
    }
    return new ClientRateLimits(rates);
  }

  /** The limits, requests a second by service (lower case, as {@link #parse} reads them). */
  public Map<String, Double> rates() {
    return rates;
  }

  /** Whether any service is limited. */
  public boolean limits() {
    return !rates.isEmpty();
  }

  /**
   * The interceptor that enforces these limits on every client it is put on, one bucket per
   * service (and region) for all of them, waiting with {@code sleeper} on the {@code nanoTime} clock.
   */
  public ExecutionInterceptor interceptor(LongSupplier nanoTime, Sleeper sleeper) {
    return new Interceptor(this, nanoTime, sleeper);
  }

  /** The interceptor on real time. */
  public ExecutionInterceptor interceptor() {
    return interceptor(System::nanoTime, Sleeper.real());
  }

  @Override
  public String toString() {
    return rates.isEmpty() ? "off" : rates.toString();
  }

  /** Takes a token before each attempt is sent: retries count against the quota as much as first tries. */
  private static final class Interceptor implements ExecutionInterceptor {
    private final ClientRateLimits limits;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, TokenBucket> buckets = new java.util.concurrent.ConcurrentHashMap<>();

    Interceptor(ClientRateLimits limits, LongSupplier nanoTime, Sleeper sleeper) {
      this.limits = Objects.requireNonNull(limits, "limits");
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
          .toLowerCase(Locale.ROOT).replace("-", "");
      Double rate = limits.rates.get(service);
      if (rate == null) {
        return;
      }
      // AWS counts quotas per account and region, so one bucket per region.
      String key = service + "/" + attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
      TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rate, Math.max(1, rate), nanoTime, sleeper));
      try {
        bucket.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AbortedException.create("interrupted while waiting under the client-side rate limit of " + service);
      }
    }
  }
}
