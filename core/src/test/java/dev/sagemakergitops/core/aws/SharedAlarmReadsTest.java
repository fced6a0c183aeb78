package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The rollback-alarm reads one command shares, against the local control plane over the real SDK,
 * on its virtual clock: which looks are served from one {@code DescribeAlarms}, and which read again.
 */
class SharedAlarmReadsTest {
  private static final Duration WATCH = Duration.ofMinutes(1);

  private LocalAws aws;
  private CloudWatchClient cloudWatch;
  private SharedAlarmReads reads;

  @BeforeEach
  void setUp() {
    aws = LocalAws.start();
    AwsClients clients = aws.clients();
    cloudWatch = clients.cloudWatch(LocalAws.REGION);
    reads = clients.sharedAlarmReads(LocalAws.REGION);
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private String alarm(String name) {
    cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    return name;
  }

  private Instant now() {
    return aws.local().clock().instant();
  }

  private long describeAlarms() {
    return aws.calls().count("DescribeAlarms");
  }

  private static List<String> names(SharedAlarmReads.Reading reading) {
    return reading.alarms().stream().map(AlarmLookup.Alarm::name).toList();
  }

  @Test
  void read_whenAnotherDeploymentLooksAtTheSameMoment_servesBothFromOneCallEachItsOwnAlarms() {
    String a = alarm("fleet-a-5xx");
    String b = alarm("fleet-b-5xx");
    reads.expect("fleet-b", List.of(b), now(), now().plus(WATCH));
    aws.calls().clear();

    SharedAlarmReads.Reading first = reads.read("fleet-a", List.of(a), now(), WATCH);
    SharedAlarmReads.Reading second = reads.read("fleet-b", List.of(b), now(), WATCH);

    assertThat(describeAlarms()).isEqualTo(1);
    assertThat(names(first)).containsExactly(a);
    assertThat(names(second)).containsExactly(b);
    assertThat(second.readAt()).isEqualTo(first.readAt());
  }

  @Test
  void read_whenTheReadIsOlderThanTheFreshness_readsAgain() {
    String a = alarm("fleet-a-5xx");
    String b = alarm("fleet-b-5xx");
    reads.read("fleet-a", List.of(a), now(), WATCH);
    reads.read("fleet-b", List.of(b), now(), WATCH);
    aws.advance(Duration.ofMinutes(1));
    SharedAlarmReads.Reading fresh = reads.read("fleet-a", List.of(a), now(), WATCH);
    aws.calls().clear();

    aws.advance(SharedAlarmReads.FRESHNESS);
    SharedAlarmReads.Reading atTheEdge = reads.read("fleet-b", List.of(b), now(), WATCH);
    aws.advance(Duration.ofMillis(1));
    SharedAlarmReads.Reading past = reads.read("fleet-a", List.of(a), now(), WATCH);

    assertThat(atTheEdge.readAt()).isEqualTo(fresh.readAt());
    assertThat(past.readAt()).isEqualTo(now());
    assertThat(describeAlarms()).isEqualTo(1);
  }

  @Test
  void read_whenTheSameDeploymentLooksAgain_neverServesItTheReadItHasSeen() {
    String a = alarm("fleet-a-5xx");
    reads.read("fleet-a", List.of(a), now(), WATCH);
    aws.calls().clear();

    reads.read("fleet-a", List.of(a), now(), WATCH);
    aws.advance(Duration.ofSeconds(1));
    reads.read("fleet-a", List.of(a), now(), WATCH);

    assertThat(describeAlarms()).isEqualTo(2);
  }

  @Test
  void read_whenAnAlarmFiresAfterTheRead_seesItOnlyOnceTheReadIsNoLongerFresh() {
    String a = alarm("fleet-a-5xx");
    String b = alarm("fleet-b-5xx");
    reads.expect("fleet-b", List.of(b), now(), now().plus(WATCH));
    reads.read("fleet-a", List.of(a), now(), WATCH);
    aws.local().service(CloudWatchService.class).trip(LocalAws.REGION, b);

    SharedAlarmReads.Reading served = reads.read("fleet-b", List.of(b), now(), WATCH);
    aws.advance(SharedAlarmReads.FRESHNESS.plusMillis(1));
    SharedAlarmReads.Reading read = reads.read("fleet-b", List.of(b), now(), WATCH);

    assertThat(served.alarms()).singleElement().satisfies(x -> assertThat(x.inAlarm()).isFalse());
    assertThat(read.alarms()).singleElement().satisfies(x -> {
      assertThat(x.inAlarm()).isTrue();
      assertThat(x.stateUpdatedAt()).isNotNull();
    });
  }

  @Test
  void read_whenADeploymentLooksAlone_hasNoGridAndOnceAnotherWatchesSharesTheFirstReadsGrid() {
    String a = alarm("fleet-a-5xx");
    String b = alarm("fleet-b-5xx");
    Instant anchor = now();
    SharedAlarmReads.Reading alone = reads.read("fleet-a", List.of(a), now(), WATCH);
    aws.advance(Duration.ofSeconds(20));

    SharedAlarmReads.Reading joined = reads.read("fleet-b", List.of(b), now(), WATCH);

    assertThat(alone.grid()).isNull();
    assertThat(joined.grid()).isEqualTo(anchor);
    assertThat(joined.readAt()).isEqualTo(now());
  }

  @Test
  void read_whenTheWatchersHaveMoreThanAHundredAlarms_readsThemAHundredToACall() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      names.add(alarm("fleet-" + String.format("%03d", i) + "-5xx"));
    }
    for (int i = 1; i < names.size(); i++) {
      reads.expect("fleet-" + i, List.of(names.get(i)), now(), now().plus(WATCH));
    }
    aws.calls().clear();

