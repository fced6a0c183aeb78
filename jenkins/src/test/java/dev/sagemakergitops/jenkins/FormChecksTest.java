package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.security.Permission;
import hudson.util.FormValidation;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator's checks of the manifest path, region and role ARN: what they answer to
 * someone who may configure the job, that they answer nothing to anyone else, and that they take
 * POST only.
 */
class FormChecksTest {
  private final AwsStepDescriptor descriptor = new SageMakerTrainStep.DescriptorImpl();
  private final Item configurable = new Job(true);

  @Test
  void doCheckRegion_answersWhetherItIsARegionCode() {
    assertThat(descriptor.doCheckRegion(configurable, "us-east-1").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckRegion(configurable, "us-gov-west-1").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckRegion(configurable, "").kind).isEqualTo(FormValidation.Kind.OK);
    FormValidation wrong = descriptor.doCheckRegion(configurable, "US East (N. Virginia)");
    assertThat(wrong.kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(wrong).hasMessage("Not an AWS region code such as us-east-1 or eu-central-1");
  }

  @Test
  void doCheckRoleArn_answersWhetherItIsAnIamRoleArn() {
    assertThat(descriptor.doCheckRoleArn(configurable, "arn:aws:iam::123456789012:role/deploy/sagemaker-gitops").kind)
        .isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckRoleArn(configurable, "arn:aws-cn:iam::123456789012:role/deployer").kind)
        .isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckRoleArn(configurable, "arn:aws:iam::123456789012:user/alice").kind)
        .isEqualTo(FormValidation.Kind.ERROR);
  }

  @Test
  void doCheckManifest_refusesPathsOutsideTheRepositoryAndWarnsOfOtherFiles() {
    assertThat(descriptor.doCheckManifest(configurable, "models/churn/prod.yaml").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckManifest(configurable, "../other/prod.yaml")).hasMessage(
        "A manifest is a path inside the repository, without '..'");
    assertThat(descriptor.doCheckManifest(configurable, "/var/lib/jenkins/prod.yaml").kind)
        .isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckManifest(configurable, "models/churn/prod.json").kind)
        .isEqualTo(FormValidation.Kind.WARNING);
  }

  @Test
  void checks_forSomeoneWhoMayNotConfigureTheJob_answerNothing() {
    Item readOnly = new Job(false);

    assertThat(descriptor.doCheckRegion(readOnly, "nowhere").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckRoleArn(readOnly, "nobody").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckManifest(readOnly, "../../etc/passwd").kind).isEqualTo(FormValidation.Kind.OK);
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

  /** A job the user may (or may not) configure. */
  private record Job(boolean mayConfigure) implements Item {
    @Override
    public boolean hasPermission(Permission permission) {
      return mayConfigure;
    }
  }
}
