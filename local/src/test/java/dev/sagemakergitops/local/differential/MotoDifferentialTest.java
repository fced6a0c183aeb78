package dev.sagemakergitops.local.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.differential.ResponseShape.Difference;
import dev.sagemakergitops.local.differential.ResponseShape.Difference.Kind;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;

/**
 * The same requests, through the same SDK v2 clients, to {@code moto_server} and to the local
 * control plane, for every operation both implement; the response SHAPES must agree (member names,
 * presence and types, recursively; never the values), except for the differences listed in
 * {@link #ALLOWED} with their reasons (the same list as docs/local.md, "Differences from moto").
 * A listed difference that no longer occurs fails too, so the list stays true.
 *
 * <p>The local plane runs on a virtual clock started at the wall time (so CloudWatch timestamps
 * mean the same to both) and is advanced an hour before describes, so its asynchronous states
 * (training, endpoint creation and updates, package validation, transform) have settled as moto's
 * settle at once. moto is shared by the whole test run, so names are unique per test.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class MotoDifferentialTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final Region REGION = Region.EU_WEST_1;
  private static final String ACCOUNT = LocalControlPlane.DEFAULT_ACCOUNT_ID;
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/differential";
  private static final String IMAGE = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/churn:1";
  private static final Duration SETTLE = Duration.ofHours(1);

  /** A difference that is moto's error or deliberate, with the reason. Covers the path and everything under it. */
  record Allowed(String operation, String path, Kind kind, String reason) {
    boolean covers(Difference difference) {
      String p = difference.path();
      return operation.equals(difference.operation()) && kind == difference.kind()
          && (p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[") || p.startsWith(path + "{"));
    }
  }

  static final List<Allowed> ALLOWED = List.of(
      new Allowed("DescribeTrainingJob", "AlgorithmSpecification.MetricDefinitions", Kind.ONLY_MOTO,
          "moto invents an XGBoost metric definition (test:dcg) for a custom image; SageMaker answers only the definitions given (or a built-in algorithm's)"),
      new Allowed("DescribeTrainingJob", "BillableTimeInSeconds", Kind.ONLY_LOCAL,
          "SageMaker answers it for a finished job; moto 5.2.1 omits it"),
      new Allowed("DescribeTrainingJob", "TrainingTimeInSeconds", Kind.ONLY_LOCAL,
          "SageMaker answers it for a finished job; moto 5.2.1 omits it"),
      new Allowed("ListTrainingJobs", "TrainingJobSummaries[].SecondaryStatus", Kind.ONLY_LOCAL,
          "a TrainingJobSummary member SageMaker answers; moto 5.2.1 omits it"),
      new Allowed("DescribeModelPackageGroup", "CreatedBy", Kind.ONLY_LOCAL,
          "CreatedBy is required in DescribeModelPackageGroupOutput (botocore); moto omits it, local answers it empty (no Studio identity)"),
      new Allowed("DescribeModelPackage", "CreatedBy.DomainId", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers CreatedBy empty"),
      new Allowed("DescribeModelPackage", "CreatedBy.UserProfileArn", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers CreatedBy empty"),
      new Allowed("DescribeModelPackage", "CreatedBy.UserProfileName", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers CreatedBy empty"),
      new Allowed("DescribeModelPackage", "LastModifiedBy.DomainId", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers LastModifiedBy empty"),
      new Allowed("DescribeModelPackage", "LastModifiedBy.UserProfileArn", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers LastModifiedBy empty"),
      new Allowed("DescribeModelPackage", "LastModifiedBy.UserProfileName", Kind.ONLY_MOTO,
          "moto invents a Studio user profile; local has no Studio identity and answers LastModifiedBy empty"),
      new Allowed("DescribeModelPackage", "CertifyForMarketplace", Kind.ONLY_MOTO,
          "moto answers false for every package; it concerns Marketplace listings, which local does not model"),
      new Allowed("DescribeModelPackage", "ModelPackageName", Kind.ONLY_LOCAL,
          "ModelPackageName is required in DescribeModelPackageOutput (botocore); moto omits it for versioned packages"),
      new Allowed("DescribeModelPackage", "ModelPackageStatusDetails.ValidationStatuses[]", Kind.ONLY_MOTO,
          "moto invents a validation entry; without a ValidationSpecification SageMaker runs no validation, local answers an empty list"),
      new Allowed("DescribeModelPackage", "ModelPackageStatusDetails.ImageScanStatuses[]", Kind.ONLY_MOTO,
          "moto invents an image-scan entry; local scans nothing and answers an empty list"),
      new Allowed("DescribeModelPackage", "CustomerMetadataProperties", Kind.ONLY_LOCAL,
          "moto drops CustomerMetadataProperties on UpdateModelPackage; SageMaker keeps them (only CustomerMetadataPropertiesToRemove removes)"),
      new Allowed("DescribeModel", "Containers", Kind.ONLY_MOTO,
          "moto answers an empty Containers list next to PrimaryContainer; SageMaker answers one or the other"),
      new Allowed("DescribeModel", "VpcConfig", Kind.ONLY_MOTO,
          "moto answers an empty VpcConfig for a model created without one"),
      new Allowed("DescribeEndpointConfig", "DataCaptureConfig", Kind.ONLY_MOTO,
          "moto answers an empty DataCaptureConfig for a configuration created without one"),
      new Allowed("DescribeEndpoint", "DataCaptureConfig", Kind.ONLY_MOTO,
          "moto answers an empty DataCaptureConfig summary for an endpoint without data capture"),
      new Allowed("DescribeEndpoint", "ProductionVariants[].DeployedImages", Kind.ONLY_LOCAL,
          "SageMaker answers the resolved image (digest) per variant; moto 5.2.1 omits DeployedImages"),
      new Allowed("DescribeEndpoint", "ProductionVariants[].CurrentInstanceCount", Kind.ONLY_LOCAL,
          "moto drops the instance counts from the variant after UpdateEndpointWeightsAndCapacities"),
      new Allowed("DescribeEndpoint", "ProductionVariants[].DesiredInstanceCount", Kind.ONLY_LOCAL,
          "moto drops the instance counts from the variant after UpdateEndpointWeightsAndCapacities"),
      new Allowed("DescribeTransformJob", "FailureReason", Kind.ONLY_MOTO,
          "moto answers an empty FailureReason for a Completed job; SageMaker answers it only when the job failed"),
      new Allowed("DescribeTransformJob", "LabelingJobArn", Kind.ONLY_MOTO,
          "moto answers an empty LabelingJobArn; SageMaker answers it only for a labeling job's transform"),
      new Allowed("DescribeImages", "imageDetails[].artifactMediaType", Kind.ONLY_LOCAL,
          "ECR answers the config media type of an image manifest; moto 5.2.1 omits it"),
      new Allowed("DescribeImages", "imageDetails[].imageStatus", Kind.ONLY_LOCAL,
          "ECR answers ACTIVE (archival, 2025); moto 5.2.1 predates the member"),
      new Allowed("DescribeAlarms", "MetricAlarms[].Metrics", Kind.ONLY_MOTO,
          "moto answers an empty Metrics list for a single-metric alarm; it belongs to metric-math alarms"),
      new Allowed("DescribeAlarms", "MetricAlarms[].StateReasonData", Kind.ONLY_MOTO,
          "moto answers '{}' for a new alarm; local does not write the JSON evaluation record (deliberate simplification: StateReason carries the text)"),
      new Allowed("DescribeAlarms", "MetricAlarms[].StateTransitionedTimestamp", Kind.ONLY_LOCAL,
          "CloudWatch answers when the state last changed (2021); moto 5.2.1 omits it"),
      new Allowed("DescribeScalableTargets", "ScalableTargets[].RoleARN", Kind.ONLY_LOCAL,
          "RoleARN is required in ScalableTarget (botocore; the service-linked role); moto omits it"),
      new Allowed("DescribeScalableTargets", "ScalableTargets[].SuspendedState", Kind.ONLY_LOCAL,
          "Application Auto Scaling answers SuspendedState (all false by default); moto omits it"),
      new Allowed("PutScalingPolicy", "Alarms[]", Kind.ONLY_LOCAL,
          "a target-tracking policy answers the two alarms it creates; moto answers an empty list"),
      new Allowed("DescribeScalingPolicies", "ScalingPolicies[].Alarms[]", Kind.ONLY_LOCAL,
          "a target-tracking policy answers the two alarms it creates; moto answers an empty list"),
      new Allowed("ListObjectsV2", "Contents[].ChecksumType", Kind.ONLY_LOCAL,
          "S3 answers ChecksumType (FULL_OBJECT) next to ChecksumAlgorithm since December 2024; moto 5.2.1 omits it"),
      new Allowed("PutObject", "ServerSideEncryption", Kind.ONLY_LOCAL,
          "S3 encrypts every new object with SSE-S3 (AES256) by default since January 2023 and says so; moto 5.2.1 "
              + "answers it only when asked for encryption"),
      new Allowed("GetObject", "ServerSideEncryption", Kind.ONLY_LOCAL,
          "S3 encrypts every new object with SSE-S3 (AES256) by default since January 2023 and says so; moto 5.2.1 "
              + "answers it only when asked for encryption"));

  private static LocalControlPlane plane;
  private static Clients moto;
  private static Clients local;

  private final List<Difference> found = new ArrayList<>();
  private final Set<String> compared = new LinkedHashSet<>();
  private String suffix;

  /** One client of each service, against one endpoint. */
  record Clients(SageMakerClient sageMaker, EcrClient ecr, CloudWatchClient cloudWatch,
                 ApplicationAutoScalingClient autoScaling, S3Client s3) implements AutoCloseable {
    static Clients against(URI endpoint) {
      return new Clients(configure(SageMakerClient.builder(), endpoint).build(),
          configure(EcrClient.builder(), endpoint).build(),
          configure(CloudWatchClient.builder(), endpoint).build(),
          configure(ApplicationAutoScalingClient.builder(), endpoint).build(),
          configure(S3Client.builder(), endpoint).forcePathStyle(true).build());
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
      builder.endpointOverride(endpoint).region(REGION)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
      if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
        sync.httpClient(UrlConnectionHttpClient.create());
      }
      return builder;
    }

    @Override
    public void close() {
      sageMaker.close();
      ecr.close();
      cloudWatch.close();
      autoScaling.close();
      s3.close();
    }
  }

  @BeforeAll
  static void startBoth() {
    plane = LocalControlPlane.builder().standardServices()
        .clock(SimulationClock.virtual(Instant.now().truncatedTo(ChronoUnit.SECONDS))).start();
    moto = Clients.against(MOTO.endpoint());
    local = Clients.against(plane.endpoint());
  }

  @AfterAll
  static void stopBoth() {
    if (moto != null) {
      moto.close();
    }
    if (local != null) {
      local.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @BeforeEach
  void uniqueNames() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
  }

  // ---------------------------------------------------------------- SageMaker

  @Test
  void trainingJobs_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String bucket = "diff-train-" + suffix;
    String job = "diff-train-" + suffix;
    forBoth(c -> {
      createBucket(c.s3(), bucket);
      c.s3().putObject(r -> r.bucket(bucket).key("train/rows.csv"), RequestBody.fromString("1,0.5,1\n"));
      return null;
    });

    same("CreateTrainingJob", c -> c.sageMaker().createTrainingJob(r -> r.trainingJobName(job).roleArn(ROLE)
        .algorithmSpecification(a -> a.trainingImage(IMAGE).trainingInputMode("File"))
        .hyperParameters(java.util.Map.of("eta", "0.2"))
        .inputDataConfig(ch -> ch.channelName("train").contentType("text/csv").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/train/"))))
        .outputDataConfig(o -> o.s3OutputPath("s3://" + bucket + "/artifacts/"))
        .resourceConfig(rc -> rc.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600))
        .tags(t -> t.key("team").value("ml"))));
    plane.advance(SETTLE);
    same("DescribeTrainingJob", c -> c.sageMaker().describeTrainingJob(r -> r.trainingJobName(job)));
    same("ListTrainingJobs", c -> c.sageMaker().listTrainingJobs(r -> r.nameContains(job)));

    assertShapesAgree();
  }

  @Test
  void modelRegistry_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String group = "diff-group-" + suffix;
    same("CreateModelPackageGroup", c -> c.sageMaker().createModelPackageGroup(r -> r.modelPackageGroupName(group)
        .modelPackageGroupDescription("churn models").tags(t -> t.key("team").value("ml"))));
    same("DescribeModelPackageGroup", c -> c.sageMaker().describeModelPackageGroup(r -> r.modelPackageGroupName(group)));
    same("ListModelPackageGroups", c -> c.sageMaker().listModelPackageGroups(r -> r.nameContains(group)));

    var created = same("CreateModelPackage", c -> c.sageMaker().createModelPackage(r -> r.modelPackageGroupName(group)
        .modelPackageDescription("version one")
        .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
        .inferenceSpecification(i -> i.containers(k -> k.image(IMAGE).modelDataUrl("s3://models/churn/model.tar.gz"))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")
            .supportedRealtimeInferenceInstanceTypes(ProductionVariantInstanceType.ML_M5_LARGE)
            .supportedTransformInstanceTypes(software.amazon.awssdk.services.sagemaker.model.TransformInstanceType.ML_M5_LARGE))
        .metadataProperties(m -> m.commitId("c0ffee").repository("git@example.com:ml/churn.git"))
        .customerMetadataProperties(java.util.Map.of("manifest", "models/churn.yaml"))));
    plane.advance(SETTLE);
    same("DescribeModelPackage", c -> c.sageMaker().describeModelPackage(r -> r.modelPackageName(
        (c == moto ? created.moto() : created.local()).modelPackageArn())));
    same("ListModelPackages", c -> c.sageMaker().listModelPackages(r -> r.modelPackageGroupName(group)));
    same("UpdateModelPackage", c -> c.sageMaker().updateModelPackage(r -> r.modelPackageArn(
        (c == moto ? created.moto() : created.local()).modelPackageArn())
        .modelApprovalStatus(ModelApprovalStatus.APPROVED).approvalDescription("ship it")));
    same("DescribeModelPackage", c -> c.sageMaker().describeModelPackage(r -> r.modelPackageName(
        (c == moto ? created.moto() : created.local()).modelPackageArn())));

    assertShapesAgree();
  }

  @Test
  void hosting_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String name = "diff-host-" + suffix;
    same("CreateModel", c -> createModel(c, name));
    same("DescribeModel", c -> c.sageMaker().describeModel(r -> r.modelName(name)));
    same("ListModels", c -> c.sageMaker().listModels(r -> r.nameContains(name)));
    same("CreateEndpointConfig", c -> createEndpointConfig(c, name));
    same("DescribeEndpointConfig", c -> c.sageMaker().describeEndpointConfig(r -> r.endpointConfigName(name)));
    same("ListEndpointConfigs", c -> c.sageMaker().listEndpointConfigs(r -> r.nameContains(name)));
    same("CreateEndpoint", c -> createEndpoint(c, name));
    plane.advance(SETTLE);
    same("DescribeEndpoint", c -> c.sageMaker().describeEndpoint(r -> r.endpointName(name)));
    same("ListEndpoints", c -> c.sageMaker().listEndpoints(r -> r.nameContains(name)));
    same("UpdateEndpointWeightsAndCapacities", c -> c.sageMaker().updateEndpointWeightsAndCapacities(r -> r
        .endpointName(name).desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredWeight(2f))));
    plane.advance(SETTLE);
    same("DescribeEndpoint", c -> c.sageMaker().describeEndpoint(r -> r.endpointName(name)));
    same("DeleteEndpoint", c -> c.sageMaker().deleteEndpoint(r -> r.endpointName(name)));
    same("DeleteModel", c -> c.sageMaker().deleteModel(r -> r.modelName(name)));

    assertShapesAgree();
  }

  @Test
  void transformJobs_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String name = "diff-transform-" + suffix;
    forBoth(c -> {
      createBucket(c.s3(), name);
      c.s3().putObject(r -> r.bucket(name).key("score/day-1.csv"), RequestBody.fromString("a,0.1,0.2\n"));
      c.s3().putObject(r -> r.bucket(name).key("model/model.tar.gz"), RequestBody.fromString("weights"));
      return createModel(c, name, "s3://" + name + "/model/model.tar.gz");
    });
    same("CreateTransformJob", c -> c.sageMaker().createTransformJob(r -> r.transformJobName(name).modelName(name)
        .transformInput(i -> i.contentType("text/csv").splitType("Line").dataSource(d -> d.s3DataSource(
            s -> s.s3DataType("S3Prefix").s3Uri("s3://" + name + "/score/"))))
        .transformOutput(o -> o.s3OutputPath("s3://" + name + "/out").assembleWith("Line"))
        .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1))
        .tags(t -> t.key("team").value("ml"))));
    plane.advance(SETTLE);
    same("DescribeTransformJob", c -> c.sageMaker().describeTransformJob(r -> r.transformJobName(name)));
    same("ListTransformJobs", c -> c.sageMaker().listTransformJobs(r -> r.nameContains(name)));

    assertShapesAgree();
  }

  @Test
  void tags_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String name = "diff-tags-" + suffix;
    var created = same("CreateModel", c -> createModel(c, name));
    same("AddTags", c -> c.sageMaker().addTags(r -> r.resourceArn(
        (c == moto ? created.moto() : created.local()).modelArn()).tags(t -> t.key("stage").value("dev"))));
    same("ListTags", c -> c.sageMaker().listTags(r -> r.resourceArn(
        (c == moto ? created.moto() : created.local()).modelArn())));

    assertShapesAgree();
  }

  // ---------------------------------------------------------------- ECR

  @Test
  void ecr_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String repository = "diff-ecr-" + suffix;
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":2,"
        + "\"digest\":\"sha256:" + "ab".repeat(32) + "\"},\"layers\":[]}";
    same("CreateRepository", c -> c.ecr().createRepository(r -> r.repositoryName(repository)
        .imageTagMutability(ImageTagMutability.IMMUTABLE)));
    var pushed = same("PutImage", c -> c.ecr().putImage(r -> r.repositoryName(repository).imageTag("1.0.0")
        .imageManifest(manifest).imageManifestMediaType("application/vnd.docker.distribution.manifest.v2+json")));
    same("DescribeImages", c -> c.ecr().describeImages(r -> r.repositoryName(repository)
        .imageIds(ImageIdentifier.builder().imageTag("1.0.0").build())));
    same("BatchGetImage", c -> c.ecr().batchGetImage(r -> r.repositoryName(repository)
        .imageIds(ImageIdentifier.builder().imageTag("1.0.0").build(),
            ImageIdentifier.builder().imageDigest((c == moto ? pushed.moto() : pushed.local()).image().imageId().imageDigest()).build(),
            ImageIdentifier.builder().imageTag("no-such-tag").build())));
    same("DescribeRepositories", c -> c.ecr().describeRepositories(r -> r.repositoryNames(repository)));

    assertShapesAgree();
  }

  // ---------------------------------------------------------------- CloudWatch

  @Test
  void cloudWatch_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String alarm = "diff-alarm-" + suffix;
    String namespace = "Differential/" + suffix;
    same("PutMetricAlarm", c -> c.cloudWatch().putMetricAlarm(r -> r.alarmName(alarm).alarmDescription("latency")
        .namespace(namespace).metricName("Latency").dimensions(d -> d.name("Endpoint").value("churn"))
        .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).datapointsToAlarm(1).threshold(100.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching")
        .unit(StandardUnit.MILLISECONDS)));
    same("DescribeAlarms", c -> c.cloudWatch().describeAlarms(r -> r.alarmNames(alarm)));
    same("SetAlarmState", c -> c.cloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.ALARM)
        .stateReason("differential test")));
    same("DescribeAlarms", c -> c.cloudWatch().describeAlarms(r -> r.alarmNames(alarm)));
    Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    same("PutMetricData", c -> c.cloudWatch().putMetricData(r -> r.namespace(namespace).metricData(
        d -> d.metricName("Latency").dimensions(x -> x.name("Endpoint").value("churn")).timestamp(at)
            .value(42.0).unit(StandardUnit.MILLISECONDS))));
    same("GetMetricStatistics", c -> c.cloudWatch().getMetricStatistics(r -> r.namespace(namespace)
        .metricName("Latency").dimensions(x -> x.name("Endpoint").value("churn"))
        .startTime(at.minus(Duration.ofMinutes(10))).endTime(at.plus(Duration.ofMinutes(10))).period(60)
        .statistics(Statistic.AVERAGE, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)));

    assertShapesAgree();
  }

  // ---------------------------------------------------------------- Application Auto Scaling

  @Test
  void autoScaling_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String name = "diff-scale-" + suffix;
    String resourceId = "endpoint/" + name + "/variant/AllTraffic";
    forBoth(c -> {
      createModel(c, name);
      createEndpointConfig(c, name);
      return createEndpoint(c, name);
    });
    plane.advance(SETTLE);
    same("RegisterScalableTarget", c -> c.autoScaling().registerScalableTarget(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(4)));
    same("DescribeScalableTargets", c -> c.autoScaling().describeScalableTargets(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(resourceId)));
    same("PutScalingPolicy", c -> c.autoScaling().putScalingPolicy(r -> r.policyName(name + "-invocations")
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(70.0).scaleInCooldown(300).scaleOutCooldown(60)
            .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE)))));
    same("DescribeScalingPolicies", c -> c.autoScaling().describeScalingPolicies(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)));

    assertShapesAgree();
  }

  // ---------------------------------------------------------------- S3

  @Test
  void s3_whenSameRequestsSentToBoth_answerTheSameShapes() {
    String bucket = "diff-s3-" + suffix;
    forBoth(c -> createBucket(c.s3(), bucket));
    same("PutObject", c -> c.s3().putObject(r -> r.bucket(bucket).key("data/rows.csv").contentType("text/csv"),
        RequestBody.fromString("1,2,3\n")));
    same("GetObject", c -> c.s3().getObjectAsBytes(r -> r.bucket(bucket).key("data/rows.csv")).response());
    same("ListObjectsV2", c -> c.s3().listObjectsV2(r -> r.bucket(bucket).prefix("data/")));

    assertShapesAgree();
  }

  // ---------------------------------------------------------------- errors

  @Test
  void describeEndpoint_whenMissing_failsWithTheSameCodeAndStatus() {
    sameError("DescribeEndpoint", c -> c.sageMaker().describeEndpoint(r -> r.endpointName("diff-missing-" + suffix)));
  }

  @Test
  void describeModel_whenMissing_failsWithTheSameCodeAndStatus() {
    sameError("DescribeModel", c -> c.sageMaker().describeModel(r -> r.modelName("diff-missing-" + suffix)));
  }

  @Test
  void describeTrainingJob_whenMissing_failsWithTheSameCodeAndStatus() {
    sameError("DescribeTrainingJob", c -> c.sageMaker().describeTrainingJob(r -> r.trainingJobName("diff-missing-" + suffix)));
  }

  @Test
  void describeImages_whenTagMissing_failsWithTheSameCodeAndStatus() {
    String repository = "diff-ecr-missing-" + suffix;
    forBoth(c -> c.ecr().createRepository(r -> r.repositoryName(repository)));
    sameError("DescribeImages", c -> c.ecr().describeImages(r -> r.repositoryName(repository)
        .imageIds(ImageIdentifier.builder().imageTag("no-such-tag").build())));
  }

  // ---------------------------------------------------------------- helpers

  /** Both answers of one call. */
  record Pair<T>(T moto, T local) { }

  private <T extends SdkPojo> Pair<T> same(String operation, Function<Clients, T> call) {
    T fromMoto = call.apply(moto);
    T fromLocal = call.apply(local);
    compared.add(operation);
    found.addAll(ResponseShape.diff(operation, ResponseShape.of(fromMoto), ResponseShape.of(fromLocal)));
    return new Pair<>(fromMoto, fromLocal);
  }

  private static <T> void forBoth(Function<Clients, T> call) {
    call.apply(moto);
    call.apply(local);
  }

  private void sameError(String operation, Function<Clients, ?> call) {
    AwsServiceException fromMoto = catchThrowableOfType(AwsServiceException.class, () -> call.apply(moto));
    AwsServiceException fromLocal = catchThrowableOfType(AwsServiceException.class, () -> call.apply(local));
    assertThat(fromMoto).as("moto's answer to %s", operation).isNotNull();
    assertThat(fromLocal).as("the local answer to %s", operation).isNotNull();
    assertThat(fromLocal.awsErrorDetails().errorCode()).as("error code of %s", operation)
        .isEqualTo(fromMoto.awsErrorDetails().errorCode());
    assertThat(fromLocal.statusCode()).as("HTTP status of %s", operation).isEqualTo(fromMoto.statusCode());
    assertThat(fromLocal.getClass()).as("exception class of %s", operation).isEqualTo(fromMoto.getClass());
  }

  /** No difference outside {@link #ALLOWED}, and every allowance for an operation compared here still needed. */
  private void assertShapesAgree() {
    List<Difference> unexpected = found.stream()
        .filter(d -> ALLOWED.stream().noneMatch(a -> a.covers(d))).toList();
    List<Allowed> stale = ALLOWED.stream()
        .filter(a -> compared.contains(a.operation()))
        .filter(a -> found.stream().noneMatch(a::covers)).toList();
    assertThat(unexpected).as("response shape differences between moto and the local control plane"
        + " (fix local, or allow with a reason in ALLOWED and docs/local.md)").isEmpty();
    assertThat(stale).as("allowed differences that no longer occur (remove them here and in docs/local.md)").isEmpty();
  }

  private static software.amazon.awssdk.services.sagemaker.model.CreateModelResponse createModel(Clients c, String name) {
    return createModel(c, name, "s3://models/" + name + "/model.tar.gz");
  }

  private static software.amazon.awssdk.services.sagemaker.model.CreateModelResponse createModel(
      Clients c, String name, String modelDataUrl) {
    return c.sageMaker().createModel(r -> r.modelName(name).executionRoleArn(ROLE)
        .primaryContainer(k -> k.image(IMAGE).modelDataUrl(modelDataUrl)
            .environment(java.util.Map.of("MODE", "batch")))
        .tags(t -> t.key("team").value("ml")));
  }

  private static software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse createEndpointConfig(
      Clients c, String name) {
    return c.sageMaker().createEndpointConfig(r -> r.endpointConfigName(name)
        .productionVariants(v -> v.variantName("AllTraffic").modelName(name).initialInstanceCount(1)
            .instanceType(ProductionVariantInstanceType.ML_M5_LARGE).initialVariantWeight(1f))
        .tags(t -> t.key("team").value("ml")));
  }

  private static software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse createEndpoint(
      Clients c, String name) {
    return c.sageMaker().createEndpoint(r -> r.endpointName(name).endpointConfigName(name)
        .tags(t -> t.key("team").value("ml")));
  }

  private static software.amazon.awssdk.services.s3.model.CreateBucketResponse createBucket(S3Client s3, String bucket) {
    return s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(b -> b.locationConstraint(REGION.id())));
  }
}
