package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who the Snippet Generator's checks answer, in a real Jenkins with a security realm: a user who
 * may configure the job (or, on the global page, an administrator) learns what is wrong with a
 * value; anyone else gets no answer. What the checks say about a value is {@code FormChecksTest}'s.
 * Runs with {@code mvn -Pjenkins verify}, where the Jenkins artifact repository is reachable.
 */
@WithJenkins
class FormCheckPermissionsTest {
  private AwsStepDescriptor descriptor;
  private WorkflowJob job;

  @BeforeEach
  void secure(JenkinsRule r) throws Exception {
    r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
    r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
        .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "configurer")
        .grant(Item.CONFIGURE).everywhere().to("configurer")
        .grant(Jenkins.ADMINISTER).everywhere().to("administrator"));
    descriptor = r.jenkins.getDescriptorByType(SageMakerTrainStep.DescriptorImpl.class);
    job = r.createProject(WorkflowJob.class, "deploy");
  }

  @Test
  void checks_forSomeoneWhoMayNotConfigureTheJob_answerNothing() {
    try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
      assertThat(descriptor.doCheckRegion(job, "nowhere").kind).isEqualTo(FormValidation.Kind.OK);
      assertThat(descriptor.doCheckRoleArn(job, "nobody").kind).isEqualTo(FormValidation.Kind.OK);
      assertThat(descriptor.doCheckManifest(job, "../../etc/passwd").kind).isEqualTo(FormValidation.Kind.OK);
      assertThat(descriptor.doCheckRegion(null, "nowhere").kind).isEqualTo(FormValidation.Kind.OK);
    }
  }

  @Test
  void checks_forSomeoneWhoMayConfigureTheJob_answerWhatIsWrong() {
    try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
      assertThat(descriptor.doCheckRegion(job, "nowhere").kind).isEqualTo(FormValidation.Kind.ERROR);
      assertThat(descriptor.doCheckRoleArn(job, "nobody").kind).isEqualTo(FormValidation.Kind.ERROR);
      assertThat(descriptor.doCheckManifest(job, "../../etc/passwd").kind).isEqualTo(FormValidation.Kind.ERROR);
      // The global Pipeline Syntax page has no job: only administrators get an answer there.
      assertThat(descriptor.doCheckRegion(null, "nowhere").kind).isEqualTo(FormValidation.Kind.OK);
    }
    try (ACLContext ignored = ACL.as2(User.getById("administrator", true).impersonate2())) {
      assertThat(descriptor.doCheckRegion(null, "nowhere").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
  }
}
