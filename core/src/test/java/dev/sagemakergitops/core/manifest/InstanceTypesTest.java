package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.ManifestText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instance types checked per use when a manifest is loaded: hosting, training and transform accept different lists. */
class InstanceTypesTest {
  private static final String MANIFEST = ManifestText.churnProd().text() + """
        training:
          roleArn: arn:aws:iam::123456789012:role/sm-training
          instanceType: %s
          outputS3Uri: s3://ml-artifacts/churn/
      """ + ManifestText.CHURN_MODEL + """
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: %s, instanceCount: 2}
        batchTransforms:
          nightly:
            input: {s3Uri: s3://ml-data/churn/score/}
            output: {s3Uri: s3://ml-results/churn/}
            instanceType: %s
      """;

  private final ManifestLoader loader = new ManifestLoader();

  private List<ManifestProblem> problems(String training, String hosting, String transform) {
    return loader.load(ManifestSource.file("m.yaml"), MANIFEST.formatted(training, hosting, transform)).problems();
  }

  @Test
  void load_whenEachUseNamesATypeItAccepts_isValid() {
    assertThat(problems("ml.m5.xlarge", "ml.inf2.xlarge", "ml.c5.xlarge")).isEmpty();
  }

  @Test
  void load_whenTrainingNamesAHostingOnlyType_refusesAtItsLineAndSuggestsTheClosestTrainingTypes() {
    List<ManifestProblem> problems = problems("ml.c5.large", "ml.c5.large", "ml.m5.large");

    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.training.instanceType");
      assertThat(problem.line()).isEqualTo(9);
      assertThat(problem.message()).isEqualTo("SageMaker runs endpoint variants on 'ml.c5.large' but not training jobs "
          + "(TrainingInstanceType, botocore " + InstanceTypes.shipped().botocoreVersion() + "); closest that training "
          + "jobs accept: ml.c5.xlarge, ml.c5.2xlarge, ml.c5.4xlarge");
    });
  }

  @Test
  void load_whenTransformOrHostingNameATypeTheyDoNotAccept_refusesEachWithSuggestions() {
    List<ManifestProblem> problems = problems("ml.m5.large", "ml.c5n.xlarge", "ml.t2.medium");

    assertThat(problems).extracting(ManifestProblem::field).containsExactly(
        "spec.endpoint.variants[0].instanceType", "spec.batchTransforms.nightly.instanceType");
    assertThat(problems.get(0).message()).startsWith("SageMaker runs training jobs on 'ml.c5n.xlarge' but not endpoint "
        + "variants (ProductionVariantInstanceType").contains("closest that endpoint variants accept: ml.c5.xlarge");
    assertThat(problems.get(1).message()).startsWith("SageMaker runs endpoint variants on 'ml.t2.medium' but not batch "
        + "transform jobs (TransformInstanceType");
  }

  @Test
  void load_whenTheTypeIsWellFormedButUnknown_saysSoAndSuggestsTheNearestSpelling() {
    List<ManifestProblem> problems = problems("ml.m5.large", "ml.m55.large", "ml.m5.large");

    assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.message())
        .startsWith("'ml.m55.large' is not a SageMaker instance type for endpoint variants").contains("ml.m5.large"));
  }

  @Test
  void shipped_whenRead_hasTheThreeListsAndTheirSource() {
    InstanceTypes types = InstanceTypes.shipped();

    assertThat(types.botocoreVersion()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(types.of(InstanceTypes.Use.HOSTING)).contains("ml.c5.large", "ml.inf2.xlarge").doesNotContain("ml.c5n.xlarge");
    assertThat(types.of(InstanceTypes.Use.TRAINING)).contains("ml.c5n.xlarge").doesNotContain("ml.c5.large", "ml.inf2.xlarge");
    assertThat(types.of(InstanceTypes.Use.TRANSFORM)).contains("ml.m5.large").doesNotContain("ml.t2.medium");
  }
}
