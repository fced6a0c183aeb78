package dev.sagemakergitops.local.sagemaker.training;

import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.START;
import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane;
import dev.sagemakergitops.local.sagemaker.tags.Tags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatus;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.SortBy;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/** Training jobs through the real SDK over HTTP, on virtual time. */
class TrainingJobsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker-training";

  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.start(new TrainingJobs(), new Tags());
    sageMaker = world.sageMaker();
    world.store().put("data", "churn/train/part-1.csv", "1,2,3\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    world.store().put("data", "churn/train/part-2.csv", "4,5,6\n".getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private void create(String name, Consumer<CreateTrainingJobRequest.Builder> more) {
    sageMaker.createTrainingJob(r -> {
      r.trainingJobName(name).roleArn(ROLE)
          .algorithmSpecification(a -> a.trainingImage("123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:1.4")
              .trainingInputMode("File"))
          .hyperParameters(Map.of("max_depth", "5", "eta", "0.2"))
          .inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
              s -> s.s3DataType("S3Prefix").s3Uri("s3://data/churn/train/"))))
          .outputDataConfig(o -> o.s3OutputPath("s3://artifacts/churn"))
          .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
          .stoppingCondition(s -> s.maxRuntimeInSeconds(3600));
      more.accept(r);
    });
  }

  private DescribeTrainingJobResponse describe(String name) {
    return sageMaker.describeTrainingJob(r -> r.trainingJobName(name));
  }

  @Test
  void createTrainingJob_whenTimeAdvances_walksTheSecondaryStatusesAndWritesTheModelArtifact() throws IOException {
    create("churn-1", r -> { });

    DescribeTrainingJobResponse starting = describe("churn-1");
    assertThat(starting.trainingJobArn()).isEqualTo(arn("training-job/churn-1"));
    assertThat(starting.trainingJobStatus()).isEqualTo(TrainingJobStatus.IN_PROGRESS);
    assertThat(starting.secondaryStatus()).isEqualTo(SecondaryStatus.STARTING);
    assertThat(starting.creationTime()).isEqualTo(START);
    assertThat(starting.trainingStartTime()).isNull();
    assertThat(starting.modelArtifacts().s3ModelArtifacts()).isEqualTo("s3://artifacts/churn/churn-1/output/model.tar.gz");

    world.advance(Duration.ofMinutes(1));
    assertThat(describe("churn-1").secondaryStatus()).isEqualTo(SecondaryStatus.DOWNLOADING);
    assertThat(describe("churn-1").trainingStartTime()).isEqualTo(START.plusSeconds(60));
    world.advance(Duration.ofMinutes(1));
    assertThat(describe("churn-1").secondaryStatus()).isEqualTo(SecondaryStatus.TRAINING);
    world.advance(Duration.ofMinutes(5));
    assertThat(describe("churn-1").secondaryStatus()).isEqualTo(SecondaryStatus.UPLOADING);
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("artifacts/"));
    world.advance(Duration.ofMinutes(1));

    DescribeTrainingJobResponse done = describe("churn-1");
    assertThat(done.trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
    assertThat(done.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
    assertThat(done.trainingEndTime()).isEqualTo(START.plusSeconds(480));
    assertThat(done.trainingTimeInSeconds()).isEqualTo(420);
    assertThat(done.billableTimeInSeconds()).isEqualTo(420);
    assertThat(done.lastModifiedTime()).isEqualTo(START.plusSeconds(480));
    assertThat(done.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
    assertThat(done.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::startTime)
        .containsExactly(START, START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(420),
            START.plusSeconds(480));
    assertThat(done.secondaryStatusTransitions().get(2).endTime()).isEqualTo(START.plusSeconds(420));
    assertThat(done.secondaryStatusTransitions()).allSatisfy(t -> assertThat(t.statusMessage()).isNotBlank());
    assertThat(done.hyperParameters()).containsEntry("max_depth", "5");
    assertThat(done.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(3600);
    assertThat(done.finalMetricDataList()).singleElement().satisfies(metric -> {
      assertThat(metric.metricName()).isEqualTo("validation:auc");
      assertThat(metric.value()).isEqualTo((float) TrainingJobs.metricValue("churn-1",
          Json.MAPPER.valueToTree(Map.of("max_depth", "5", "eta", "0.2")), "validation:auc"));
      assertThat(metric.timestamp()).isEqualTo(START.plusSeconds(480));
    });

    byte[] artifact = world.store().get("artifacts", "churn/churn-1/output/model.tar.gz").orElseThrow();
    JsonNode model = Json.MAPPER.readTree(ModelArchive.read(artifact).get("model.json"));
    assertThat(model.path("trainingJobName").asText()).isEqualTo("churn-1");
    assertThat(model.path("hyperParameters").path("eta").asText()).isEqualTo("0.2");
    assertThat(model.path("inputObjects")).extracting(JsonNode::asText)
        .containsExactly("s3://data/churn/train/part-1.csv", "s3://data/churn/train/part-2.csv");
  }

  @Test
  void createTrainingJob_whenNameIsTaken_answersResourceInUseWithTheJobArn() {
    create("churn-1", r -> { });

    assertThatThrownBy(() -> create("churn-1", r -> { }))
        .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Training job names must be unique within an AWS account and region, and a training job with "
                + "this name already exists (" + arn("training-job/churn-1") + ")"));
  }

  @Test
  void createTrainingJob_whenNeitherImageNorAlgorithmNameIsGiven_answersValidationException() {
    assertThatThrownBy(() -> create("churn-1", r -> r.algorithmSpecification(a -> a.trainingInputMode("File"))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).contains("TrainingImage or AlgorithmName");
        });
  }

  @Test
  void describeTrainingJob_whenMissing_answersValidationExceptionAsTheWaiterExpects() {
    assertThatThrownBy(() -> describe("nope"))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found.");
        });
  }

  @Test
  void failJob_whenTheJobReachesTheEndOfTraining_failsItWithAnAlgorithmError() {
    world.plane().service(TrainingJobs.class).failJob("churn-", "loss diverged to NaN");
    create("churn-7", r -> { });
    world.advance(Duration.ofMinutes(6));
    assertThat(describe("churn-7").secondaryStatus()).isEqualTo(SecondaryStatus.TRAINING);

    world.advance(Duration.ofMinutes(1));

    DescribeTrainingJobResponse failed = describe("churn-7");
    assertThat(failed.trainingJobStatus()).isEqualTo(TrainingJobStatus.FAILED);
    assertThat(failed.secondaryStatus()).isEqualTo(SecondaryStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("AlgorithmError: loss diverged to NaN");
    assertThat(failed.trainingEndTime()).isEqualTo(START.plusSeconds(420));
    assertThat(failed.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "Failed");
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("artifacts/"));
  }

  @Test
  void failTrainingJobAdminAction_whenPosted_failsTheNextMatchingJobOnly() throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(world.plane().endpoint() + "/_local/actions/failTrainingJob"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"churn-2\",\"reason\":\"ClientError: bad label column\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    create("churn-1", r -> { });
    create("churn-2", r -> { });

    world.advance(Duration.ofMinutes(8));

    assertThat(describe("churn-1").trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
    assertThat(describe("churn-2").failureReason()).isEqualTo("ClientError: bad label column");
    create("churn-2b", r -> { });
    world.advance(Duration.ofMinutes(8));
    assertThat(describe("churn-2b").trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
  }

  @Test
  void createTrainingJob_whenTheInputPrefixIsEmpty_failsAtTheDownloadWithSageMakersClientError() {
    create("churn-1", r -> r.inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
        s -> s.s3DataType("S3Prefix").s3Uri("s3://data/nothing-here/")))));

    world.advance(Duration.ofMinutes(2));

    DescribeTrainingJobResponse failed = describe("churn-1");
    assertThat(failed.trainingJobStatus()).isEqualTo(TrainingJobStatus.FAILED);
    assertThat(failed.failureReason()).startsWith("ClientError: No S3 objects found under S3 URL \"s3://data/nothing-here/\"");
  }

  @Test
  void stopTrainingJob_whenInProgress_goesThroughStoppingToStoppedAndThenRefusesAnotherStop() {
    create("churn-1", r -> { });
    world.advance(Duration.ofMinutes(3));

    sageMaker.stopTrainingJob(r -> r.trainingJobName("churn-1"));

    assertThat(describe("churn-1").trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPING);
    assertThat(describe("churn-1").secondaryStatus()).isEqualTo(SecondaryStatus.STOPPING);
    world.advance(Duration.ofSeconds(30));
    DescribeTrainingJobResponse stopped = describe("churn-1");
    assertThat(stopped.trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPED);
    assertThat(stopped.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "Stopping", "Stopped");
    assertThat(stopped.trainingEndTime()).isEqualTo(START.plusSeconds(210));
    world.advance(Duration.ofMinutes(10));
    assertThat(describe("churn-1").trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPED);
    assertThatThrownBy(() -> sageMaker.stopTrainingJob(r -> r.trainingJobName("churn-1")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The request was rejected because the training job is in status Stopped."));
    assertThatThrownBy(() -> sageMaker.stopTrainingJob(r -> r.trainingJobName("nope")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Requested resource not found."));
  }

  @Test
  void maxRuntime_whenShorterThanTheJob_stopsItWithMaxRuntimeExceeded() {
    create("churn-1", r -> r.stoppingCondition(s -> s.maxRuntimeInSeconds(120)));

    world.advance(Duration.ofMinutes(3));

    DescribeTrainingJobResponse stopped = describe("churn-1");
    assertThat(stopped.trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPED);
    assertThat(stopped.secondaryStatus()).isEqualTo(SecondaryStatus.MAX_RUNTIME_EXCEEDED);
  }

  @Test
  void listTrainingJobs_whenFilteredSortedAndPaged_answersTheMatchingSummaries() {
    create("churn-a", r -> { });
    world.advance(Duration.ofMinutes(10));
    create("churn-b", r -> { });
    world.advance(Duration.ofSeconds(1));
    create("fraud-c", r -> { });
    world.advance(Duration.ofSeconds(1));

    assertThat(sageMaker.listTrainingJobs(r -> { }).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobName).containsExactly("churn-a", "churn-b", "fraud-c");
    assertThat(sageMaker.listTrainingJobs(r -> r.nameContains("churn").sortBy(SortBy.NAME)
        .sortOrder(SortOrder.DESCENDING)).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobName).containsExactly("churn-b", "churn-a");
    assertThat(sageMaker.listTrainingJobs(r -> r.statusEquals(TrainingJobStatus.COMPLETED)).trainingJobSummaries())
        .singleElement().satisfies(s -> {
          assertThat(s.trainingJobName()).isEqualTo("churn-a");
          assertThat(s.trainingEndTime()).isEqualTo(START.plusSeconds(480));
          assertThat(s.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
        });
    assertThat(sageMaker.listTrainingJobs(r -> r.creationTimeAfter(START.plusSeconds(1))).trainingJobSummaries())
        .extracting(TrainingJobSummary::trainingJobName).containsExactly("churn-b", "fraud-c");

    var first = sageMaker.listTrainingJobs(r -> r.maxResults(2));
    assertThat(first.trainingJobSummaries()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    var second = sageMaker.listTrainingJobs(r -> r.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.trainingJobSummaries()).extracting(TrainingJobSummary::trainingJobName).containsExactly("fraud-c");
    assertThat(second.nextToken()).isNull();
    assertThat(sageMaker.listTrainingJobsPaginator(r -> r.maxResults(1)).trainingJobSummaries().stream().count())
        .isEqualTo(3);
  }

  @Test
  void createTrainingJob_withTags_keepsThemForListTags() {
    create("churn-1", r -> r.tags(t -> t.key("git-commit").value("abc123")));

    assertThat(sageMaker.listTags(r -> r.resourceArn(arn("training-job/churn-1"))).tags())
        .singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("abc123"));
  }

  @Test
  void trainingJobs_whenInAnotherRegion_areNotSeen() {
    create("churn-1", r -> { });
    try (SageMakerClient other = SageMakerClient.builder().endpointOverride(world.plane().endpoint())
        .region(software.amazon.awssdk.regions.Region.US_WEST_2)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
      assertThat(other.listTrainingJobs(r -> { }).trainingJobSummaries()).isEmpty();
    }
  }
}
