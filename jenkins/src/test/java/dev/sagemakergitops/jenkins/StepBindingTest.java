package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

class StepBindingTest {

  /** Every step of the plugin, by its Pipeline name. */
  static final Map<String, Class<? extends Step>> STEPS = Map.of(
      "sagemakerTrain", SageMakerTrainStep.class,
      "registerModel", RegisterModelStep.class,
      "safeDeploy", SafeDeployStep.class,
      "shadowTest", ShadowTestStep.class,
      "batchTransform", BatchTransformStep.class,
      "sagemakerValidate", ValidateStep.class,
      "sagemakerPlan", PlanStep.class);

  private static final Map<String, Object> AWS = Map.of("credentialsId", "aws-prod", "region", "eu-west-1",
      "endpointUrl", "http://127.0.0.1:4566", "roleArn", "arn:aws:iam::123456789012:role/deployer",
      "roleExternalId", "tenant-7", "repository", "/var/lib/jenkins/repos/models");

  @Test
  void bind_withEveryArgumentOfSafeDeploy_setsThemAllAndRoundTrips() {
    Map<String, Object> arguments = new LinkedHashMap<>(AWS);
    arguments.putAll(Map.of("manifest", "models/churn/prod.yaml", "ref", "origin/main", "cleanUp", true,
        "keepCommits", 5, "revertBranch", "revert/churn-prod", "despiteAlarms", true));

    SafeDeployStep step = StepBinder.bind(SafeDeployStep.class, arguments);

    assertThat(step.getManifest()).isEqualTo("models/churn/prod.yaml");
    assertThat(step.getRef()).isEqualTo("origin/main");
    assertThat(step.isCleanUp()).isTrue();
    assertThat(step.getKeepCommits()).isEqualTo(5);
    assertThat(step.getRevertBranch()).isEqualTo("revert/churn-prod");
    assertThat(step.isDespiteAlarms()).isTrue();
    assertThat(step.getCredentialsId()).isEqualTo("aws-prod");
    assertThat(step.getRoleExternalId()).isEqualTo("tenant-7");
    assertThat(StepBinder.uninstantiate(step)).isEqualTo(arguments);
    assertThat(step.options()).containsExactly(Map.entry("cleanUp", "true"), Map.entry("keepCommits", "5"),
        Map.entry("revertBranch", "revert/churn-prod"), Map.entry("despiteAlarms", "true"));
  }

  @Test
  void bind_everyStep_takesItsOwnArgumentsAndTheSharedOnes() {
    Map<String, Map<String, Object>> own = Map.of(
        "sagemakerTrain", Map.of("manifest", "models/churn/prod.yaml", "runKey", "build-43"),
        "registerModel", Map.of("manifest", "models/churn/prod.yaml", "trainingJob", "churn-prod-0a1b2c3d4e5f",
            "bumpBranch", "bump/churn-prod"),
        "safeDeploy", Map.of("manifest", "models/churn/prod.yaml"),
        "shadowTest", Map.of("manifest", "models/churn/prod.yaml", "experimentRoleArn",
            "arn:aws:iam::123456789012:role/sm-shadow", "dataCaptureUri", "s3://ml-capture/churn/", "runKey", "build-42"),
        "batchTransform", Map.of("manifest", "models/churn/prod.yaml", "transform", "nightly-scoring",
            "runKey", "2026-11-02"),
        "sagemakerValidate", Map.of("ref", "HEAD", "paths", "models/churn", "offline", true, "failOnProblems", false),
        "sagemakerPlan", Map.of("base", "origin/main", "head", "HEAD", "paths", "models", "offline", true));
    for (Map.Entry<String, Class<? extends Step>> step : STEPS.entrySet()) {
      Map<String, Object> arguments = new LinkedHashMap<>(own.get(step.getKey()));
      arguments.putAll(AWS);

      Step bound = StepBinder.bind(step.getValue(), arguments);

      assertThat(StepBinder.uninstantiate(bound)).as(step.getKey()).isEqualTo(arguments);
    }
  }

  @Test
  void bind_fromTheSnippetGeneratorsStrings_coercesAndTreatsBlankAsAbsent() {
    BatchTransformStep step = StepBinder.bind(BatchTransformStep.class,
        Map.of("manifest", " models/churn/prod.yaml ", "transform", "", "runKey", "nightly", "region", " "));

    assertThat(step.getManifest()).isEqualTo("models/churn/prod.yaml");
    assertThat(step.getTransform()).isNull();
    assertThat(step.getRegion()).isNull();
    assertThat(new StepSettings(BatchTransformStep.FUNCTION, step.getManifest(), step.getRef(), step, step.options())
        .options()).containsExactly(Map.entry("runKey", "nightly"));
    assertThat(StepBinder.bind(SafeDeployStep.class, Map.of("manifest", "m.yaml", "keepCommits", "3")).getKeepCommits())
        .isEqualTo(3);
  }

