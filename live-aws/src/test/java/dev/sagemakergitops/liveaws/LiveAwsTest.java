package dev.sagemakergitops.liveaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.liveaws.probe.Probe;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.liveaws.probe.Probes;
import dev.sagemakergitops.liveaws.story.OperationsStoryProbe;
import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.testkit.IntegrationPhase;
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
@IntegrationPhase
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
        "manifest-list                  free", "operations-story               up to 4.0 ml.t2.medium and 0.5 ml.m5.large instance-hours, up to USD 0.38",
        "total: up to USD 3.87",
        "-Dlive-aws.confirm=I-UNDERSTAND-THIS-COSTS-MONEY is missing", "-Dlive-aws.role is missing",
        "-Dlive-aws.modelDataUrl is missing: the operations' story registers three model versions from it",
        "-Dlive-aws.transformInput is missing");
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

  private int runStory(Path fixtures) {
    return new LiveAws(s -> target, out, CLOCK).run(settings(fixtures, "live-aws.region", "us-east-1", "live-aws.confirm",
        LiveAwsSettings.CONFIRMATION, "live-aws.role", target.executionRoleArn(), "live-aws.servingImage",
        target.servingImage(), "live-aws.modelDataUrl", target.modelArtifact(), "live-aws.transformInput",
        target.transformInput(), "live-aws.probes",
        OperationsStoryProbe.ID), Probes.all());
  }

  /** What a run may leave: nothing named for a run, in SageMaker, CloudWatch and the artifacts' bucket. */
  private void assertNothingLeft() {
    var sageMaker = target.sageMaker();
    // DeleteEndpoint only starts the deletion (the endpoint is Deleting for a while, on AWS as here).
    target.pause(Duration.ofMinutes(15));
    assertThat(sageMaker.listEndpoints(r -> r.nameContains(RunLedger.NAME_PREFIX)).endpoints()).isEmpty();
    assertThat(sageMaker.listEndpointConfigs(r -> r.nameContains(RunLedger.NAME_PREFIX)).endpointConfigs()).isEmpty();
    assertThat(sageMaker.listModels(r -> r.nameContains(RunLedger.NAME_PREFIX)).models()).isEmpty();
    assertThat(sageMaker.listModelPackageGroups(r -> r.nameContains(RunLedger.NAME_PREFIX))
        .modelPackageGroupSummaryList()).isEmpty();
    assertThat(target.cloudWatch().describeAlarms(r -> r.alarmNamePrefix(RunLedger.NAME_PREFIX)).metricAlarms())
        .isEmpty();
    assertThat(target.s3().listObjectsV2(r -> r.bucket("live-aws-artifacts")).contents()).extracting(o -> o.key())
        .containsExactlyInAnyOrder("serving/model.tar.gz", "score/customers.csv");
  }

  @Test
  void run_whenTheStoryRuns_recordsEachActAndDeletesWhatItAndTheOperationsCreated(@TempDir Path fixtures)
      throws Exception {
    target = new LocalTarget(Duration.ZERO);

    int status = runStory(fixtures);

    assertThat(status).as(printed()).isZero();
    assertThat(printed()).contains("operations-story               up to 4.0 ml.t2.medium and 0.5 ml.m5.large",
        "safeDeploy of the merged bump to version 3, its rollback alarm in ALARM during the bake",
        "rollback alarm sgl-live-2612070400", "deleted the operations' endpoint, configurations and models");
    var recorded = new ObjectMapper().readTree(fixtures.resolve("operations-story.json").toFile());
    assertThat(recorded.path("source").asText()).isEqualTo("recorded");
    assertThat(recorded.path("observations")).hasSize(10);
    assertThat(Fixture.differences(ProbeReplayTest.fixture(OperationsStoryProbe.ID), new ObjectMapper()
        .convertValue(recorded.path("observations"), new com.fasterxml.jackson.core.type.TypeReference<
            List<Observation>>() { }))).isEmpty();
    assertNothingLeft();
  }

  @Test
  void run_whenTheStoryFailsHalfWay_deletesWhatItAndTheOperationsCreated(@TempDir Path fixtures) {
    target = new LocalTarget(Duration.ZERO);
    // SageMaker refuses the update to version 2 for good: the story stops with an endpoint, two models and two
    // configurations made by the operations, besides its group, alarm and artifact copies.
    target.plane.faults().add(new CallFault(CallFault.Kind.EXPIRED_TOKEN, "sagemaker", "UpdateEndpoint", 1, -1));

    int status = runStory(fixtures);

    assertThat(status).as(printed()).isEqualTo(1);
    assertThat(printed()).contains("safeDeploy of version 1: a new endpoint: {", "FAILED, its fixture is left as it was",
        "deleted the operations' endpoint, configurations and models");
    assertThat(fixtures).isEmptyDirectory();
    assertNothingLeft();
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
    for (String key : List.of("sgl-live-2612060000abcd-story/v1/model.tar.gz",
        "sgl-live-2612060000abcd-story/transform/customers.csv.out", "sgl-live-notes/model.tar.gz",
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
        .containsExactlyInAnyOrder("serving/model.tar.gz", "score/customers.csv", "sgl-live-notes/model.tar.gz",
            "models/churn/model.tar.gz");
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
