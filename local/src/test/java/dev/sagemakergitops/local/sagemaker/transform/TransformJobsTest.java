package dev.sagemakergitops.local.sagemaker.transform;

import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.REGION;
import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.START;
import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane;
import dev.sagemakergitops.local.sagemaker.tags.Tags;
import dev.sagemakergitops.local.spi.LocalModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TransformJobSummary;

/** Batch transform through the real SDK over HTTP, on virtual time, checking the real output objects. */
class TransformJobsTest {
  private static final byte[] ARTIFACT = "model bytes of churn-1".getBytes(StandardCharsets.UTF_8);
  private static final LocalModel MODEL = LocalModel.fromArtifact(ARTIFACT);

  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.start(new TransformJobs(), new Tags());
    sageMaker = world.sageMaker();
    world.store().put("artifacts", "churn/churn-1/output/model.tar.gz", ARTIFACT, "application/x-gzip");
    world.models().add(REGION, "churn-model", "churn:1", "s3://artifacts/churn/churn-1/output/model.tar.gz");
    put("batch/input/a.csv", "c-1,0.5,1.5,2\nc-2,3,-1,0.25\n");
    put("batch/input/sub/b.csv", "c-3,10,20,30\n");
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private void put(String key, String content) {
    world.store().put("data", key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  private String output(String key) {
    return new String(world.store().get("results", key).orElseThrow(), StandardCharsets.UTF_8);
  }

  private void create(String name, Consumer<CreateTransformJobRequest.Builder> more) {
    sageMaker.createTransformJob(r -> {
      r.transformJobName(name).modelName("churn-model")
          .transformInput(i -> i.contentType("text/csv").dataSource(d -> d.s3DataSource(
              s -> s.s3DataType("S3Prefix").s3Uri("s3://data/batch/input/"))))
          .transformOutput(o -> o.s3OutputPath("s3://results/scored"))
          .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1));
      more.accept(r);
    });
  }

  private DescribeTransformJobResponse describe(String name) {
    return sageMaker.describeTransformJob(r -> r.transformJobName(name));
  }

  @Test
  void createTransformJob_withKmsKeys_describesThemAsGiven() {
    create("churn-encrypted", r -> r
        .transformOutput(o -> o.s3OutputPath("s3://results/scored").kmsKeyId("alias/ml-predictions"))
        .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1)
            .volumeKmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")));

    DescribeTransformJobResponse job = describe("churn-encrypted");
    assertThat(job.transformOutput().kmsKeyId()).isEqualTo("alias/ml-predictions");
    assertThat(job.transformResources().volumeKmsKeyId()).isEqualTo("1234abcd-12ab-34cd-56ef-1234567890ab");
  }

  @Test
  void createTransformJob_withFiltersAndJoin_writesEachInputsScoredLinesAfterSimulatedTime() {
    create("churn-batch", r -> r
        .transformInput(i -> i.contentType("text/csv").splitType("Line").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://data/batch/input/"))))
        .transformOutput(o -> o.s3OutputPath("s3://results/scored").assembleWith("Line").accept("text/csv"))
        .dataProcessing(p -> p.inputFilter("$[1:]").joinSource("Input").outputFilter("$[0,-1]")));

    DescribeTransformJobResponse running = describe("churn-batch");
    assertThat(running.transformJobArn()).isEqualTo(arn("transform-job/churn-batch"));
    assertThat(running.transformJobStatus()).isEqualTo(TransformJobStatus.IN_PROGRESS);
    assertThat(running.creationTime()).isEqualTo(START);
    assertThat(running.transformStartTime()).isNull();
    assertThat(running.dataProcessing().inputFilter()).isEqualTo("$[1:]");
    world.advance(Duration.ofMinutes(4));
    assertThat(describe("churn-batch").transformStartTime()).isEqualTo(START.plusSeconds(240));
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("results/"));

    world.advance(Duration.ofMinutes(1));

    DescribeTransformJobResponse done = describe("churn-batch");
    assertThat(done.transformJobStatus()).isEqualTo(TransformJobStatus.COMPLETED);
    assertThat(done.transformEndTime()).isEqualTo(START.plusSeconds(300));
    assertThat(done.failureReason()).isNull();
    assertThat(output("scored/a.csv.out")).isEqualTo(
        "c-1," + MODEL.predictCsvLine("0.5,1.5,2") + "\n" + "c-2," + MODEL.predictCsvLine("3,-1,0.25") + "\n");
    assertThat(output("scored/sub/b.csv.out")).isEqualTo("c-3," + MODEL.predictCsvLine("10,20,30") + "\n");
  }

  @Test
  void createTransformJob_withDefaults_scoresEachWholeObjectAsOneRequest() {
    put("plain/x.csv", "1,2\n3,4\n");
    create("plain", r -> r.transformInput(i -> i.dataSource(d -> d.s3DataSource(
        s -> s.s3DataType("S3Prefix").s3Uri("s3://data/plain/")))));

    world.advance(TransformJobs.Durations.DEFAULT.total());

    assertThat(describe("plain").transformJobStatus()).isEqualTo(TransformJobStatus.COMPLETED);
    assertThat(output("scored/x.csv.out")).isEqualTo(MODEL.predictCsv("1,2\n3,4\n"));
  }

