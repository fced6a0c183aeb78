package dev.sagemakergitops.liveaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.liveaws.probe.Probe;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.liveaws.probe.Probes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** The live run's guard rails, with the local control plane standing in for the account. */
class LiveAwsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
  private LocalTarget target;

  @AfterEach
  void stop() {
    if (target != null) {
      target.close();
    }
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private static LiveAwsSettings settings(Path fixtures, String... properties) {
    Properties all = new Properties();
    all.setProperty("live-aws.fixtures", fixtures.toString());
    for (int i = 0; i < properties.length; i += 2) {
      all.setProperty(properties[i], properties[i + 1]);
    }
    return LiveAwsSettings.from(all);
  }

  private LiveAws liveAws() {
    target = new LocalTarget(Duration.ZERO);
    return new LiveAws(s -> target, out, CLOCK);
  }

  @Test
  void run_whenNotConfirmed_printsTheEstimateThenRefusesWithoutCallingAws(@TempDir Path fixtures) {
    LiveAws liveAws = new LiveAws(s -> {
      throw new AssertionError("no AWS client may be built without confirmation");
    }, out, CLOCK);

    int status = liveAws.run(settings(fixtures, "live-aws.region", "us-east-1"), Probes.all());

    assertThat(status).isEqualTo(2);
    assertThat(printed()).contains("cost estimate:", "inference-experiment-promote", "up to USD 0.47",
        "wait-interval-zero", "alarm-rollback", "composite-rollback-alarm", "scaled-instance-type-rollback",
        "manifest-list                  free", "operations-story               up to 4.0 ml.t2.medium instance-hours, up to USD 0.30",
        "total: up to USD 3.80",
        "-Dlive-aws.confirm=I-UNDERSTAND-THIS-COSTS-MONEY is missing", "-Dlive-aws.role is missing",
        "-Dlive-aws.modelDataUrl is missing: the operations' story registers three model versions from it");
    assertThat(printed().indexOf("total: up to USD")).isLessThan(printed().indexOf("refused, nothing was called"));
    assertThat(fixtures).isEmptyDirectory();
  }

  @Test
  void run_whenConfirmedWithoutARegion_refuses(@TempDir Path fixtures) {
    LiveAws liveAws = new LiveAws(s -> {
      throw new AssertionError("no AWS client may be built without a region");
    }, out, CLOCK);

    int status = liveAws.run(settings(fixtures, "live-aws.confirm", LiveAwsSettings.CONFIRMATION, "live-aws.role",
        "arn:aws:iam::123456789012:role/r", "live-aws.servingImage", "i"), Probes.all());

    assertThat(status).isEqualTo(2);
    assertThat(printed()).contains("-Dlive-aws.region is missing");
  }

  @Test
  void run_whenConfirmed_recordsEachProbesAnswersAndDeletesWhatItCreated(@TempDir Path fixtures) throws Exception {
    LiveAws liveAws = liveAws();

    int status = liveAws.run(settings(fixtures, "live-aws.region", "us-east-1", "live-aws.confirm",
        LiveAwsSettings.CONFIRMATION, "live-aws.role", target.executionRoleArn(), "live-aws.servingImage",
        target.servingImage(), "live-aws.probes", "eventual-consistency,client-token-after-delete"), Probes.all());

    assertThat(status).as(printed()).isZero();
    var recorded = new ObjectMapper().readTree(fixtures.resolve("client-token-after-delete.json").toFile());
    assertThat(recorded.path("source").asText()).isEqualTo("recorded");
    assertThat(recorded.path("recordedAt").asText()).isEqualTo("2026-12-07T04:00:00Z");
    assertThat(Files.readString(fixtures.resolve("eventual-consistency.json"))).doesNotContain("123456789012");
    assertThat(target.sageMaker().listModels(r -> r.nameContains(RunLedger.NAME_PREFIX)).models()).isEmpty();
    assertThat(target.sageMaker().listEndpointConfigs(r -> r.nameContains(RunLedger.NAME_PREFIX)).endpointConfigs())
        .isEmpty();
    assertThat(target.sageMaker().listModelPackageGroups(r -> r.nameContains(RunLedger.NAME_PREFIX))
        .modelPackageGroupSummaryList()).isEmpty();
  }

  @Test
  void run_whenAProbeFails_deletesWhatItCreatedAndKeepsItsFixture(@TempDir Path fixtures) {
    LiveAws liveAws = liveAws();
    Probe failing = new Probe() {
      @Override
      public String id() {
        return "failing";
      }

      @Override
      public String question() {
        return "what happens when a probe fails half-way?";
      }

      @Override
      public Cost cost() {
        return Cost.NONE;
      }

      @Override
      public List<Observation> run(ProbeRun run) {
        run.createModel(run.ledger().name("half-way"), run.target().servingImage(), null);
        throw new IllegalStateException("AWS answered something unexpected");
      }
    };

    int status = liveAws.run(settings(fixtures, "live-aws.region", "us-east-1", "live-aws.confirm",
        LiveAwsSettings.CONFIRMATION, "live-aws.role", target.executionRoleArn(), "live-aws.servingImage",
        target.servingImage()), List.of(failing));

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("FAILED, its fixture is left as it was: java.lang.IllegalStateException",
        "deleted model sgl-live-2612070400");
    assertThat(target.sageMaker().listModels(r -> r.nameContains(RunLedger.NAME_PREFIX)).models()).isEmpty();
    assertThat(fixtures).isEmptyDirectory();
  }

  @Test
  void cleanup_whenAnEarlierRunLeftTaggedResources_deletesThemAndNothingElse(@TempDir Path fixtures) {
    LiveAws liveAws = liveAws();
    Tag earlierRun = Tag.builder().key(RunLedger.TAG_KEY).value("2612060000abcd").build();
    var sageMaker = target.sageMaker();
    sageMaker.createModel(r -> r.modelName("sgl-live-2612060000abcd-model").executionRoleArn(target.executionRoleArn())
        .primaryContainer(c -> c.image(target.servingImage())).tags(earlierRun));
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("sgl-live-2612060000abcd-group").tags(earlierRun));
    sageMaker.createModel(r -> r.modelName("sgl-live-someone-elses").executionRoleArn(target.executionRoleArn())
        .primaryContainer(c -> c.image(target.servingImage())));
    sageMaker.createModel(r -> r.modelName("churn-prod").executionRoleArn(target.executionRoleArn())
        .primaryContainer(c -> c.image(target.servingImage())).tags(earlierRun));
    var s3 = target.s3();
    for (String key : List.of("sgl-live-2612060000abcd-story/v1/model.tar.gz", "sgl-live-notes/model.tar.gz",
        "models/churn/model.tar.gz")) {
      s3.putObject(r -> r.bucket("live-aws-artifacts").key(key), RequestBody.fromString("artifact"));
    }

    int status = liveAws.run(settings(fixtures, "live-aws.mode", "cleanup", "live-aws.region", "us-east-1"),
        Probes.all());

    assertThat(status).isZero();
    assertThat(sageMaker.listModels(r -> { }).models()).extracting(m -> m.modelName())
        .containsExactlyInAnyOrder("sgl-live-someone-elses", "churn-prod");
    assertThat(sageMaker.listModelPackageGroups(r -> { }).modelPackageGroupSummaryList()).isEmpty();
    assertThat(s3.listObjectsV2(r -> r.bucket("live-aws-artifacts")).contents()).extracting(o -> o.key())
        .containsExactlyInAnyOrder("serving/model.tar.gz", "sgl-live-notes/model.tar.gz", "models/churn/model.tar.gz");
    assertThat(printed()).contains("cleaned up model sgl-live-2612060000abcd-model",
        "cleaned up S3 object s3://live-aws-artifacts/sgl-live-2612060000abcd-story/v1/model.tar.gz",
        "cleaned up model package group sgl-live-2612060000abcd-group");
  }

  @Test
  void probes_whenListed_areTheOnesDocsLocalMdNames() throws Exception {
    String local = Files.readString(Path.of("..", "docs", "local.md"));

    assertThat(Probes.all()).extracting(Probe::id).allSatisfy(id -> assertThat(local).contains("`" + id + "`"));
  }
}
