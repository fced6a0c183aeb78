package dev.sagemakergitops.core.operation.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.fixture.ServingFixture;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.s3.S3Service;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** The batch transform against the local control plane, which really filters, scores and joins. */
class BatchTransformOperationTest {
  @TempDir Path dir;
  private final AtomicInteger runs = new AtomicInteger();

  private TransformWorld world(ChurnManifest manifest) {
    return new TransformWorld(dir.resolve("repo"), manifest, true);
  }

  private Step<BatchTransformState, BatchTransformReport> run(TransformWorld world, BatchTransformRequest request)
      throws InterruptedException {
    AwsClients clients = world.aws.clients();
    return world.aws.runner(clients).run(new BatchTransformOperation(world.aws.context(clients)), request,
        new FileStateStore(dir.resolve("state-" + runs.incrementAndGet())), "transform");
  }

  private static BatchTransformReport report(Step<BatchTransformState, BatchTransformReport> step) {
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<BatchTransformState, BatchTransformReport>) step).result();
  }

  private static OperationFailure failure(Step<BatchTransformState, BatchTransformReport> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<BatchTransformState, BatchTransformReport>) step).failure();
  }

  private static DescribeTransformJobResponse job(TransformWorld world, String name) {
    return world.fixture.sageMaker().describeTransformJob(r -> r.transformJobName(name));
  }

  @Test
  void run_whenCsvIsScored_writesEachIdWithItsPredictionAndReportsTheOutputLocation() throws Exception {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      BatchTransformReport report = report(run(world, world.request));

      assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
      assertThat(report.outputS3Uri()).isEqualTo(ChurnManifest.PREDICTIONS);
      assertThat(report.inputS3Uri()).isEqualTo(ChurnManifest.SCORE_INPUT);
      assertThat(report.transformName()).isEqualTo("nightly");
      assertThat(report.runKey()).isEqualTo(world.request.manifest().origin().commitId());
      assertThat(report.summary()).isEqualTo("transform job " + report.jobName() + " completed: output in "
          + ChurnManifest.PREDICTIONS);
      DescribeTransformJobResponse job = job(world, report.jobName());
      assertThat(job.dataProcessing().inputFilter()).isEqualTo("$[1:]");
      assertThat(job.dataProcessing().joinSourceAsString()).isEqualTo("Input");
      assertThat(job.dataProcessing().outputFilter()).isEqualTo("$[0,-1]");
      assertThat(job.transformInput().splitTypeAsString()).isEqualTo("Line");
      assertThat(job.transformOutput().assembleWithAsString()).isEqualTo("Line");
      assertThat(job.transformResources().instanceTypeAsString()).isEqualTo("ml.m5.xlarge");
      assertThat(job.modelName()).isEqualTo(report.modelName()).startsWith("churn-prod-");
      Map<String, String> tags = world.fixture.sageMaker().listTags(r -> r.resourceArn(report.jobArn())).tags()
          .stream().collect(Collectors.toMap(Tag::key, Tag::value));
      assertThat(tags).containsEntry("sagemaker-gitops:commit", report.runKey())
          .containsEntry("sagemaker-gitops:batch-transform", "nightly")
          .containsEntry("sagemaker-gitops:run-key", report.runKey())
          .containsEntry("sagemaker-gitops:model-package", "arn:aws:sagemaker:us-east-1:" + LocalAws.ACCOUNT
              + ":model-package/churn/2");
    }
  }

  @Test
  void run_whenTheSettingsAreGiven_passesStrategyPayloadAndConcurrencyToSageMaker() throws Exception {
    try (TransformWorld world = world(ChurnManifest.standard().with(ChurnManifest.TRANSFORM_EXTRA,
        "batchStrategy: MultiRecord\nmaxPayloadMb: 5\nmaxConcurrentTransforms: 4"))) {
      BatchTransformReport report = report(run(world, world.request));

      DescribeTransformJobResponse job = job(world, report.jobName());
      assertThat(job.batchStrategyAsString()).isEqualTo("MultiRecord");
      assertThat(job.maxPayloadInMB()).isEqualTo(5);
      assertThat(job.maxConcurrentTransforms()).isEqualTo(4);
      assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
    }
  }

  @Test
  void run_whenTheInputIsGzipped_readsItAsDeclared() throws Exception {
    try (TransformWorld world = new TransformWorld(dir.resolve("repo"), ChurnManifest.standard().with(ChurnManifest.COMPRESSION, "Gzip"),
        false)) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
        gzip.write(TransformWorld.INPUT.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      world.aws.local().service(S3Service.class).put("ml-data", TransformWorld.INPUT_KEY, zipped.toByteArray(),
          "application/gzip");

      BatchTransformReport report = report(run(world, world.request));

      assertThat(job(world, report.jobName()).transformInput().compressionTypeAsString()).isEqualTo("Gzip");
      assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
    }
  }

  @Test
  void run_whenRunAgainForTheSameCommit_attachesToTheFinishedJobWithoutCreatingAnother() throws Exception {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      BatchTransformReport first = report(run(world, world.request));
      world.aws.calls().clear();

      BatchTransformReport again = report(run(world, world.request));

      // The same job and model; only which run created them differs (the record says so).
      assertThat(again).usingRecursiveComparison().ignoringFields("created").isEqualTo(first);
      assertThat(first.created()).containsExactly(first.modelName(), first.jobName());
      assertThat(again.created()).isEmpty();
      assertThat(world.aws.calls().count("CreateTransformJob")).isZero();
      assertThat(world.aws.calls().count("CreateModel")).isZero();
      assertThat(world.fixture.sageMaker().listTransformJobs(r -> { }).transformJobSummaries()).hasSize(1);
    }
  }

  @Test
  void run_whenGivenAnotherRunKey_startsAnotherJobNamedAfterIt() throws Exception {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      BatchTransformReport byCommit = report(run(world, world.request));

      BatchTransformReport nightly = report(run(world, new BatchTransformRequest(world.request.manifest(), "nightly",
          "2026-11-02")));
      BatchTransformReport sameNight = report(run(world, new BatchTransformRequest(world.request.manifest(), "nightly",
          "2026-11-02")));

      assertThat(nightly.jobName()).isNotEqualTo(byCommit.jobName()).matches("churn-prod-nightly-[0-9a-f]{12}")
          .hasSizeLessThanOrEqualTo(ResourceName.MAX_LENGTH);
      assertThat(nightly.runKey()).isEqualTo("2026-11-02");
      assertThat(sameNight).usingRecursiveComparison().ignoringFields("created").isEqualTo(nightly);
      assertThat(sameNight.created()).isEmpty();
      assertThat(world.fixture.sageMaker().listTransformJobs(r -> { }).transformJobSummaries()).hasSize(2);
    }
  }

  @Test
  void run_whenTheJobFails_surfacesItsFailureReason() throws Exception {
    try (TransformWorld world = new TransformWorld(dir.resolve("repo"), ChurnManifest.standard(), false)) {
      OperationFailure failure = failure(run(world, world.request));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
      assertThat(failure.failureReason()).startsWith("ClientError: No S3 objects found under S3 URL \""
          + ChurnManifest.SCORE_INPUT + "\"");
      assertThat(failure.message()).contains(failure.failureReason()).contains("another run key");
      assertThat(world.output()).isNull();
    }
  }

  @Test
  void cancel_whileTheJobRuns_stopsItAndFailsCancelled() throws Exception {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      OperationContext context = world.aws.context(world.aws.clients());
      BatchTransformOperation operation = new BatchTransformOperation(context);
      BatchTransformState running = operation.poll(operation.begin(world.request)).state();

      BatchTransformState cancelling = operation.cancel(running);
      world.aws.advance(Duration.ofMinutes(1));
      Step<BatchTransformState, BatchTransformReport> step = operation.poll(cancelling);

      assertThat(failure(step).kind()).isEqualTo(OperationFailure.Kind.CANCELLED);
      assertThat(job(world, running.job().name()).transformJobStatusAsString()).isEqualTo("Stopped");
      world.aws.advance(Duration.ofMinutes(10));
      assertThat(world.output()).isNull();
    }
  }

  @Test
  void begin_whenTheTransformIsNotInTheManifest_namesTheTransformsItHasAndChangesNothing() {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      world.aws.calls().clear();
      BatchTransformOperation operation = new BatchTransformOperation(world.aws.context(world.aws.clients()));

      assertThatThrownBy(() -> operation.begin(BatchTransformRequest.of(world.request.manifest(), "weekly")))
          .isInstanceOfSatisfying(OperationInputException.class, e -> {
            ManifestProblem problem = e.problems().get(0);
            assertThat(problem.field()).isEqualTo("spec.batchTransforms");
            assertThat(problem.line()).isPositive();
            assertThat(problem.message()).isEqualTo("there is no batch transform named 'weekly'; this manifest "
                + "defines nightly. Use one of those names or add it");
          });
      assertThat(world.aws.calls().calls()).isEmpty();
    }
  }

  @Test
  void begin_whenThePackageIsMissing_pointsAtThePackageLine() {
    try (TransformWorld world = new TransformWorld(dir.resolve("repo"), ChurnManifest.standard().with(ChurnManifest.PACKAGE, "churn/9"),
        true)) {
      BatchTransformOperation operation = new BatchTransformOperation(world.aws.context(world.aws.clients()));

      assertThatThrownBy(() -> operation.begin(world.request))
          .isInstanceOfSatisfying(OperationInputException.class, e -> assertThat(e.problems().get(0).field())
              .isEqualTo("spec.model.package"));
      assertThat(world.aws.calls().count("CreateModel")).isEqualTo(0);
    }
  }

  @Test
  void jobName_isTheManifestAndTransformWithAHashOfModelSettingsAndRunKey() {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      BatchTransformOperation operation = new BatchTransformOperation(world.aws.context(world.aws.clients()));
      BatchTransformState state = operation.begin(world.request);
      BatchTransformState again = operation.begin(world.request);

      assertThat(state.job().name()).isEqualTo(again.job().name()).matches("churn-prod-nightly-[0-9a-f]{12}");
      assertThat(state.job().model().name()).isEqualTo(new dev.sagemakergitops.core.operation.model.ServingModels(
          world.aws.context(world.aws.clients())).define(world.request.manifest()).name());
      assertThat(state.job().model().modelDataUrl()).isEqualTo(ServingFixture.artifactOf(2));
    }
  }

  @Test
  void run_whenKmsKeysAreSet_sendsTheOutputAndVolumeKeysToSageMaker() throws Exception {
    String volumeKey = "arn:aws:kms:us-east-1:" + LocalAws.ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    try (TransformWorld world = world(ChurnManifest.standard()
        .with(ChurnManifest.OUTPUT_EXTRA, ", kmsKeyId: alias/ml-predictions")
        .with(ChurnManifest.TRANSFORM_EXTRA, "volumeKmsKeyId: " + volumeKey))) {
      BatchTransformReport report = report(run(world, world.request));

      DescribeTransformJobResponse job = job(world, report.jobName());
      assertThat(job.transformOutput().kmsKeyId()).isEqualTo("alias/ml-predictions");
      assertThat(job.transformResources().volumeKmsKeyId()).isEqualTo(volumeKey);
      assertThat(world.output()).isEqualTo(TransformWorld.expectedOutput());
    }
  }

  @Test
  void jobName_whenNoKmsKeysAreSet_hashesExactlyTheFieldsItAlwaysHad() {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      BatchTransformState state = new BatchTransformOperation(world.aws.context(world.aws.clients()))
          .begin(world.request);
      dev.sagemakergitops.core.manifest.BatchTransformSpec spec = state.job().spec();
      // The hash's fields before the KMS keys existed: a manifest without keys must keep its job names.
      dev.sagemakergitops.core.naming.ContentHash before = dev.sagemakergitops.core.naming.ContentHash
          .of("transform-job")
          .field("model", state.job().model().name()).field("inputS3Uri", spec.inputS3Uri())
          .field("inputContentType", spec.inputContentType()).field("splitType", spec.splitType())
          .field("compression", spec.compression()).field("outputS3Uri", spec.outputS3Uri())
          .field("accept", spec.accept()).field("assembleWith", spec.assembleWith())
          .field("instanceType", spec.instanceType()).field("instanceCount", spec.instanceCount())
          .field("batchStrategy", spec.batchStrategy()).field("maxPayloadMb", spec.maxPayloadMb())
          .field("maxConcurrentTransforms", spec.maxConcurrentTransforms()).field("inputFilter", spec.inputFilter())
          .field("joinSource", spec.joinSource()).field("outputFilter", spec.outputFilter())
          .field("runKey", state.job().runKey());

      assertThat(state.job().name()).isEqualTo(ResourceName.of("churn-prod-nightly", before));
      assertThat(state.job().toRequest().transformOutput().kmsKeyId()).isNull();
      assertThat(state.job().toRequest().transformResources().volumeKmsKeyId()).isNull();
    }
  }

  @Test
  void jobName_whenAKmsKeyIsAdded_namesANewJob() {
    try (TransformWorld world = world(ChurnManifest.standard())) {
      TransformJobDefinition plain = new BatchTransformOperation(world.aws.context(world.aws.clients()))
          .begin(world.request).job();
      dev.sagemakergitops.core.manifest.BatchTransformSpec s = plain.spec();
      for (String[] keys : new String[][] {{"alias/ml-predictions", null}, {null, "alias/ml-volumes"}}) {
        var keyed = new dev.sagemakergitops.core.manifest.BatchTransformSpec(s.name(), s.inputS3Uri(),
            s.inputContentType(), s.splitType(), s.compression(), s.outputS3Uri(), s.accept(), s.assembleWith(),
            s.instanceType(), s.instanceCount(), s.batchStrategy(), s.maxPayloadMb(), s.maxConcurrentTransforms(),
            s.inputFilter(), s.joinSource(), s.outputFilter(), keys[0], keys[1]);

        assertThat(TransformJobDefinition.of("churn-prod", plain.model(), keyed, plain.runKey()).name())
            .isNotEqualTo(plain.name()).startsWith("churn-prod-nightly-");
      }
    }
  }
}