  @Test
  void createTransformJob_withGzipInputAndJoinWithoutFilters_appendsThePredictionToEveryColumn() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("7,8,9\n".getBytes(StandardCharsets.UTF_8));
    }
    world.store().put("data", "zipped/z.csv.gz", bytes.toByteArray(), "application/gzip");
    create("zipped", r -> r
        .transformInput(i -> i.compressionType("Gzip").splitType("Line").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://data/zipped/"))))
        .transformOutput(o -> o.s3OutputPath("s3://results/zipped/").assembleWith("Line"))
        .dataProcessing(p -> p.joinSource("Input")));

    world.advance(Duration.ofMinutes(5));

    assertThat(output("zipped/z.csv.gz.out")).isEqualTo("7,8,9," + MODEL.predictCsvLine("7,8,9") + "\n");
  }

  @Test
  void createTransformJob_whenTheModelIsMissing_answersCouldNotFindModel() {
    assertThatThrownBy(() -> create("orphan", r -> r.modelName("nope")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not find model \"" + arn("model/nope") + "\".");
        });
  }

  @Test
  void createTransformJob_whenTheNameIsTakenOrAFilterIsOutsideTheSubset_refusesIt() {
    create("churn-batch", r -> { });

    assertThatThrownBy(() -> create("churn-batch", r -> { })).isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> create("json-filter", r -> r.dataProcessing(p -> p.inputFilter("$.features"))))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void transformJob_whenTheInputPrefixIsEmpty_failsWithAClientErrorAndWritesNothing() {
    create("empty", r -> r.transformInput(i -> i.dataSource(d -> d.s3DataSource(
        s -> s.s3DataType("S3Prefix").s3Uri("s3://data/none/")))));

    world.advance(Duration.ofMinutes(5));

    DescribeTransformJobResponse failed = describe("empty");
    assertThat(failed.transformJobStatus()).isEqualTo(TransformJobStatus.FAILED);
    assertThat(failed.failureReason()).startsWith("ClientError: No S3 objects found under S3 URL \"s3://data/none/\"");
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("results/"));
  }

  @Test
  void transformJob_whenOneRecordFailsTheFilter_failsAndUploadsNoPartialOutput() {
    put("batch/input/short.csv", "only-one-column\n");
    create("partial", r -> r
        .transformInput(i -> i.splitType("Line").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://data/batch/input/"))))
        .dataProcessing(p -> p.inputFilter("$[3]")));

    world.advance(Duration.ofMinutes(5));

    assertThat(describe("partial").transformJobStatus()).isEqualTo(TransformJobStatus.FAILED);
    assertThat(describe("partial").failureReason()).startsWith("ClientError: ").contains("only-one-column");
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("results/"));
  }

  @Test
  void transformJob_whenTheArtifactIsGone_failsWithAClientError() {
    world.models().add(REGION, "lost", "churn:1", "s3://artifacts/missing/model.tar.gz");
    create("lost-batch", r -> r.modelName("lost"));

    world.advance(Duration.ofMinutes(5));

    assertThat(describe("lost-batch").failureReason())
        .startsWith("ClientError: Failed to download model data from s3://artifacts/missing/model.tar.gz");
  }

  @Test
  void stopTransformJob_whenInProgress_stopsWithoutOutputAndThenRefusesAnotherStop() {
    create("churn-batch", r -> { });
    world.advance(Duration.ofMinutes(1));

    sageMaker.stopTransformJob(r -> r.transformJobName("churn-batch"));

    assertThat(describe("churn-batch").transformJobStatus()).isEqualTo(TransformJobStatus.STOPPING);
    world.advance(Duration.ofMinutes(10));
    assertThat(describe("churn-batch").transformJobStatus()).isEqualTo(TransformJobStatus.STOPPED);
    assertThat(describe("churn-batch").transformEndTime()).isEqualTo(START.plusSeconds(90));
    assertThat(world.store().keys()).noneMatch(key -> key.startsWith("results/"));
    assertThatThrownBy(() -> sageMaker.stopTransformJob(r -> r.transformJobName("churn-batch")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The request was rejected because the transform job is in status Stopped."));
  }

  @Test
  void describeTransformJob_whenMissing_answersValidationExceptionAsTheWaiterExpects() {
    assertThatThrownBy(() -> describe("nope"))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not find requested job with name nope");
        });
  }

  @Test
  void listTransformJobs_whenFilteredSortedAndPaged_answersNewestFirstByDefault() {
    create("batch-a", r -> { });
    world.advance(Duration.ofMinutes(6));
    create("batch-b", r -> { });
    world.advance(Duration.ofSeconds(1));
    create("other-c", r -> { });

    assertThat(sageMaker.listTransformJobs(r -> { }).transformJobSummaries())
        .extracting(TransformJobSummary::transformJobName).containsExactly("other-c", "batch-b", "batch-a");
    assertThat(sageMaker.listTransformJobs(r -> r.statusEquals(TransformJobStatus.COMPLETED)).transformJobSummaries())
        .singleElement().satisfies(s -> {
          assertThat(s.transformJobName()).isEqualTo("batch-a");
          assertThat(s.transformEndTime()).isEqualTo(START.plusSeconds(300));
        });
    assertThat(sageMaker.listTransformJobs(r -> r.nameContains("batch").sortOrder("Ascending"))
        .transformJobSummaries()).extracting(TransformJobSummary::transformJobName).containsExactly("batch-a", "batch-b");
    assertThat(sageMaker.listTransformJobsPaginator(r -> r.maxResults(2)).transformJobSummaries().stream()
        .map(TransformJobSummary::transformJobName)).containsExactly("other-c", "batch-b", "batch-a");
  }
}