    SharedAlarmReads.Reading first = reads.read("fleet-0", List.of(names.get(0)), now(), WATCH);
    long calls = describeAlarms();
    for (int i = 1; i < names.size(); i++) {
      assertThat(names(reads.read("fleet-" + i, List.of(names.get(i)), now(), WATCH))).containsExactly(names.get(i));
    }

    assertThat(names(first)).containsExactly(names.get(0));
    // 130 names: two calls of at most 100 names, each in pages of CloudWatch's default 50 records.
    assertThat(calls).isEqualTo(3);
    assertThat(describeAlarms()).isEqualTo(3);
  }

  @Test
  void read_whenAWatcherStopsLooking_leavesItOutOfReadsAfterItsWatch() {
    String a = alarm("fleet-a-5xx");
    String b = alarm("fleet-b-5xx");
    reads.read("fleet-b", List.of(b), now(), WATCH);
    aws.advance(WATCH.plus(SharedAlarmReads.FRESHNESS).plusSeconds(1));

    reads.read("fleet-a", List.of(a), now(), WATCH);

    assertThat(reads.watchers(now())).isEqualTo(1);
  }

  @Test
  void read_whenEightWorkersLookAtTheSameMoment_makeOneCallAndEachGetsItsOwnAlarm() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      names.add(alarm("fleet-" + i + "-5xx"));
      reads.expect("fleet-" + i, List.of(names.get(i)), now(), now().plus(WATCH));
    }
    aws.calls().clear();
    Instant at = now();
    ExecutorService workers = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> looks = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        int worker = i;
        looks.add(workers.submit(() -> {
          start.await();
          return names(reads.read("fleet-" + worker, List.of(names.get(worker)), at, WATCH));
        }));
      }
      start.countDown();
      for (int i = 0; i < 8; i++) {
        assertThat(looks.get(i).get(30, TimeUnit.SECONDS)).containsExactly(names.get(i));
      }
    } finally {
      workers.shutdownNow();
    }

    assertThat(describeAlarms()).isEqualTo(1);
  }
}
