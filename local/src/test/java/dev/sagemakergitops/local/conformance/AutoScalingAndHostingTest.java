package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** How hosting and Application Auto Scaling constrain each other, as SageMaker documents it. */
class AutoScalingAndHostingTest {
  private LocalControlPlane plane;
  private SdkClients aws;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().standardServices().start();
    aws = new SdkClients(plane);
    aws.sageMaker.createModel(r -> r.modelName("churn").executionRoleArn("arn:aws:iam::123456789012:role/sm")
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1")));
    for (var type : new ProductionVariantInstanceType[] {ProductionVariantInstanceType.ML_M5_LARGE,
        ProductionVariantInstanceType.ML_C5_XLARGE}) {
      aws.sageMaker.createEndpointConfig(r -> r.endpointConfigName("churn-" + type.toString().replace('.', '-'))
          .productionVariants(v -> v.variantName("AllTraffic").modelName("churn").instanceType(type)
              .initialInstanceCount(2)));
    }
  }

  @AfterEach
  void stop() {
    aws.close();
    plane.close();
  }

  private void register() {
    aws.autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("endpoint/churn/variant/AllTraffic")
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(2).maxCapacity(4));
  }

  @Test
  void registerScalableTarget_whenEndpointStillCreating_isRefused() {
    aws.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-ml-m5-large"));

    assertThatThrownBy(this::register).isInstanceOfSatisfying(ApplicationAutoScalingException.class,
        e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("The status should be in 'InService' to register it as a scalable target"));
  }

  @Test
  void updateEndpoint_whenScaledVariantChangesInstanceType_isRefusedUntilDeregistered() {
    aws.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-ml-m5-large"));
    plane.advance(Duration.ofMinutes(10));
    register();

    assertThatThrownBy(() -> aws.sageMaker.updateEndpoint(r -> r.endpointName("churn")
        .endpointConfigName("churn-ml-c5-xlarge")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("registered as an Application Auto Scaling scalable target")
            .contains("Deregister the scalable target"));

    aws.autoScaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId("endpoint/churn/variant/AllTraffic")
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
    aws.sageMaker.updateEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-ml-c5-xlarge"));
    plane.advance(Duration.ofMinutes(10));

    var endpoint = aws.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(endpoint.endpointConfigName()).isEqualTo("churn-ml-c5-xlarge");
  }

  @Test
  void stopInferenceExperiment_whenPromotingOverAScaledProductionVariant_isRefusedUntilDeregistered() {
    aws.sageMaker.createModel(r -> r.modelName("churn-2").executionRoleArn("arn:aws:iam::123456789012:role/sm")
        .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:2")));
    aws.sageMaker.createEndpoint(r -> r.endpointName("churn").endpointConfigName("churn-ml-m5-large"));
    plane.advance(Duration.ofMinutes(10));
    register();
    aws.sageMaker.createInferenceExperiment(r -> r.name("churn-shadow").type("ShadowMode")
        .roleArn("arn:aws:iam::123456789012:role/sm").endpointName("churn")
        .modelVariants(variant("churn", "AllTraffic"), variant("churn-2", "challenger"))
        .shadowModeConfig(s -> s.sourceModelVariantName("AllTraffic")
            .shadowModelVariants(v -> v.shadowModelVariantName("challenger").samplingPercentage(50))));
    plane.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> aws.sageMaker.stopInferenceExperiment(r -> r.name("churn-shadow")
        .modelVariantActionsWithStrings(java.util.Map.of("AllTraffic", "Remove", "challenger", "Promote"))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("AllTraffic of endpoint churn is registered as an Application Auto Scaling scalable target")
            .contains("Deregister the scalable target"));
    assertThat(aws.sageMaker.describeInferenceExperiment(r -> r.name("churn-shadow")).statusAsString())
        .isEqualTo("Running");

    // Removing the shadow leaves the scaled variant alone, so it is allowed.
    aws.sageMaker.stopInferenceExperiment(r -> r.name("churn-shadow")
        .modelVariantActionsWithStrings(java.util.Map.of("AllTraffic", "Retain", "challenger", "Remove")));
    var endpoint = aws.sageMaker.describeEndpoint(r -> r.endpointName("churn"));
    assertThat(endpoint.endpointConfigName()).isEqualTo("churn-ml-m5-large");
    assertThat(endpoint.productionVariants()).extracting(v -> v.variantName()).containsExactly("AllTraffic");
  }

  private static software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig variant(String model, String name) {
    return software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig.builder().modelName(model)
        .variantName(name).infrastructureConfig(i -> i.infrastructureType("RealTimeInference")
            .realTimeInferenceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1))).build();
  }
}
