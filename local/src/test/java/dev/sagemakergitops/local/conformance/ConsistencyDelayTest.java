package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * {@code consistencyDelay}: a new model, endpoint configuration, model package or scalable target is
 * invisible, for that long of simulated time, to the calls that use it and to its own Describe, with
 * the services' own not-found errors; then it is there. Through the real SDK.
 */
class ConsistencyDelayTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker";
  private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:";

  private LocalControlPlane plane;
  private SdkClients sdk;

  private void start(Duration delay) {
    plane = LocalControlPlane.builder().consistencyDelay(delay).standardServices().start();
    sdk = new SdkClients(plane);
  }

  @AfterEach
  void stop() {
    sdk.close();
    plane.close();
  }

  private void createModel(String name) {
    sdk.sageMaker.createModel(r -> r.modelName(name).executionRoleArn(ROLE)
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1")));
  }

  private void createConfig(String name, String model) {
    sdk.sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v
        .variantName("AllTraffic").modelName(model).instanceType("ml.m5.large").initialInstanceCount(1)));
  }

  private static void assertValidation(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SageMakerException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  @Test
  void newModel_whenUsedWithinTheDelay_isNotFoundThenFound() {
    start(Duration.ofSeconds(30));
    createModel("m1");

    assertValidation(() -> sdk.sageMaker.describeModel(r -> r.modelName("m1")),
        "Could not find model \"" + ARN + "model/m1\".");
    assertValidation(() -> createConfig("c1", "m1"), "Could not find model \"" + ARN + "model/m1\".");
    assertThat(sdk.sageMaker.listModels(r -> { }).models()).hasSize(1);

    plane.advance(Duration.ofSeconds(30));
    createConfig("c1", "m1");
    assertValidation(() -> sdk.sageMaker.createEndpoint(r -> r.endpointName("e1").endpointConfigName("c1")),
        "Could not find endpoint configuration \"" + ARN + "endpoint-config/c1\".");
    assertValidation(() -> sdk.sageMaker.describeEndpointConfig(r -> r.endpointConfigName("c1")),
        "Could not find endpoint configuration \"" + ARN + "endpoint-config/c1\".");

    plane.advance(Duration.ofSeconds(30));
    sdk.sageMaker.createEndpoint(r -> r.endpointName("e1").endpointConfigName("c1"));
  }

  @Test
  void newModelPackageAndScalableTarget_whenUsedWithinTheDelay_areNotFound() {
    start(Duration.ofSeconds(20));
    createModel("m1");
    plane.advance(Duration.ofSeconds(20));
    createConfig("c1", "m1");
    plane.advance(Duration.ofSeconds(20));
    sdk.sageMaker.createEndpoint(r -> r.endpointName("e1").endpointConfigName("c1"));
    plane.advance(Timings.PROVISIONING);
    sdk.sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    String arn = sdk.sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn")
        .inferenceSpecification(i -> i.containers(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))).modelPackageArn();
    sdk.autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("endpoint/e1/variant/AllTraffic")
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(2));

    assertValidation(() -> sdk.sageMaker.describeModelPackage(r -> r.modelPackageName(arn)),
        "ModelPackage " + arn + " does not exist.");
    assertThatThrownBy(() -> putPolicy()).isInstanceOf(ObjectNotFoundException.class);
    assertThatThrownBy(() -> putScheduledAction()).isInstanceOf(ObjectNotFoundException.class);
    assertThat(sdk.autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER))
        .scalableTargets()).isEmpty();

    plane.advance(Duration.ofSeconds(20));
    assertThat(sdk.sageMaker.describeModelPackage(r -> r.modelPackageName(arn)).modelPackageArn()).isEqualTo(arn);
    putPolicy();
    putScheduledAction();
  }

  private void putScheduledAction() {
    sdk.autoScaling.putScheduledAction(r -> r.scheduledActionName("night").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("endpoint/e1/variant/AllTraffic")
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).schedule("cron(0 22 * * ? *)")
        .scalableTargetAction(a -> a.minCapacity(1).maxCapacity(1)));
  }

  private void putPolicy() {
    sdk.autoScaling.putScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("endpoint/e1/variant/AllTraffic")
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t
            .targetValue(70.0).predefinedMetricSpecification(p -> p
                .predefinedMetricType("SageMakerVariantInvocationsPerInstance"))));
  }

  @Test
  void faultApi_whenConsistencyDelayPosted_appliesToResourcesCreatedAfterwards() throws Exception {
    start(Duration.ZERO);
    createModel("before");
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(plane.endpoint() + "/_local/faults"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"consistencyDelaySeconds\": 45}")).build(),
        HttpResponse.BodyHandlers.ofString());
    createModel("after");

    assertThat(answer.body()).contains("\"consistencyDelaySeconds\":45.0");
    assertThat(sdk.sageMaker.describeModel(r -> r.modelName("before")).modelName()).isEqualTo("before");
    assertValidation(() -> sdk.sageMaker.describeModel(r -> r.modelName("after")),
        "Could not find model \"" + ARN + "model/after\".");
    plane.advance(Duration.ofSeconds(45));
    assertThat(sdk.sageMaker.describeModel(r -> r.modelName("after")).modelName()).isEqualTo("after");
  }
}