  @Test
  void options_ofRegisterAndShadowTest_carryTheirOwnArgumentsByTheNamesTheFactoriesRead() {
    RegisterModelStep register = StepBinder.bind(RegisterModelStep.class, Map.of("manifest", "m.yaml",
        "modelArtifactUri", "s3://ml-artifacts/churn/model.tar.gz", "bumpBranch", "bump/churn"));
    ShadowTestStep shadow = StepBinder.bind(ShadowTestStep.class, Map.of("manifest", "m.yaml", "runKey", "2",
        "experimentRoleArn", "arn:aws:iam::123456789012:role/sm-shadow"));

    assertThat(settings(register).options()).containsOnly(
        Map.entry(RegisterOperationFactory.MODEL_ARTIFACT_URI, "s3://ml-artifacts/churn/model.tar.gz"),
        Map.entry(RegisterOperationFactory.BUMP_BRANCH, "bump/churn"));
    assertThat(settings(shadow).options()).containsOnly(Map.entry(ShadowTestOperationFactory.RUN_KEY, "2"),
        Map.entry(ShadowTestOperationFactory.EXPERIMENT_ROLE_ARN, "arn:aws:iam::123456789012:role/sm-shadow"));
  }

  @Test
  void bind_safeDeployWithTheRevertBranchsPublishingArguments_carriesThemByTheNamesPullRequestOptionsReads() {
    Map<String, Object> arguments = Map.of("manifest", "m.yaml", "revertBranch", "revert/churn", "push", "origin",
        "openPullRequest", "gitlab", "pullRequestBase", "main", "gitCredentialsId", "gitlab-bot");

    SafeDeployStep deploy = StepBinder.bind(SafeDeployStep.class, arguments);

    assertThat(StepBinder.uninstantiate(deploy)).isEqualTo(arguments);
    assertThat(settings(deploy).options()).containsOnly(Map.entry(SafeDeployOperationFactory.REVERT_BRANCH, "revert/churn"),
        Map.entry(PullRequestOptions.PUSH, "origin"), Map.entry(PullRequestOptions.OPEN_PULL_REQUEST, "gitlab"),
        Map.entry(PullRequestOptions.PULL_REQUEST_BASE, "main"),
        Map.entry(PullRequestOptions.GIT_CREDENTIALS_ID, "gitlab-bot"));
  }

  private static StepSettings settings(OperationStep step) {
    return new StepSettings(step.functionName(), step.getManifest(), step.getRef(), step, step.options());
  }

  @Test
  void bind_withAMisspelledOrMissingArgument_isRefused() {
    assertThatThrownBy(() -> StepBinder.bind(SageMakerTrainStep.class, Map.of("manfest", "models/churn/prod.yaml")))
        .hasMessage("Unknown parameter(s) found for class type '" + SageMakerTrainStep.class.getName() + "': manfest");
    assertThatThrownBy(() -> StepBinder.bind(SageMakerTrainStep.class, Map.of("region", "us-east-1")))
        .hasMessageContaining("manifest is required: the path of a model manifest in the repository");
    assertThatThrownBy(() -> StepBinder.bind(PlanStep.class, Map.of()))
        .hasMessageContaining("base is required");
    assertThatThrownBy(() -> StepBinder.bind(SafeDeployStep.class, Map.of("manifest", "m.yaml", "keepCommits", -1)))
        .hasMessageContaining("keepCommits must be 0 or more, got -1");
  }

  @Test
  void descriptors_nameTheStepsAndNeedNoWorkspace() throws ReflectiveOperationException {
    for (Map.Entry<String, Class<? extends Step>> step : STEPS.entrySet()) {
      Class<?> descriptorType = Class.forName(step.getValue().getName() + "$DescriptorImpl");
      StepDescriptor descriptor = (StepDescriptor) descriptorType.getConstructor().newInstance();

      assertThat(descriptor.getFunctionName()).isEqualTo(step.getKey());
      assertThat(descriptor.getDisplayName()).endsWith("(sagemaker-gitops)");
      // Only the run and its log: no FilePath or Launcher, so no executor is held while a step waits.
      assertThat(java.util.Set.<Object>copyOf(descriptor.getRequiredContext()))
          .containsExactlyInAnyOrder(Run.class, TaskListener.class).doesNotContain(FilePath.class);
      assertThat(descriptor.takesImplicitBlockArgument()).isFalse();
      assertThat(descriptorType.isAnnotationPresent(hudson.Extension.class)).isTrue();
    }
  }

  @Test
  void parameters_ofEveryStep_haveGettersForTheSnippetGenerator() {
    for (Class<? extends Step> type : STEPS.values()) {
      List<String> names = List.copyOf(StepBinder.parameters(type).keySet());

      assertThat(names).as(type.getSimpleName()).contains("credentialsId", "region", "endpointUrl", "roleArn",
          "roleExternalId", "repository");
    }
  }
}
