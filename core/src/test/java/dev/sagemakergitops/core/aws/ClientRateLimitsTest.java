package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.world.LocalCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;

class ClientRateLimitsTest {

  @Test
  void parse_whenBlank_isTheDocumentedDefaults() {
    assertThat(ClientRateLimits.parse("").rates()).containsExactly(
        java.util.Map.entry("sagemaker", 10.0), java.util.Map.entry("cloudwatch", 9.0),
        java.util.Map.entry("applicationautoscaling", 5.0));
    assertThat(ClientRateLimits.defaults().rates()).isEqualTo(ClientRateLimits.parse(null).rates());
  }

  @Test
  void parse_whenSomeServicesAreNamed_changesThoseAndKeepsTheOtherDefaults() {
    ClientRateLimits limits = ClientRateLimits.parse("SageMaker=20, cloudwatch=off, s3=2.5");

    assertThat(limits.rates()).containsEntry("sagemaker", 20.0).containsEntry("s3", 2.5)
        .containsEntry("applicationautoscaling", 5.0).doesNotContainKey("cloudwatch");
  }

  @Test
  void parse_whenOff_limitsNothing() {
    assertThat(ClientRateLimits.parse("off").limits()).isFalse();
  }

  @Test
  void parse_whenAnEntryIsWrong_namesItAndWhatWasExpected() {
    assertThatThrownBy(() -> ClientRateLimits.parse("sagemaker=fast"))
        .hasMessage("'sagemaker=fast': expected a number of requests a second above 0, or off");
    assertThatThrownBy(() -> ClientRateLimits.parse("sagemaker"))
        .hasMessage("'sagemaker': expected service=requests-per-second, for example sagemaker=10, or off");
    assertThatThrownBy(() -> ClientRateLimits.parse("sagemaker=0")).hasMessageContaining("above 0");
  }

  @Test
  void reserve_whenCallsComeFasterThanTheRate_spacesThemOneOverTheRateApartAfterTheBurst() {
    AtomicLong now = new AtomicLong();
    TokenBucket bucket = new TokenBucket(10, 10, now::get, duration -> { });
    List<Duration> waits = new ArrayList<>();

    for (int i = 0; i < 13; i++) {
      waits.add(bucket.reserve());
    }

    assertThat(waits.subList(0, 10)).containsOnly(Duration.ZERO);
    assertThat(waits.subList(10, 13)).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(300));
  }

  @Test
  void reserve_whenTimePasses_refillsAtTheRateUpToTheBurst() {
    AtomicLong now = new AtomicLong();
    TokenBucket bucket = new TokenBucket(10, 10, now::get, duration -> { });
    for (int i = 0; i < 10; i++) {
      bucket.reserve();
    }

    now.addAndGet(Duration.ofMillis(500).toNanos());
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(bucket.reserve());
    }
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.reserve()).isZero();
    }

    assertThat(waits.subList(0, 5)).containsOnly(Duration.ZERO);
    assertThat(waits.get(5)).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void interceptor_whenSageMakerIsCalledFasterThanItsLimit_holdsTheCallsBackButNotOtherServices() {
    try (LocalCloud cloud = LocalCloud.start()) {
      AtomicLong now = new AtomicLong();
      List<Duration> waits = new ArrayList<>();
      ClientRateLimits limits = ClientRateLimits.parse("sagemaker=5,cloudwatch=off");
      try (AwsClients clients = AwsClients.create(new AwsSettings(LocalCloud.REGION, null, cloud.endpoint(), null,
          null, null), List.of(limits.interceptor(now::get, waits::add)))) {
        for (int i = 0; i < 7; i++) {
          clients.sageMaker().listEndpoints();
        }
        for (int i = 0; i < 12; i++) {
          clients.cloudWatch().describeAlarms();
        }
      }

      assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void create_whenRatesAreLimited_spacesRealCallsAndRetriesAdaptively() {
    try (LocalCloud cloud = LocalCloud.start();
        AwsClients clients = AwsClients.create(new AwsSettings(LocalCloud.REGION, null, cloud.endpoint(), null,
            null, null), List.of(), ClientRateLimits.parse("sagemaker=20"))) {
      long start = System.nanoTime();
      for (int i = 0; i < 31; i++) {
        clients.sageMaker().listEndpoints();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      // 20 from the full bucket, then 11 more at 20 a second: at least 550 ms, however fast the machine.
      assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(540));
      assertThat(clients.retryMode()).isEqualTo(RetryMode.ADAPTIVE_V2);
    }
  }

  @Test
  void create_whenNothingIsLimited_keepsTheStandardRetryMode() {
    try (AwsClients clients = AwsClients.create(new AwsSettings(LocalCloud.REGION, null, null, null, null, null),
        List.of(), ClientRateLimits.none())) {
      assertThat(clients.retryMode()).isEqualTo(RetryMode.STANDARD);
    }
  }

  @Test
  void acquire_whenTheBucketIsEmpty_waitsWithTheSleeperItWasGiven() throws Exception {
    AtomicLong now = new AtomicLong();
    List<Duration> slept = new ArrayList<>();
    TokenBucket bucket = new TokenBucket(2, 1, now::get, slept::add);

    bucket.acquire();
    bucket.acquire();

    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }
}
