package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * The real AWS CLI (botocore parses every answer strictly against its service model) against the
 * control plane with its standard services on a virtual clock: create, describe and list of each
 * resource kind, and {@code update-endpoint} with a canary deployment configuration. What a test
 * needs but does not check (the models behind an endpoint, say) is set up with the SDK, so the
 * number of {@code aws} calls (each about 0.3 s of CPU in {@link AwsCli}'s kept interpreter, 1 s as
 * a process of its own) stays modest.
 */
@IntegrationPhase
class AwsCliConformanceTest extends ControlPlaneCliTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker";
  private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.0.0";
  private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:";
  /** 2026-01-01T00:00:00Z, where the control plane's virtual clock starts. */
  private static final long START = 1767225600L;

  private void putObject(String bucket, String key, String content) {
    plane.service(S3Service.class).put(bucket, key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  private void sdkModel(String name, String artifactKey) {
    putObject("artifacts", artifactKey, "weights of " + name);
    sdk.sageMaker.createModel(r -> r.modelName(name).executionRoleArn(ROLE)
        .primaryContainer(c -> c.image(IMAGE).modelDataUrl("s3://artifacts/" + artifactKey)));
  }

  private void sdkConfig(String name, String model) {
    sdk.sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v
        .variantName("AllTraffic").modelName(model).instanceType("ml.m5.large").initialInstanceCount(2)));
  }

  /** Endpoint {@code churn} InService on configuration {@code c1} (model {@code m1}), through the SDK. */
  private void sdkInServiceEndpoint() {
    sdkModel("m1", "m1/model.tar.gz");
    sdkConfig("c1", "m1");
    sdk.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("c1"));
    plane.advance(Timings.PROVISIONING);
    assertThat(sdk.sageMaker.describeEndpoint(r -> r.endpointName("churn")).endpointStatus())
        .isEqualTo(EndpointStatus.IN_SERVICE);
  }

  private static String sha256(String text) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ecr_whenRepositoryCreatedAndImagePut_describesRepositoryAndImageWithTheManifestDigest() throws Exception {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1000,"
        + "\"digest\":\"sha256:" + "a".repeat(64) + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":2000,\"digest\":\"sha256:" + "b".repeat(64) + "\"}]}";

    JsonNode created = aws.json("ecr", "create-repository", "--repository-name", "churn",
        "--image-tag-mutability", "IMMUTABLE");
    JsonNode put = aws.json("ecr", "put-image", "--repository-name", "churn", "--image-tag", "1.0.0",
        "--image-manifest", manifest);
    JsonNode images = aws.json("ecr", "describe-images", "--repository-name", "churn",
        "--image-ids", "imageTag=1.0.0");
    JsonNode repositories = aws.json("ecr", "describe-repositories");
    String refused = aws.failure("ecr", "put-image", "--repository-name", "churn", "--image-tag", "1.0.0",
        "--image-manifest", manifest.replace("\"size\":2000", "\"size\":2001"));

    JsonNode repository = created.path("repository");
    assertThat(repository.path("repositoryName").asText()).isEqualTo("churn");
    assertThat(repository.path("repositoryArn").asText()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/churn");
    assertThat(repository.path("repositoryUri").asText()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn");
    assertThat(repository.path("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
    assertThat(AwsCli.epochSeconds(repository.path("createdAt"))).isEqualTo(START);
    assertThat(put.path("image").path("imageId").path("imageDigest").asText()).isEqualTo(sha256(manifest));
    assertThat(put.path("image").path("imageId").path("imageTag").asText()).isEqualTo("1.0.0");
    JsonNode image = images.path("imageDetails").get(0);
    assertThat(image.path("imageDigest").asText()).isEqualTo(sha256(manifest));
    assertThat(image.path("imageTags")).extracting(JsonNode::asText).containsExactly("1.0.0");
    assertThat(image.path("imageSizeInBytes").asLong()).isEqualTo(3000L);
    assertThat(image.path("imageManifestMediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(repositories.path("repositories")).extracting(r -> r.path("repositoryName").asText())
        .containsExactly("churn");
    assertThat(refused).contains("ImageTagAlreadyExistsException");
  }

  @Test
  void s3api_whenObjectPut_listsItAndGetsTheSameBytesBack() throws Exception {
    Path body = aws.file("upload/rows.csv", "1,0.5\n2,0.25\n".getBytes(StandardCharsets.UTF_8));

    JsonNode bucket = aws.json("s3api", "create-bucket", "--bucket", "data");
    JsonNode put = aws.json("s3api", "put-object", "--bucket", "data", "--key", "train/rows.csv",
        "--body", body.toString(), "--content-type", "text/csv");
    JsonNode listed = aws.json("s3api", "list-objects-v2", "--bucket", "data", "--prefix", "train/",
        "--no-paginate");
    Path downloaded = aws.path("download/rows.csv");
    Files.createDirectories(downloaded.getParent());
    JsonNode got = aws.json("s3api", "get-object", "--bucket", "data", "--key", "train/rows.csv",
        downloaded.toString());

    assertThat(bucket.path("Location").asText()).isEqualTo("/data");
    String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(body))) + "\"";
    assertThat(put.path("ETag").asText()).isEqualTo(etag);
    assertThat(listed.path("KeyCount").asInt()).isEqualTo(1);
    assertThat(listed.path("Contents").get(0).path("Key").asText()).isEqualTo("train/rows.csv");
    assertThat(listed.path("Contents").get(0).path("Size").asLong()).isEqualTo(13L);
    assertThat(listed.path("Contents").get(0).path("ETag").asText()).isEqualTo(etag);
    assertThat(got.path("ContentLength").asLong()).isEqualTo(13L);
    assertThat(got.path("ContentType").asText()).isEqualTo("text/csv");
    assertThat(got.path("ETag").asText()).isEqualTo(etag);
    assertThat(Files.readString(downloaded)).isEqualTo("1,0.5\n2,0.25\n");
  }

  @Test
  void trainingJob_whenCreatedAndTimeAdvanced_describesInProgressThenCompletedWithItsArtifact() {
    putObject("data", "train/rows.csv", "1,0.5,1\n");

    JsonNode created = aws.json("sagemaker", "create-training-job", "--training-job-name", "churn-1",
        "--role-arn", ROLE,
        "--algorithm-specification", "{\"TrainingImage\":\"" + IMAGE + "\",\"TrainingInputMode\":\"File\"}",
        "--hyper-parameters", "{\"eta\":\"0.2\"}",
        "--input-data-config", "[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":"
            + "\"S3Prefix\",\"S3Uri\":\"s3://data/train/\"}}}]",
        "--output-data-config", "{\"S3OutputPath\":\"s3://artifacts/\"}",
        "--resource-config", "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":10}",
        "--stopping-condition", "{\"MaxRuntimeInSeconds\":3600}");
    JsonNode inProgress = aws.json("sagemaker", "describe-training-job", "--training-job-name", "churn-1");
    plane.advance(TrainingJobs.Durations.DEFAULT.total());
    JsonNode completed = aws.json("sagemaker", "describe-training-job", "--training-job-name", "churn-1");
    JsonNode listed = aws.json("sagemaker", "list-training-jobs", "--name-contains", "churn");

    assertThat(created.path("TrainingJobArn").asText()).isEqualTo(ARN + "training-job/churn-1");
    assertThat(inProgress.path("TrainingJobStatus").asText()).isEqualTo("InProgress");
    assertThat(inProgress.path("SecondaryStatus").asText()).isEqualTo("Starting");
    assertThat(completed.path("TrainingJobStatus").asText()).isEqualTo("Completed");
    assertThat(completed.path("SecondaryStatusTransitions")).extracting(t -> t.path("Status").asText())
        .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
    assertThat(completed.path("ModelArtifacts").path("S3ModelArtifacts").asText())
        .isEqualTo("s3://artifacts/churn-1/output/model.tar.gz");
    assertThat(completed.path("HyperParameters").path("eta").asText()).isEqualTo("0.2");
    assertThat(completed.path("FinalMetricDataList")).isNotEmpty();
    assertThat(AwsCli.epochSeconds(completed.path("CreationTime"))).isEqualTo(START);
    assertThat(AwsCli.epochSeconds(completed.path("TrainingEndTime")))
        .isEqualTo(START + TrainingJobs.Durations.DEFAULT.total().toSeconds());
    assertThat(plane.service(S3Service.class).get("artifacts", "churn-1/output/model.tar.gz")).isPresent();
    assertThat(listed.path("TrainingJobSummaries")).singleElement().satisfies(s -> {
      assertThat(s.path("TrainingJobName").asText()).isEqualTo("churn-1");
      assertThat(s.path("TrainingJobStatus").asText()).isEqualTo("Completed");
    });
  }

  @Test
  void modelPackage_whenGroupAndVersionCreatedAndApproved_describesAndListsThem() {
    String artifact = "s3://artifacts/churn-1/output/model.tar.gz";

    JsonNode group = aws.json("sagemaker", "create-model-package-group", "--model-package-group-name", "churn",
        "--model-package-group-description", "churn models");
    JsonNode describedGroup = aws.json("sagemaker", "describe-model-package-group", "--model-package-group-name", "churn");
    JsonNode groups = aws.json("sagemaker", "list-model-package-groups");
    JsonNode created = aws.json("sagemaker", "create-model-package", "--model-package-group-name", "churn",
        "--model-approval-status", "PendingManualApproval",
        "--inference-specification", "{\"Containers\":[{\"Image\":\"" + IMAGE + "\",\"ModelDataUrl\":\"" + artifact
            + "\"}],\"SupportedContentTypes\":[\"text/csv\"],\"SupportedResponseMIMETypes\":[\"text/csv\"]}");
    JsonNode updated = aws.json("sagemaker", "update-model-package", "--model-package-arn",
        created.path("ModelPackageArn").asText(), "--model-approval-status", "Approved");
    JsonNode described = aws.json("sagemaker", "describe-model-package", "--model-package-name",
        created.path("ModelPackageArn").asText());
    JsonNode listed = aws.json("sagemaker", "list-model-packages", "--model-package-group-name", "churn");

    assertThat(group.path("ModelPackageGroupArn").asText()).isEqualTo(ARN + "model-package-group/churn");
    assertThat(describedGroup.path("ModelPackageGroupStatus").asText()).isEqualTo("Completed");
    assertThat(describedGroup.path("ModelPackageGroupDescription").asText()).isEqualTo("churn models");
    assertThat(groups.path("ModelPackageGroupSummaryList")).extracting(g -> g.path("ModelPackageGroupName").asText())
        .containsExactly("churn");
    assertThat(created.path("ModelPackageArn").asText()).isEqualTo(ARN + "model-package/churn/1");
    assertThat(updated.path("ModelPackageArn").asText()).isEqualTo(ARN + "model-package/churn/1");
    assertThat(described.path("ModelPackageVersion").asInt()).isEqualTo(1);
    assertThat(described.path("ModelPackageGroupName").asText()).isEqualTo("churn");
    assertThat(described.path("ModelApprovalStatus").asText()).isEqualTo("Approved");
    assertThat(described.path("InferenceSpecification").path("Containers").get(0).path("ModelDataUrl").asText())
        .isEqualTo(artifact);
    assertThat(listed.path("ModelPackageSummaryList")).singleElement().satisfies(p -> {
      assertThat(p.path("ModelPackageArn").asText()).isEqualTo(ARN + "model-package/churn/1");
      assertThat(p.path("ModelApprovalStatus").asText()).isEqualTo("Approved");
    });
  }

  @Test
  void hosting_whenModelConfigAndEndpointCreated_describesCreatingThenListsInService() {
    JsonNode model = aws.json("sagemaker", "create-model", "--model-name", "m1", "--execution-role-arn", ROLE,
        "--primary-container", "{\"Image\":\"" + IMAGE + "\",\"ModelDataUrl\":\"s3://artifacts/m1/model.tar.gz\"}",
        "--tags", "Key=team,Value=ml");
    JsonNode describedModel = aws.json("sagemaker", "describe-model", "--model-name", "m1");
    JsonNode models = aws.json("sagemaker", "list-models");
    JsonNode tags = aws.json("sagemaker", "list-tags", "--resource-arn", ARN + "model/m1");
    JsonNode config = aws.json("sagemaker", "create-endpoint-config", "--endpoint-config-name", "c1",
        "--production-variants", "[{\"VariantName\":\"AllTraffic\",\"ModelName\":\"m1\","
            + "\"InstanceType\":\"ml.m5.large\",\"InitialInstanceCount\":2,\"InitialVariantWeight\":1.0}]",
        "--data-capture-config", "{\"EnableCapture\":true,\"InitialSamplingPercentage\":50,"
            + "\"DestinationS3Uri\":\"s3://captures/churn\",\"CaptureOptions\":[{\"CaptureMode\":\"Input\"},"
            + "{\"CaptureMode\":\"Output\"}]}");
    JsonNode describedConfig = aws.json("sagemaker", "describe-endpoint-config", "--endpoint-config-name", "c1");
    JsonNode configs = aws.json("sagemaker", "list-endpoint-configs");
    JsonNode endpoint = aws.json("sagemaker", "create-endpoint", "--endpoint-name", "churn",
        "--endpoint-config-name", "c1");
    JsonNode creating = aws.json("sagemaker", "describe-endpoint", "--endpoint-name", "churn");
    plane.advance(Timings.PROVISIONING);
    JsonNode endpoints = aws.json("sagemaker", "list-endpoints");

    assertThat(model.path("ModelArn").asText()).isEqualTo(ARN + "model/m1");
    assertThat(describedModel.path("PrimaryContainer").path("Image").asText()).isEqualTo(IMAGE);
    assertThat(describedModel.path("ExecutionRoleArn").asText()).isEqualTo(ROLE);
    assertThat(models.path("Models")).extracting(m -> m.path("ModelName").asText()).containsExactly("m1");
    assertThat(tags.path("Tags")).singleElement().satisfies(t -> {
      assertThat(t.path("Key").asText()).isEqualTo("team");
      assertThat(t.path("Value").asText()).isEqualTo("ml");
    });
    assertThat(config.path("EndpointConfigArn").asText()).isEqualTo(ARN + "endpoint-config/c1");
    assertThat(describedConfig.path("ProductionVariants").get(0).path("InitialInstanceCount").asInt()).isEqualTo(2);
    assertThat(describedConfig.path("DataCaptureConfig").path("InitialSamplingPercentage").asInt()).isEqualTo(50);
    assertThat(configs.path("EndpointConfigs")).extracting(c -> c.path("EndpointConfigName").asText())
        .containsExactly("c1");
    assertThat(endpoint.path("EndpointArn").asText()).isEqualTo(ARN + "endpoint/churn");
    assertThat(creating.path("EndpointStatus").asText()).isEqualTo("Creating");
    assertThat(creating.path("EndpointConfigName").asText()).isEqualTo("c1");
    assertThat(endpoints.path("Endpoints")).singleElement().satisfies(e -> {
      assertThat(e.path("EndpointName").asText()).isEqualTo("churn");
      assertThat(e.path("EndpointStatus").asText()).isEqualTo("InService");
      assertThat(AwsCli.epochSeconds(e.path("LastModifiedTime"))).isEqualTo(START + Timings.PROVISIONING.toSeconds());
    });
  }

  @Test
  void updateEndpoint_withCanaryDeploymentConfig_describesTheBakeThenServesTheNewConfig() {
    sdkInServiceEndpoint();
    sdkModel("m2", "m2/model.tar.gz");
    sdkConfig("c2", "m2");

    JsonNode alarm = aws.json("cloudwatch", "put-metric-alarm", "--alarm-name", "churn-5xx",
        "--namespace", "AWS/SageMaker", "--metric-name", "Invocation5XXErrors",
        "--dimensions", "Name=EndpointName,Value=churn", "Name=VariantName,Value=AllTraffic",
        "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
        "--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching");
    JsonNode alarms = aws.json("cloudwatch", "describe-alarms", "--alarm-name-prefix", "churn-");
    JsonNode updated = aws.json("sagemaker", "update-endpoint", "--endpoint-name", "churn",
        "--endpoint-config-name", "c2", "--deployment-config",
        "{\"BlueGreenUpdatePolicy\":{\"TrafficRoutingConfiguration\":{\"Type\":\"CANARY\",\"CanarySize\":"
            + "{\"Type\":\"INSTANCE_COUNT\",\"Value\":1},\"WaitIntervalInSeconds\":600},"
            + "\"TerminationWaitInSeconds\":300,\"MaximumExecutionTimeoutInSeconds\":3600},"
            + "\"AutoRollbackConfiguration\":{\"Alarms\":[{\"AlarmName\":\"churn-5xx\"}]}}");
    plane.advance(Timings.PROVISIONING.plusMinutes(1));
    JsonNode baking = aws.json("sagemaker", "describe-endpoint", "--endpoint-name", "churn");
    String inProgress = aws.failure("sagemaker", "update-endpoint", "--endpoint-name", "churn",
        "--endpoint-config-name", "c1");
    plane.advance(Duration.ofMinutes(30));
    JsonNode done = aws.json("sagemaker", "describe-endpoint", "--endpoint-name", "churn");

    assertThat(alarm).isEmpty();
    assertThat(alarms.path("MetricAlarms")).singleElement().satisfies(a -> {
      assertThat(a.path("AlarmName").asText()).isEqualTo("churn-5xx");
      assertThat(a.path("StateValue").asText()).isEqualTo("OK");
      assertThat(a.path("Dimensions")).hasSize(2);
    });
    assertThat(updated.path("EndpointArn").asText()).isEqualTo(ARN + "endpoint/churn");
    assertThat(baking.path("EndpointStatus").asText()).isEqualTo("Updating");
    assertThat(baking.path("EndpointConfigName").asText()).isEqualTo("c2");
    assertThat(baking.path("ProductionVariants").get(0).path("VariantName").asText()).isEqualTo("AllTraffic");
    JsonNode pending = baking.path("PendingDeploymentSummary");
    assertThat(pending.path("EndpointConfigName").asText()).isEqualTo("c2");
    assertThat(pending.path("ProductionVariants").get(0).path("VariantStatus")).extracting(s -> s.path("Status").asText())
        .contains("Baking");
    assertThat(pending.path("ProductionVariants").get(0).path("CurrentWeight").asDouble()).isEqualTo(0.5);
    assertThat(inProgress).contains("ValidationException")
        .contains("Cannot update in-progress endpoint \"" + ARN + "endpoint/churn\".");
    assertThat(done.path("EndpointStatus").asText()).isEqualTo("InService");
    assertThat(done.path("EndpointConfigName").asText()).isEqualTo("c2");
    assertThat(done.has("FailureReason")).isFalse();
    assertThat(done.has("PendingDeploymentSummary")).isFalse();
    assertThat(done.path("LastDeploymentConfig").path("BlueGreenUpdatePolicy").path("TrafficRoutingConfiguration")
        .path("Type").asText()).isEqualTo("CANARY");
    assertThat(done.path("LastDeploymentConfig").path("AutoRollbackConfiguration").path("Alarms").get(0)
        .path("AlarmName").asText()).isEqualTo("churn-5xx");
  }

  @Test
  void inferenceExperiment_whenCreatedAndStoppedWithPromote_goesCreatingRunningCompleted() {
    sdkInServiceEndpoint();
    sdkModel("m2", "m2/model.tar.gz");
    String variants = "[" + variant("m1", "AllTraffic") + "," + variant("m2", "challenger") + "]";

    JsonNode created = aws.json("sagemaker", "create-inference-experiment", "--name", "shadow-1",
        "--type", "ShadowMode", "--role-arn", ROLE, "--endpoint-name", "churn", "--model-variants", variants,
        "--shadow-mode-config", "{\"SourceModelVariantName\":\"AllTraffic\",\"ShadowModelVariants\":"
            + "[{\"ShadowModelVariantName\":\"challenger\",\"SamplingPercentage\":50}]}");
    JsonNode creating = aws.json("sagemaker", "describe-inference-experiment", "--name", "shadow-1");
    plane.advance(Timings.PROVISIONING);
    JsonNode listed = aws.json("sagemaker", "list-inference-experiments");
    JsonNode stopped = aws.json("sagemaker", "stop-inference-experiment", "--name", "shadow-1",
        "--model-variant-actions", "{\"AllTraffic\":\"Retain\",\"challenger\":\"Promote\"}",
        "--desired-state", "Completed", "--reason", "challenger wins");
    JsonNode completed = aws.json("sagemaker", "describe-inference-experiment", "--name", "shadow-1");

    assertThat(created.path("InferenceExperimentArn").asText()).isEqualTo(ARN + "inference-experiment/shadow-1");
    assertThat(creating.path("Status").asText()).isEqualTo("Creating");
    assertThat(creating.path("Type").asText()).isEqualTo("ShadowMode");
    assertThat(creating.path("EndpointMetadata").path("EndpointName").asText()).isEqualTo("churn");
    assertThat(creating.path("ModelVariants")).extracting(v -> v.path("Status").asText())
        .containsExactly("InService", "Creating");
    assertThat(AwsCli.epochSeconds(creating.path("Schedule").path("EndTime")))
        .isEqualTo(AwsCli.epochSeconds(creating.path("Schedule").path("StartTime")) + Timings.DEFAULT_EXPERIMENT.toSeconds());
    assertThat(listed.path("InferenceExperiments")).singleElement().satisfies(e -> {
      assertThat(e.path("Name").asText()).isEqualTo("shadow-1");
      assertThat(e.path("Status").asText()).isEqualTo("Running");
    });
    assertThat(stopped.path("InferenceExperimentArn").asText()).isEqualTo(ARN + "inference-experiment/shadow-1");
    assertThat(completed.path("Status").asText()).isEqualTo("Completed");
    assertThat(completed.path("StatusReason").asText()).isEqualTo("challenger wins");
  }

  private static String variant(String model, String name) {
    return "{\"ModelName\":\"" + model + "\",\"VariantName\":\"" + name + "\",\"InfrastructureConfig\":"
        + "{\"InfrastructureType\":\"RealTimeInference\",\"RealTimeInferenceConfig\":"
        + "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1}}}";
  }

  @Test
  void transformJob_whenCreatedAndTimeAdvanced_completesWithTheModelsPredictions() {
    sdkModel("m1", "m1/model.tar.gz");
    putObject("data", "score/day-1.csv", "a,0.1,0.2\nb,0.3,0.4\n");

    JsonNode created = aws.json("sagemaker", "create-transform-job", "--transform-job-name", "day-1",
        "--model-name", "m1",
        "--transform-input", "{\"ContentType\":\"text/csv\",\"SplitType\":\"Line\",\"DataSource\":{\"S3DataSource\":"
            + "{\"S3DataType\":\"S3Prefix\",\"S3Uri\":\"s3://data/score/\"}}}",
        "--transform-output", "{\"S3OutputPath\":\"s3://results/day-1\",\"AssembleWith\":\"Line\"}",
        "--transform-resources", "{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1}",
        "--data-processing", "{\"InputFilter\":\"$[1:]\",\"JoinSource\":\"Input\",\"OutputFilter\":\"$[0,-1]\"}");
    JsonNode inProgress = aws.json("sagemaker", "describe-transform-job", "--transform-job-name", "day-1");
    plane.advance(Duration.ofMinutes(5));
    JsonNode listed = aws.json("sagemaker", "list-transform-jobs");

    assertThat(created.path("TransformJobArn").asText()).isEqualTo(ARN + "transform-job/day-1");
    assertThat(inProgress.path("TransformJobStatus").asText()).isEqualTo("InProgress");
    assertThat(inProgress.path("DataProcessing").path("JoinSource").asText()).isEqualTo("Input");
    assertThat(inProgress.path("TransformOutput").path("S3OutputPath").asText()).isEqualTo("s3://results/day-1");
    assertThat(listed.path("TransformJobSummaries")).singleElement().satisfies(s -> {
      assertThat(s.path("TransformJobName").asText()).isEqualTo("day-1");
      assertThat(s.path("TransformJobStatus").asText()).isEqualTo("Completed");
      assertThat(AwsCli.epochSeconds(s.path("TransformEndTime"))).isEqualTo(START + 300);
    });
    LocalModel model = LocalModel.fromArtifact("weights of m1".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(plane.service(S3Service.class).get("results", "day-1/day-1.csv.out").orElseThrow(),
        StandardCharsets.UTF_8).split("\n")).containsExactly(
        "a," + model.predictCsvLine("0.1,0.2"), "b," + model.predictCsvLine("0.3,0.4"));
  }

  @Test
  void applicationAutoScaling_whenTargetRegisteredAndPolicyPut_describesBoth() {
    sdkInServiceEndpoint();
    String resource = "endpoint/churn/variant/AllTraffic";

    JsonNode registered = aws.json("application-autoscaling", "register-scalable-target",
        "--service-namespace", "sagemaker", "--resource-id", resource,
        "--scalable-dimension", "sagemaker:variant:DesiredInstanceCount", "--min-capacity", "1", "--max-capacity", "4");
    JsonNode targets = aws.json("application-autoscaling", "describe-scalable-targets", "--service-namespace", "sagemaker");
    JsonNode policy = aws.json("application-autoscaling", "put-scaling-policy", "--policy-name", "invocations",
        "--service-namespace", "sagemaker", "--resource-id", resource,
        "--scalable-dimension", "sagemaker:variant:DesiredInstanceCount", "--policy-type", "TargetTrackingScaling",
        "--target-tracking-scaling-policy-configuration", "{\"TargetValue\":70.0,\"PredefinedMetricSpecification\":"
            + "{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"},\"ScaleInCooldown\":300}");
    JsonNode policies = aws.json("application-autoscaling", "describe-scaling-policies", "--service-namespace", "sagemaker");

    assertThat(registered.path("ScalableTargetARN").asText()).startsWith("arn:aws:application-autoscaling:us-east-1:");
    assertThat(targets.path("ScalableTargets")).singleElement().satisfies(t -> {
      assertThat(t.path("ResourceId").asText()).isEqualTo(resource);
      assertThat(t.path("MinCapacity").asInt()).isEqualTo(1);
      assertThat(t.path("MaxCapacity").asInt()).isEqualTo(4);
      assertThat(AwsCli.epochSeconds(t.path("CreationTime"))).isEqualTo(START + Timings.PROVISIONING.toSeconds());
    });
    assertThat(policy.path("PolicyARN").asText()).contains(":scalingPolicy:")
        .endsWith(":resource/sagemaker/" + resource + ":policyName/invocations");
    assertThat(policy.path("Alarms")).extracting(a -> a.path("AlarmName").asText())
        .allSatisfy(name -> assertThat(name).startsWith("TargetTracking-" + resource + "-Alarm"));
    assertThat(policies.path("ScalingPolicies")).singleElement().satisfies(p -> {
      assertThat(p.path("PolicyName").asText()).isEqualTo("invocations");
      assertThat(p.path("PolicyType").asText()).isEqualTo("TargetTrackingScaling");
      assertThat(p.path("TargetTrackingScalingPolicyConfiguration").path("TargetValue").asDouble()).isEqualTo(70.0);
    });
  }
}
