package dev.sagemakergitops.local.sagemaker.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.local.sagemaker.registry.ModelRegistry;
import dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane;
import dev.sagemakergitops.local.sagemaker.tags.Tags;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import dev.sagemakergitops.local.spi.LocalModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * Train, register, create a model in the real hosting service, batch-transform with it: the output
 * is the prediction of the model whose artifact the training job really wrote.
 */
class TrainToTransformStoryTest {
  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.startWithRealModels(new HostingService(), new TrainingJobs(), new ModelRegistry(),
        new TransformJobs(), new Tags());
    sageMaker = world.sageMaker();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void batchTransform_ofATrainedAndRegisteredModel_scoresWithTheArtifactTheTrainingJobWrote() {
    world.store().put("data", "train/rows.csv", "1,0.5,1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    world.store().put("data", "score/day-1.csv", "a,0.1,0.2\nb,0.3,0.4\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    sageMaker.createTrainingJob(r -> r.trainingJobName("churn-7").roleArn("arn:aws:iam::123456789012:role/train")
        .algorithmSpecification(a -> a.trainingImage("churn:1").trainingInputMode("File"))
        .inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://data/train/"))))
        .outputDataConfig(o -> o.s3OutputPath("s3://artifacts/"))
        .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
    world.advance(TrainingJobs.Durations.DEFAULT.total());
    String artifact = sageMaker.describeTrainingJob(r -> r.trainingJobName("churn-7")).modelArtifacts().s3ModelArtifacts();
    assertThat(artifact).isEqualTo("s3://artifacts/churn-7/output/model.tar.gz");
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    String packageArn = sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn")
        .modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .inferenceSpecification(i -> i.containers(c -> c.image("churn:1").modelDataUrl(artifact))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))).modelPackageArn();
    sageMaker.createModel(r -> r.modelName("churn-7").executionRoleArn("arn:aws:iam::123456789012:role/host")
        .primaryContainer(c -> c.modelPackageName(packageArn).image("churn:1").modelDataUrl(artifact)));

    sageMaker.createTransformJob(r -> r.transformJobName("churn-7-day-1").modelName("churn-7")
        .transformInput(i -> i.contentType("text/csv").splitType("Line").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://data/score/"))))
        .transformOutput(o -> o.s3OutputPath("s3://results/day-1").assembleWith("Line"))
        .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1))
        .dataProcessing(p -> p.inputFilter("$[1:]").joinSource("Input").outputFilter("$[0,-1]")));
    world.advance(Duration.ofMinutes(5));

    assertThat(sageMaker.describeTransformJob(r -> r.transformJobName("churn-7-day-1")).transformJobStatus())
        .isEqualTo(TransformJobStatus.COMPLETED);
    LocalModel model = LocalModel.fromArtifact(world.store().get("artifacts", "churn-7/output/model.tar.gz").orElseThrow());
    assertThat(new String(world.store().get("results", "day-1/day-1.csv.out").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("a," + model.predictCsvLine("0.1,0.2") + "\nb," + model.predictCsvLine("0.3,0.4") + "\n");
  }
}
