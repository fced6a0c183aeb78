package dev.sagemakergitops.local.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/** Application Auto Scaling through the real SDK client over HTTP. */
@IntegrationPhase
class AutoScalingServiceTest {
  private static final String VARIANT = "endpoint/churn/variant/AllTraffic";

  private LocalControlPlane plane;
  private ApplicationAutoScalingClient client;

  private void start(ApplicationAutoScalingService service) {
    plane = LocalControlPlane.builder().service(service).start();
    client = ApplicationAutoScalingClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    plane.close();
  }

  private void register(int min, int max) {
    client.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(VARIANT)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(min).maxCapacity(max));
  }

  @Test
  void registerScalableTarget_whenNew_isDescribedWithItsCapacities() {
    start(new ApplicationAutoScalingService());

    register(1, 4);

    var targets = client.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets();
    assertThat(targets).singleElement().satisfies(t -> {
      assertThat(t.resourceId()).isEqualTo(VARIANT);
      assertThat(t.minCapacity()).isEqualTo(1);
      assertThat(t.maxCapacity()).isEqualTo(4);
      assertThat(t.scalableTargetARN()).startsWith("arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/");
      assertThat(t.roleARN()).contains("AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint");
    });
  }

  @Test
  void registerScalableTarget_whenInAChinaRegion_answersArnsOfTheAwsCnPartition() {
    start(new ApplicationAutoScalingService());
    try (ApplicationAutoScalingClient china = ApplicationAutoScalingClient.builder().endpointOverride(plane.endpoint())
        .region(Region.CN_NORTH_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      // Before: arn:aws:... in every region (moto finding C-15).
      String arn = china.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(VARIANT)
          .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(2))
          .scalableTargetARN();
      var target = china.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER))
          .scalableTargets().get(0);

      assertThat(arn).startsWith("arn:aws-cn:application-autoscaling:cn-north-1:123456789012:scalable-target/");
      assertThat(target.roleARN()).startsWith("arn:aws-cn:iam::123456789012:role/aws-service-role/");
    }
  }

  @Test
  void registerScalableTarget_whenMinAboveMax_answersValidationException() {
    start(new ApplicationAutoScalingService());

    assertThatThrownBy(() -> register(5, 2)).isInstanceOf(ValidationException.class);
  }

  @Test
  void registerScalableTarget_whenValidatorRefuses_answersValidationExceptionWithItsMessage() {
    start(new ApplicationAutoScalingService((region, namespace, resourceId, dimension) -> Optional.of(
        "Endpoint churn is in Creating. The status should be in 'InService' to register it as a scalable target")));

    assertThatThrownBy(() -> register(1, 2)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("The status should be in 'InService' to register it as a scalable target");
  }

  @Test
  void putScalingPolicy_whenTargetTracking_answersPolicyArnAndAlarms() {
    start(new ApplicationAutoScalingService());
    register(1, 4);

    var response = client.putScalingPolicy(r -> r.policyName("invocations").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(VARIANT).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
            .targetValue(70.0).scaleInCooldown(300).scaleOutCooldown(60)
            .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))));

    assertThat(response.policyARN()).startsWith("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:")
        .endsWith(":resource/sagemaker/" + VARIANT + ":policyName/invocations");
    assertThat(response.alarms()).hasSize(2).allSatisfy(a -> assertThat(a.alarmName()).startsWith("TargetTracking-" + VARIANT));
    var policies = client.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(VARIANT))
        .scalingPolicies();
    assertThat(policies).singleElement().satisfies(p -> {
      assertThat(p.policyARN()).isEqualTo(response.policyARN());
      assertThat(p.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(70.0);
      assertThat(p.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricType())
          .isEqualTo(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE);
    });
  }

  @Test
  void putScalingPolicy_whenTargetNotRegistered_answersObjectNotFound() {
    start(new ApplicationAutoScalingService());

    assertThatThrownBy(() -> client.putScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(VARIANT).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c.targetValue(1.0)
            .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE)))))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("No scalable target registered for service namespace: sagemaker, resource ID: " + VARIANT);
  }

  @Test
  void deleteScalingPolicy_whenMissing_answersObjectNotFound() {
    start(new ApplicationAutoScalingService());

    assertThatThrownBy(() -> client.deleteScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(VARIANT).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void deregisterScalableTarget_whenRegistered_removesItAndItsPolicies() {
    start(new ApplicationAutoScalingService());
    register(1, 2);
    client.putScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(VARIANT)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c.targetValue(1.0)
            .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))));

    client.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(VARIANT)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));

    assertThat(client.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets()).isEmpty();
    assertThat(client.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalingPolicies()).isEmpty();
    assertThatThrownBy(() -> client.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(VARIANT).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void registerScalableTarget_whenResourceIdMalformed_answersValidationException() {
    start(new ApplicationAutoScalingService());

    assertThatThrownBy(() -> client.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("churn").scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .minCapacity(1).maxCapacity(2))).isInstanceOf(ApplicationAutoScalingException.class);
  }
}
