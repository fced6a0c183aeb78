package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.util.FormValidation;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator's checks of the manifest path, region and role ARN: what they answer about
 * a value, and that they take POST only. That they answer nothing to someone who may not configure
 * the job needs a real {@link Item} and security realm: {@code FormCheckPermissionsTest} in the
 * plugin's JenkinsRule tests.
 */
class FormChecksTest {

  @Test
  void checkRegion_answersWhetherItIsARegionCode() {
    assertThat(AwsStepDescriptor.checkRegion("us-east-1").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(AwsStepDescriptor.checkRegion("us-gov-west-1").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(AwsStepDescriptor.checkRegion("").kind).isEqualTo(FormValidation.Kind.OK);
    FormValidation wrong = AwsStepDescriptor.checkRegion("US East (N. Virginia)");
    assertThat(wrong.kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(wrong).hasMessage("Not an AWS region code such as us-east-1 or eu-central-1");
  }

  @Test
  void checkRoleArn_answersWhetherItIsAnIamRoleArn() {
    assertThat(AwsStepDescriptor.checkRoleArn("arn:aws:iam::123456789012:role/deploy/sagemaker-gitops").kind)
        .isEqualTo(FormValidation.Kind.OK);
    assertThat(AwsStepDescriptor.checkRoleArn("arn:aws-cn:iam::123456789012:role/deployer").kind)
        .isEqualTo(FormValidation.Kind.OK);
    assertThat(AwsStepDescriptor.checkRoleArn("arn:aws:iam::123456789012:user/alice").kind)
        .isEqualTo(FormValidation.Kind.ERROR);
  }

  @Test
  void checkManifest_refusesPathsOutsideTheRepositoryAndWarnsOfOtherFiles() {
    assertThat(AwsStepDescriptor.checkManifest("models/churn/prod.yaml").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(AwsStepDescriptor.checkManifest("../other/prod.yaml")).hasMessage(
        "A manifest is a path inside the repository, without &#039;..&#039;");
    assertThat(AwsStepDescriptor.checkManifest("/var/lib/jenkins/prod.yaml").kind)
        .isEqualTo(FormValidation.Kind.ERROR);
    assertThat(AwsStepDescriptor.checkManifest("models/churn/prod.json").kind)
        .isEqualTo(FormValidation.Kind.WARNING);
  }

  @Test
  void checks_takePostOnly() throws NoSuchMethodException {
    for (String check : new String[] {"doCheckManifest", "doCheckRegion", "doCheckRoleArn"}) {
      Method method = AwsStepDescriptor.class.getMethod(check, Item.class, String.class);
      assertThat(method.isAnnotationPresent(POST.class)).as(check).isTrue();
    }
  }

  @Test
  void keepCommits_leftEmpty_isNullNotZero() {
    assertThat(StepBinder.bind(SafeDeployStep.class, Map.of("manifest", "m.yaml")).getKeepCommits()).isNull();
  }
}
