package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelInfrastructureType;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * The story of issue 3's "Done when", driven twice over the wire: once with the AWS SDK for Java v2
 * clients and once with the AWS CLI. Publish an image to ECR and training data to S3; train three
 * model versions (InProgress, then Completed on virtual time with the artifact in S3); register them
 * Approved; deploy version 1; canary-update to version 2 with a rollback alarm that trips during the
 * canary bake (rolled back: InService on the old configuration, FailureReason set); a clean canary
 * update to version 2; a shadow test of version 3 promoted into production; a batch transform with
 * version 3 whose S3 output is checked line by line against {@link LocalModel} computed from the
 * artifact bytes the training job wrote.
 *
 * <p>One story, two {@link Driver}s: the assertions are the same, so what the CLI (botocore) parses
 * out of our answers must agree with what the SDK does.
 */
@IntegrationPhase
class FullStoryTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker";
  private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:";
  private static final String SCORING_INPUT = "a,0.1,0.2\nb,0.3,0.4\nc,1.5,-2\n";

  @TempDir
  Path work;

  private LocalControlPlane plane;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().standardServices().start();
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  /** A training job as the story reads it. */
  record Training(String status, String secondaryStatus, String artifact) {}

  /** A model package as the story reads it. */
  record Package(int version, String approval, String image, String modelDataUrl) {}

  /** An endpoint as the story reads it; {@code failureReason} and {@code pendingConfig} may be null. */
  record Endpoint(String status, String config, String failureReason, String pendingConfig) {}

  /** The calls of the story, in the words of the SageMaker API. */
  interface Driver extends AutoCloseable {
    /** Creates the repository and puts an image manifest under {@code tag}; answers its digest. */
    String publishImage(String repository, String tag, String manifest);

    void createBucket(String bucket);

    void putObject(String bucket, String key, String content);

    byte[] getObject(String bucket, String key);

    void createTrainingJob(String name, String image, String eta);

    Training describeTrainingJob(String name);

    void createModelPackageGroup(String group);

    /** Registers an Approved version; answers its ARN. */
    String registerApproved(String group, String image, String artifact);

    Package describeModelPackage(String arn);

    void createModel(String name, String image, String artifact);

    void createEndpointConfig(String name, String model);

    void createEndpoint(String name, String config);

    Endpoint describeEndpoint(String name);

    /** An alarm on the endpoint's 5XX errors (AWS/SageMaker), missing data not breaching. */
    void putRollbackAlarm(String alarm, String endpoint);

    /** UpdateEndpoint with a CANARY blue/green policy (1 instance, 10-minute bakes) and the alarm. */
    void updateEndpointCanary(String endpoint, String config, String alarm);

    void tripAlarm(String alarm);

    void clearAlarm(String alarm);

    void createShadowTest(String name, String endpoint, String productionModel, String shadowModel);

    String inferenceExperimentStatus(String name);

    /** Stops the experiment, promoting the shadow variant {@code challenger}. */
    void stopPromotingShadow(String name);

    /** InvokeEndpoint with a CSV body; answers the invoked variant and the body. */
    Map.Entry<String, String> invoke(String endpoint, String csv);

    void createTransformJob(String name, String model, String inputUri, String outputUri);

    String transformJobStatus(String name);

    @Override
    void close();
  }

  @Test
  void fullStory_withSdkClients_trainsRegistersRollsBackDeploysShadowTestsAndTransforms() {
    try (Driver sdk = new SdkDriver(new SdkClients(plane))) {
      story(sdk);
    }
  }

  @Test
  void fullStory_withAwsCli_trainsRegistersRollsBackDeploysShadowTestsAndTransforms() {
    try (Driver cli = new CliDriver(AwsCli.against(plane.endpoint(), work), plane.endpoint())) {
      story(cli);
    }
  }

  private void story(Driver driver) {
    // Publish the serving image and the data.
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":7023,"
        + "\"digest\":\"sha256:" + "c".repeat(64) + "\"},\"layers\":[]}";
    String digest = driver.publishImage("churn", "1.0.0", manifest);
    assertThat(digest).startsWith("sha256:").hasSize(71);
    String image = REGISTRY + "/churn@" + digest;
    driver.createBucket("data");
    driver.putObject("data", "train/rows.csv", "1,0.5,1\n0,0.25,0\n");
    driver.putObject("data", "score/day-1.csv", SCORING_INPUT);

    // Train three versions at once.
    for (int version = 1; version <= 3; version++) {
      driver.createTrainingJob("churn-" + version, image, "0." + version);
    }
    Training training = driver.describeTrainingJob("churn-1");
    assertThat(training.status()).isEqualTo("InProgress");
    assertThat(training.secondaryStatus()).isEqualTo("Starting");
    plane.advance(TrainingJobs.Durations.DEFAULT.total());
    String[] artifacts = new String[4];
    for (int version = 1; version <= 3; version++) {
      Training done = driver.describeTrainingJob("churn-" + version);
      assertThat(done.status()).isEqualTo("Completed");
      assertThat(done.secondaryStatus()).isEqualTo("Completed");
      assertThat(done.artifact()).isEqualTo("s3://artifacts/churn-" + version + "/output/model.tar.gz");
      artifacts[version] = done.artifact();
    }
    byte[] artifact3 = driver.getObject("artifacts", "churn-3/output/model.tar.gz");
    assertThat(artifact3).startsWith((byte) 0x1f, (byte) 0x8b);

    // Register them, Approved, and make models from what the registry says.
    driver.createModelPackageGroup("churn");
    for (int version = 1; version <= 3; version++) {
      String arn = driver.registerApproved("churn", image, artifacts[version]);
      assertThat(arn).isEqualTo(ARN + "model-package/churn/" + version);
      Package registered = driver.describeModelPackage(arn);
      assertThat(registered).isEqualTo(new Package(version, "Approved", image, artifacts[version]));
      driver.createModel("churn-v" + version, registered.image(), registered.modelDataUrl());
    }

    // Deploy version 1.
    driver.createEndpointConfig("churn-c1", "churn-v1");
    driver.createEndpointConfig("churn-c2", "churn-v2");
    driver.createEndpoint("churn", "churn-c1");
    assertThat(driver.describeEndpoint("churn").status()).isEqualTo("Creating");
    plane.advance(Timings.PROVISIONING);
    assertThat(driver.describeEndpoint("churn")).isEqualTo(new Endpoint("InService", "churn-c1", null, null));

    // Canary to version 2; the alarm trips during the canary bake: rolled back.
    driver.putRollbackAlarm("churn-5xx", "churn");
    driver.updateEndpointCanary("churn", "churn-c2", "churn-5xx");
    plane.advance(Timings.PROVISIONING.plusMinutes(1));
    assertThat(driver.describeEndpoint("churn")).isEqualTo(new Endpoint("Updating", "churn-c2", null, "churn-c2"));
    driver.tripAlarm("churn-5xx");
    plane.advance(Timings.ALARM_EVALUATION);
    Endpoint rolledBack = driver.describeEndpoint("churn");
    assertThat(rolledBack.status()).isEqualTo("InService");
    assertThat(rolledBack.config()).isEqualTo("churn-c1");
    assertThat(rolledBack.pendingConfig()).isNull();
    assertThat(rolledBack.failureReason()).isEqualTo("Rolled back the update to endpoint configuration "
        + "\"churn-c2\": alarm(s) [churn-5xx] in ALARM while baking traffic step 1 of 2.");

    // A clean canary to version 2.
    driver.clearAlarm("churn-5xx");
    driver.updateEndpointCanary("churn", "churn-c2", "churn-5xx");
    plane.advance(Duration.ofMinutes(30));
    assertThat(driver.describeEndpoint("churn")).isEqualTo(new Endpoint("InService", "churn-c2", null, null));

    // Shadow-test version 3 and promote it.
    driver.createShadowTest("churn-shadow", "churn", "churn-v2", "churn-v3");
    assertThat(driver.inferenceExperimentStatus("churn-shadow")).isEqualTo("Creating");
    plane.advance(Timings.PROVISIONING);
    assertThat(driver.inferenceExperimentStatus("churn-shadow")).isEqualTo("Running");
    driver.stopPromotingShadow("churn-shadow");
    assertThat(driver.inferenceExperimentStatus("churn-shadow")).isEqualTo("Completed");
    LocalModel version3 = LocalModel.fromArtifact(artifact3);
    // Promote replaces production with the shadow, under the shadow's name (StopInferenceExperiment).
    assertThat(driver.invoke("churn", "1,2\n")).isEqualTo(Map.entry("challenger", version3.predictCsv("1,2\n")));

    // Batch transform with version 3: every output line is version 3's prediction for its input line.
    driver.createTransformJob("churn-day-1", "churn-v3", "s3://data/score/", "s3://results/day-1");
    assertThat(driver.transformJobStatus("churn-day-1")).isEqualTo("InProgress");
    plane.advance(Duration.ofMinutes(5));
    assertThat(driver.transformJobStatus("churn-day-1")).isEqualTo("Completed");
    String[] output = new String(driver.getObject("results", "day-1/day-1.csv.out"), StandardCharsets.UTF_8).split("\n");
    String[] input = SCORING_INPUT.split("\n");
    assertThat(output).hasSameSizeAs(input);
    for (int i = 0; i < input.length; i++) {
      String[] fields = input[i].split(",", 2);
      assertThat(output[i]).as("output line %d", i + 1).isEqualTo(fields[0] + "," + version3.predictCsvLine(fields[1]));
    }
    assertThat(version3.predictCsvLine("0.1,0.2"))
        .as("version 3 predicts unlike version 1, so the check above tells the models apart")
        .isNotEqualTo(LocalModel.fromArtifact(plane.service(S3Service.class).get("artifacts", "churn-1/output/model.tar.gz")
            .orElseThrow()).predictCsvLine("0.1,0.2"));
  }

  /** The story through the SDK clients; the alarm is tripped from Java. */
  private final class SdkDriver implements Driver {
    private final SdkClients sdk;

    SdkDriver(SdkClients sdk) {
      this.sdk = sdk;
    }

    @Override
    public String publishImage(String repository, String tag, String manifest) {
      sdk.ecr.createRepository(r -> r.repositoryName(repository).imageTagMutability("IMMUTABLE"));
      String digest = sdk.ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest))
          .image().imageId().imageDigest();
      assertThat(sdk.ecr.describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag)))
          .imageDetails().get(0).imageDigest()).isEqualTo(digest);
      return digest;
    }

    @Override
    public void createBucket(String bucket) {
      sdk.s3.createBucket(r -> r.bucket(bucket));
    }

    @Override
    public void putObject(String bucket, String key, String content) {
      sdk.s3.putObject(r -> r.bucket(bucket).key(key).contentType("text/csv"), RequestBody.fromString(content));
    }

    @Override
    public byte[] getObject(String bucket, String key) {
      return sdk.s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void createTrainingJob(String name, String image, String eta) {
      sdk.sageMaker.createTrainingJob(r -> r.trainingJobName(name).roleArn(ROLE)
          .algorithmSpecification(a -> a.trainingImage(image).trainingInputMode("File"))
          .hyperParameters(Map.of("eta", eta))
          .inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
              s -> s.s3DataType("S3Prefix").s3Uri("s3://data/train/"))))
          .outputDataConfig(o -> o.s3OutputPath("s3://artifacts/"))
          .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
          .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
    }

    @Override
    public Training describeTrainingJob(String name) {
      DescribeTrainingJobResponse job = sdk.sageMaker.describeTrainingJob(r -> r.trainingJobName(name));
      return new Training(job.trainingJobStatusAsString(), job.secondaryStatusAsString(),
          job.modelArtifacts().s3ModelArtifacts());
    }

    @Override
    public void createModelPackageGroup(String group) {
      sdk.sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    }

    @Override
    public String registerApproved(String group, String image, String artifact) {
      return sdk.sageMaker.createModelPackage(r -> r.modelPackageGroupName(group)
          .modelApprovalStatus(ModelApprovalStatus.APPROVED)
          .inferenceSpecification(i -> i.containers(c -> c.image(image).modelDataUrl(artifact))
              .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))).modelPackageArn();
    }

    @Override
    public Package describeModelPackage(String arn) {
      DescribeModelPackageResponse registered = sdk.sageMaker.describeModelPackage(r -> r.modelPackageName(arn));
      return new Package(registered.modelPackageVersion(), registered.modelApprovalStatusAsString(),
          registered.inferenceSpecification().containers().get(0).image(),
          registered.inferenceSpecification().containers().get(0).modelDataUrl());
    }

    @Override
    public void createModel(String name, String image, String artifact) {
      sdk.sageMaker.createModel(r -> r.modelName(name).executionRoleArn(ROLE)
          .primaryContainer(c -> c.image(image).modelDataUrl(artifact)));
    }

    @Override
    public void createEndpointConfig(String name, String model) {
      sdk.sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v
          .variantName("AllTraffic").modelName(model).instanceType("ml.m5.large").initialInstanceCount(2)));
    }

    @Override
    public void createEndpoint(String name, String config) {
      sdk.sageMaker.createEndpoint(r -> r.endpointName(name).endpointConfigName(config));
    }

    @Override
    public Endpoint describeEndpoint(String name) {
      DescribeEndpointResponse endpoint = sdk.sageMaker.describeEndpoint(r -> r.endpointName(name));
      return new Endpoint(endpoint.endpointStatusAsString(), endpoint.endpointConfigName(), endpoint.failureReason(),
          endpoint.pendingDeploymentSummary() == null ? null : endpoint.pendingDeploymentSummary().endpointConfigName());
    }

    @Override
    public void putRollbackAlarm(String alarm, String endpoint) {
      sdk.cloudWatch.putMetricAlarm(r -> r.alarmName(alarm).namespace("AWS/SageMaker")
          .metricName("Invocation5XXErrors").dimensions(d -> d.name("EndpointName").value(endpoint))
          .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching"));
    }

    @Override
    public void updateEndpointCanary(String endpoint, String config, String alarm) {
      sdk.sageMaker.updateEndpoint(r -> r.endpointName(endpoint).endpointConfigName(config)
          .deploymentConfig(d -> d.blueGreenUpdatePolicy(b -> b
              .trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY)
                  .canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1)).waitIntervalInSeconds(600))
              .terminationWaitInSeconds(300).maximumExecutionTimeoutInSeconds(3600))
              .autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName(alarm)))));
    }

    @Override
    public void tripAlarm(String alarm) {
      plane.withSimulation(() -> {
        plane.service(CloudWatchService.class).trip("us-east-1", alarm);
        return null;
      });
    }

    @Override
    public void clearAlarm(String alarm) {
      plane.withSimulation(() -> {
        plane.service(CloudWatchService.class).clear("us-east-1", alarm);
        return null;
      });
    }

    private ModelVariantConfig variant(String model, String name) {
      return ModelVariantConfig.builder().modelName(model).variantName(name).infrastructureConfig(i -> i
          .infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
          .realTimeInferenceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1))).build();
    }

    @Override
    public void createShadowTest(String name, String endpoint, String productionModel, String shadowModel) {
      sdk.sageMaker.createInferenceExperiment(r -> r.name(name).type("ShadowMode").roleArn(ROLE).endpointName(endpoint)
          .modelVariants(variant(productionModel, "AllTraffic"), variant(shadowModel, "challenger"))
          .shadowModeConfig(s -> s.sourceModelVariantName("AllTraffic")
              .shadowModelVariants(v -> v.shadowModelVariantName("challenger").samplingPercentage(50))));
    }

    @Override
    public String inferenceExperimentStatus(String name) {
      return sdk.sageMaker.describeInferenceExperiment(r -> r.name(name)).statusAsString();
    }

    @Override
    public void stopPromotingShadow(String name) {
      sdk.sageMaker.stopInferenceExperiment(r -> r.name(name).reason("challenger wins").desiredState("Completed")
          .modelVariantActionsWithStrings(Map.of("AllTraffic", "Retain", "challenger", "Promote")));
    }

    @Override
    public Map.Entry<String, String> invoke(String endpoint, String csv) {
      var answer = sdk.runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv")
          .body(SdkBytes.fromUtf8String(csv)));
      return Map.entry(answer.invokedProductionVariant(), answer.body().asUtf8String());
    }

    @Override
    public void createTransformJob(String name, String model, String inputUri, String outputUri) {
      sdk.sageMaker.createTransformJob(r -> r.transformJobName(name).modelName(model)
          .transformInput(i -> i.contentType("text/csv").splitType("Line").dataSource(d -> d.s3DataSource(
              s -> s.s3DataType("S3Prefix").s3Uri(inputUri))))
          .transformOutput(o -> o.s3OutputPath(outputUri).assembleWith("Line"))
          .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1))
          .dataProcessing(p -> p.inputFilter("$[1:]").joinSource("Input").outputFilter("$[0,-1]")));
    }

    @Override
    public String transformJobStatus(String name) {
      return sdk.sageMaker.describeTransformJob(r -> r.transformJobName(name)).transformJobStatusAsString();
    }

    @Override
    public void close() {
      sdk.close();
    }
  }

  /** The story through the AWS CLI; the alarm is tripped over the admin HTTP surface. */
  private static final class CliDriver implements Driver {
    private final AwsCli aws;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    CliDriver(AwsCli aws, URI endpoint) {
      this.aws = aws;
      this.endpoint = endpoint;
    }

    private static String text(JsonNode node) {
      return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    @Override
    public String publishImage(String repository, String tag, String manifest) {
      aws.json("ecr", "create-repository", "--repository-name", repository, "--image-tag-mutability", "IMMUTABLE");
      return aws.json("ecr", "put-image", "--repository-name", repository, "--image-tag", tag,
          "--image-manifest", manifest).path("image").path("imageId").path("imageDigest").asText();
    }

    @Override
    public void createBucket(String bucket) {
      aws.json("s3api", "create-bucket", "--bucket", bucket);
    }

    @Override
    public void putObject(String bucket, String key, String content) {
      Path file = aws.file("upload/" + bucket + "/" + key, content.getBytes(StandardCharsets.UTF_8));
      assertThat(aws.json("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file.toString(),
          "--content-type", "text/csv").path("ETag").asText()).isNotEmpty();
    }

    @Override
    public byte[] getObject(String bucket, String key) {
      try {
        Path file = aws.path("download/" + bucket + "/" + key);
        Files.createDirectories(file.getParent());
        JsonNode answer = aws.json("s3api", "get-object", "--bucket", bucket, "--key", key, file.toString());
        byte[] content = Files.readAllBytes(file);
        assertThat(answer.path("ContentLength").asLong()).isEqualTo(content.length);
        return content;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void createTrainingJob(String name, String image, String eta) {
      aws.json("sagemaker", "create-training-job", "--training-job-name", name, "--role-arn", ROLE,
          "--algorithm-specification", "{\"TrainingImage\":\"" + image + "\",\"TrainingInputMode\":\"File\"}",
          "--hyper-parameters", "{\"eta\":\"" + eta + "\"}",
          "--input-data-config", "[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":"
              + "\"S3Prefix\",\"S3Uri\":\"s3://data/train/\"}}}]",
          "--output-data-config", "{\"S3OutputPath\":\"s3://artifacts/\"}",
          "--resource-config", "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":10}",
          "--stopping-condition", "{\"MaxRuntimeInSeconds\":3600}");
    }

    @Override
    public Training describeTrainingJob(String name) {
      JsonNode job = aws.json("sagemaker", "describe-training-job", "--training-job-name", name);
      return new Training(text(job.path("TrainingJobStatus")), text(job.path("SecondaryStatus")),
          text(job.path("ModelArtifacts").path("S3ModelArtifacts")));
    }

    @Override
    public void createModelPackageGroup(String group) {
      aws.json("sagemaker", "create-model-package-group", "--model-package-group-name", group);
    }

    @Override
    public String registerApproved(String group, String image, String artifact) {
      return aws.json("sagemaker", "create-model-package", "--model-package-group-name", group,
          "--model-approval-status", "Approved",
          "--inference-specification", "{\"Containers\":[{\"Image\":\"" + image + "\",\"ModelDataUrl\":\"" + artifact
              + "\"}],\"SupportedContentTypes\":[\"text/csv\"],\"SupportedResponseMIMETypes\":[\"text/csv\"]}")
          .path("ModelPackageArn").asText();
    }

    @Override
    public Package describeModelPackage(String arn) {
      JsonNode registered = aws.json("sagemaker", "describe-model-package", "--model-package-name", arn);
      JsonNode container = registered.path("InferenceSpecification").path("Containers").get(0);
      return new Package(registered.path("ModelPackageVersion").asInt(), text(registered.path("ModelApprovalStatus")),
          text(container.path("Image")), text(container.path("ModelDataUrl")));
    }

    @Override
    public void createModel(String name, String image, String artifact) {
      aws.json("sagemaker", "create-model", "--model-name", name, "--execution-role-arn", ROLE,
          "--primary-container", "{\"Image\":\"" + image + "\",\"ModelDataUrl\":\"" + artifact + "\"}");
    }

    @Override
    public void createEndpointConfig(String name, String model) {
      aws.json("sagemaker", "create-endpoint-config", "--endpoint-config-name", name, "--production-variants",
          "[{\"VariantName\":\"AllTraffic\",\"ModelName\":\"" + model + "\",\"InstanceType\":\"ml.m5.large\","
              + "\"InitialInstanceCount\":2}]");
    }

    @Override
    public void createEndpoint(String name, String config) {
      aws.json("sagemaker", "create-endpoint", "--endpoint-name", name, "--endpoint-config-name", config);
    }

    @Override
    public Endpoint describeEndpoint(String name) {
      JsonNode endpoint = aws.json("sagemaker", "describe-endpoint", "--endpoint-name", name);
      return new Endpoint(text(endpoint.path("EndpointStatus")), text(endpoint.path("EndpointConfigName")),
          text(endpoint.path("FailureReason")), text(endpoint.path("PendingDeploymentSummary").path("EndpointConfigName")));
    }

    @Override
    public void putRollbackAlarm(String alarm, String endpoint) {
      aws.json("cloudwatch", "put-metric-alarm", "--alarm-name", alarm, "--namespace", "AWS/SageMaker",
          "--metric-name", "Invocation5XXErrors", "--dimensions", "Name=EndpointName,Value=" + endpoint,
          "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
          "--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching");
    }

    @Override
    public void updateEndpointCanary(String endpoint, String config, String alarm) {
      aws.json("sagemaker", "update-endpoint", "--endpoint-name", endpoint, "--endpoint-config-name", config,
          "--deployment-config", "{\"BlueGreenUpdatePolicy\":{\"TrafficRoutingConfiguration\":{\"Type\":\"CANARY\","
              + "\"CanarySize\":{\"Type\":\"INSTANCE_COUNT\",\"Value\":1},\"WaitIntervalInSeconds\":600},"
              + "\"TerminationWaitInSeconds\":300,\"MaximumExecutionTimeoutInSeconds\":3600},"
              + "\"AutoRollbackConfiguration\":{\"Alarms\":[{\"AlarmName\":\"" + alarm + "\"}]}}");
    }

    private void adminAction(String action, String alarm) {
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/_local/actions/" + action))
            .POST(HttpRequest.BodyPublishers.ofString(Json.object().put("alarmName", alarm).put("region", "us-east-1")
                .toString())).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    public void tripAlarm(String alarm) {
      adminAction("tripAlarm", alarm);
    }

    @Override
    public void clearAlarm(String alarm) {
      adminAction("clearAlarm", alarm);
    }

    private static String variant(String model, String name) {
      return "{\"ModelName\":\"" + model + "\",\"VariantName\":\"" + name + "\",\"InfrastructureConfig\":"
          + "{\"InfrastructureType\":\"RealTimeInference\",\"RealTimeInferenceConfig\":"
          + "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1}}}";
    }

    @Override
    public void createShadowTest(String name, String endpoint, String productionModel, String shadowModel) {
      aws.json("sagemaker", "create-inference-experiment", "--name", name, "--type", "ShadowMode", "--role-arn", ROLE,
          "--endpoint-name", endpoint,
          "--model-variants", "[" + variant(productionModel, "AllTraffic") + "," + variant(shadowModel, "challenger") + "]",
          "--shadow-mode-config", "{\"SourceModelVariantName\":\"AllTraffic\",\"ShadowModelVariants\":"
              + "[{\"ShadowModelVariantName\":\"challenger\",\"SamplingPercentage\":50}]}");
    }

    @Override
    public String inferenceExperimentStatus(String name) {
      return text(aws.json("sagemaker", "describe-inference-experiment", "--name", name).path("Status"));
    }

    @Override
    public void stopPromotingShadow(String name) {
      aws.json("sagemaker", "stop-inference-experiment", "--name", name,
          "--model-variant-actions", "{\"AllTraffic\":\"Retain\",\"challenger\":\"Promote\"}",
          "--desired-state", "Completed", "--reason", "challenger wins");
    }

    @Override
    public Map.Entry<String, String> invoke(String endpoint, String csv) {
      try {
        Path body = aws.file("invoke/body.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path out = aws.path("invoke/answer.csv");
        JsonNode answer = aws.json("sagemaker-runtime", "invoke-endpoint", "--endpoint-name", endpoint,
            "--content-type", "text/csv", "--body", "fileb://" + body, out.toString());
        assertThat(text(answer.path("ContentType"))).isEqualTo("text/csv");
        return Map.entry(text(answer.path("InvokedProductionVariant")), Files.readString(out));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void createTransformJob(String name, String model, String inputUri, String outputUri) {
      aws.json("sagemaker", "create-transform-job", "--transform-job-name", name, "--model-name", model,
          "--transform-input", "{\"ContentType\":\"text/csv\",\"SplitType\":\"Line\",\"DataSource\":{\"S3DataSource\":"
              + "{\"S3DataType\":\"S3Prefix\",\"S3Uri\":\"" + inputUri + "\"}}}",
          "--transform-output", "{\"S3OutputPath\":\"" + outputUri + "\",\"AssembleWith\":\"Line\"}",
          "--transform-resources", "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1}",
          "--data-processing", "{\"InputFilter\":\"$[1:]\",\"JoinSource\":\"Input\",\"OutputFilter\":\"$[0,-1]\"}");
    }

    @Override
    public String transformJobStatus(String name) {
      return text(aws.json("sagemaker", "describe-transform-job", "--transform-job-name", name).path("TransformJobStatus"));
    }

    @Override
    public void close() {}
  }
}
