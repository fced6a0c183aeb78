package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The gateways' lookups against moto over HTTP: a resource that exists is described, a missing one
 * is {@link Optional#empty()} in each service's own words, and any other failure still propagates.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class AwsGatewaysTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final String ROLE = "arn:aws:iam::" + MotoAws.ACCOUNT + ":role/sagemaker";

  private AwsClients clients;
  private SageMakerClient sageMaker;
  private S3Client s3;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), new CallCounter());
    sageMaker = clients.sageMaker();
    s3 = clients.s3("us-east-1");
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void find_whenSageMakerHasNoSuchResource_isEmpty() {
    String name = MotoAws.unique("missing");
    SageMakerHosting hosting = new SageMakerHosting(sageMaker);

    assertThat(hosting.findModel(name)).isEmpty();
    assertThat(hosting.findEndpointConfig(name)).isEmpty();
    assertThat(hosting.findEndpoint(name)).isEmpty();
    assertThat(new SageMakerTrainingJobs(sageMaker).find(name)).isEmpty();
    assertThat(new SageMakerTransformJobs(sageMaker).find(name)).isEmpty();
    assertThat(new SageMakerModelPackages(sageMaker).findGroup(name)).isEmpty();
    assertThat(new SageMakerModelPackages(sageMaker).find(
        "arn:aws:sagemaker:us-east-1:" + MotoAws.ACCOUNT + ":model-package/" + name + "/1")).isEmpty();
  }

  /** Moto has no inference experiments; the local control plane answers as botocore models it. */
  @Test
  void findInferenceExperiment_whenThereIsNone_isEmpty() {
    try (LocalAws local = LocalAws.start(); AwsClients localClients = local.clients()) {
      assertThat(new SageMakerHosting(localClients.sageMaker()).findInferenceExperiment("churn-prod-shadow")).isEmpty();
    }
  }

  @Test
  void find_whenTheResourceExists_describesIt() {
    String model = MotoAws.unique("model");
    sageMaker.createModel(r -> r.modelName(model).executionRoleArn(ROLE)
        .primaryContainer(c -> c.image(MotoAws.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/churn:1")));
    String group = MotoAws.unique("group");
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));

    assertThat(new SageMakerHosting(sageMaker).findModel(model)).get()
        .satisfies(found -> assertThat(found.modelName()).isEqualTo(model));
    assertThat(new SageMakerModelPackages(sageMaker).findGroup(group)).get()
        .satisfies(found -> assertThat(found.modelPackageGroupName()).isEqualTo(group));
  }

  /** Moto answers these stops with a 500; the local control plane answers as AWS does. */
  @Test
  void delete_whenTheModelAndConfigurationExistThenAreGone_deletesThemThenSaysTheyWereGone() {
    String model = MotoAws.unique("model");
    sageMaker.createModel(r -> r.modelName(model).executionRoleArn(ROLE)
        .primaryContainer(c -> c.image(MotoAws.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/churn:1")));
    String config = MotoAws.unique("config");
    sageMaker.createEndpointConfig(r -> r.endpointConfigName(config).productionVariants(v -> v.variantName("AllTraffic")
        .modelName(model).initialInstanceCount(1).instanceType("ml.m5.large")));
    SageMakerHosting hosting = new SageMakerHosting(sageMaker);

    assertThat(hosting.deleteEndpointConfig(config)).isTrue();
    assertThat(hosting.deleteEndpointConfig(config)).isFalse();
    assertThat(hosting.deleteModel(model)).isTrue();
    assertThat(hosting.deleteModel(model)).isFalse();
    assertThat(hosting.findModel(model)).isEmpty();
  }

  @Test
  void stop_whenTheJobDoesNotExist_isNoError() {
    try (LocalAws local = LocalAws.start(); AwsClients localClients = local.clients()) {
      SageMakerClient localSageMaker = localClients.sageMaker();

      assertThatCode(() -> new SageMakerTrainingJobs(localSageMaker).stop("never-created")).doesNotThrowAnyException();
      assertThatCode(() -> new SageMakerTransformJobs(localSageMaker).stop("never-created")).doesNotThrowAnyException();
    }
  }

  @Test
  void s3_whenTheObjectOrItsBucketIsMissing_saysSoWithS3sCode() {
    String bucket = MotoAws.unique("bucket");
    s3.createBucket(r -> r.bucket(bucket));
    s3.putObject(r -> r.bucket(bucket).key("eval/report.json"), RequestBody.fromString("{\"auc\": 0.9}"));
    S3Objects objects = new S3Objects(s3, "us-east-1");

    assertThat(objects.head(bucket, "eval/report.json")).isPresent();
    assertThat(objects.head(bucket, "eval/other.json")).isEmpty();
    assertThat(objects.head(MotoAws.unique("no-bucket"), "eval/report.json")).isEmpty();
    assertThat(objects.read(bucket, "eval/report.json")).isInstanceOfSatisfying(S3Objects.Found.class,
        found -> assertThat(found.bytes().asUtf8String()).isEqualTo("{\"auc\": 0.9}"));
    assertThat(objects.read(bucket, "eval/other.json")).isEqualTo(new S3Objects.Missing("NoSuchKey"));
    assertThat(objects.read(MotoAws.unique("no-bucket"), "eval/report.json"))
        .isEqualTo(new S3Objects.Missing("NoSuchBucket"));
  }

  @Test
  void variantScalingTargets_whenThePolicyAndTargetExist_removesThem() {
    ApplicationAutoScalingClient autoScaling = clients.applicationAutoScaling("us-east-1");
    String id = "endpoint/" + MotoAws.unique("churn") + "/variant/AllTraffic";
    autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(id)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(4));
    autoScaling.putScalingPolicy(r -> r.policyName("invocations").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(id).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(70.0).predefinedMetricSpecification(
            m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))));
    VariantScalingTargets targets = new VariantScalingTargets(autoScaling);

    assertThat(targets.deletePolicy(id, "invocations")).isTrue();
    assertThat(targets.deregister(id)).isTrue();
    assertThat(autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(id)).scalableTargets()).isEmpty();
  }

  /**
   * Moto answers a missing policy with a ValidationException; AWS (botocore DeleteScalingPolicy,
   * DeregisterScalableTarget) and the local control plane with ObjectNotFoundException.
   */
  @Test
  void variantScalingTargets_whenThePolicyAndTargetAreGone_sayNoneWasThere() {
    try (LocalAws local = LocalAws.start(); AwsClients localClients = local.clients()) {
      VariantScalingTargets targets = new VariantScalingTargets(localClients.applicationAutoScaling(LocalAws.REGION));

      assertThat(targets.deletePolicy("endpoint/churn-prod/variant/AllTraffic", "invocations")).isFalse();
      assertThat(targets.deregister("endpoint/churn-prod/variant/AllTraffic")).isFalse();
    }
  }

  @Test
  void unless_whenTheFailureIsNotANotFound_rethrowsIt() {
    SageMakerException refused = (SageMakerException) SageMakerException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage("1 validation error detected: Value 'x y' at 'trainingJobName' failed to satisfy constraint")
            .build())
        .build();

    assertThatThrownBy(() -> NotFound.unless(SageMakerErrors::isNotFound, () -> {
      throw refused;
    })).isSameAs(refused);
  }
}
