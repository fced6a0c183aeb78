package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.fixture.ServingFixture;
import dev.sagemakergitops.core.operation.fixture.TrafficSleeper;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;

/**
 * A local AWS with endpoint {@code churn-prod} live on package version 1's model, the churn
 * manifest (shadow model: package version 2) resolved from a real Git repository, and clients that
 * send the endpoint {@code trafficPerMinute} requests every simulated minute.
 */
final class ShadowWorld implements AbandonEveryCall.World<ShadowTestRequest> {
  final LocalAws aws;
  final ServingFixture fixture;
  final ShadowTestRequest request;
  final TrafficSleeper traffic;

  ShadowWorld(Path dir, ChurnManifest manifest, int trafficPerMinute) {
    aws = LocalAws.start();
    fixture = new ServingFixture(aws, dir).registerPackages().deployEndpoint();
    request = ShadowTestRequest.of(fixture.resolve(manifest));
    traffic = new TrafficSleeper(aws, fixture, trafficPerMinute);
  }

  /** The shadow variant's name: the manifest's model's name. */
  String shadowVariant() {
    return new dev.sagemakergitops.core.operation.model.ServingModels(aws.context(aws.clients()))
        .define(request.manifest()).name();
  }

  HostingService hosting() {
    return aws.local().service(HostingService.class);
  }

  @Override
  public LocalAws aws() {
    return aws;
  }

  @Override
  public ShadowTestRequest request() {
    return request;
  }

  @Override
  public Sleeper sleeper() {
    return traffic;
  }

  /**
   * Every experiment (name, status, reason, variant statuses), every model, and which package
   * version's model answers the endpoint's requests now.
   */
  @Override
  public Object resources() {
    SageMakerClient sageMaker = fixture.sageMaker();
    List<String> out = new ArrayList<>();
    for (InferenceExperimentSummary summary : sageMaker.listInferenceExperiments(r -> r.maxResults(100))
        .inferenceExperiments()) {
      DescribeInferenceExperimentResponse experiment = sageMaker.describeInferenceExperiment(r -> r.name(summary.name()));
      out.add("experiment " + experiment.name() + " " + experiment.statusAsString() + " " + experiment.modelVariants()
          .stream().map(v -> v.variantName() + "=" + v.modelName() + ":" + v.statusAsString()).toList() + " "
          + experiment.statusReason());
    }
    for (ModelSummary model : sageMaker.listModels(r -> r.maxResults(100)).models()) {
      out.add("model " + model.modelName());
    }
    out.add("endpoint " + sageMaker.describeEndpoint(r -> r.endpointName(ChurnManifest.ENDPOINT))
        .endpointStatusAsString() + ", serving package version " + servedVersion());
    return out;
  }

  /** Which package version's model answered a request just now (1: production's, 2: the manifest's). */
  int servedVersion() {
    String request = "1.5,2.25\n";
    String answer = null;
    for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
      try {
        answer = fixture.invoke(request);
      } catch (RuntimeException e) {
        // An injected fault; ask again.
      }
    }
    for (int version = 1; version <= 2; version++) {
      if (ServingFixture.localModelOf(version).predictCsv(request).equals(answer)) {
        return version;
      }
    }
    return 0;
  }

  @Override
  public void close() {
    fixture.close();
    aws.close();
  }
}
