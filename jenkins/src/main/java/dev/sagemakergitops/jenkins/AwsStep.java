package dev.sagemakergitops.jenkins;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every step of this plugin takes besides its own arguments: where the Git repository is, and
 * how to reach AWS. All optional: without them a step reads the enclosing workspace and uses the
 * build's environment ({@code withAWS}, {@code withCredentials}) or the controller's AWS set-up.
 * Blank values count as absent, as the Snippet Generator sends empty fields.
 */
public abstract class AwsStep extends Step {
  private String repository;
  private String credentialsId;
  private String region;
  private String endpointUrl;
  private String roleArn;
  private String roleExternalId;

  public String getRepository() {
    return repository;
  }

  /** The Git repository's directory on the controller; relative to the workspace when inside {@code node}. */
  @DataBoundSetter
  public void setRepository(String repository) {
    this.repository = blankToNull(repository);
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  /** The id of AWS Credentials plugin credentials; else the build's environment, else the controller's chain. */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = blankToNull(credentialsId);
  }

  public String getRegion() {
    return region;
  }

  /** The default region, for manifests that name none; else {@code AWS_REGION} of the build. */
  @DataBoundSetter
  public void setRegion(String region) {
    this.region = blankToNull(region);
  }

  public String getEndpointUrl() {
    return endpointUrl;
  }

  /** One endpoint for every AWS service (a local emulator); else {@code AWS_ENDPOINT_URL} of the build. */
  @DataBoundSetter
  public void setEndpointUrl(String endpointUrl) {
    this.endpointUrl = blankToNull(endpointUrl);
  }

  public String getRoleArn() {
    return roleArn;
  }

  /** A role to assume on top of the credentials. */
  @DataBoundSetter
  public void setRoleArn(String roleArn) {
    this.roleArn = blankToNull(roleArn);
  }

  public String getRoleExternalId() {
    return roleExternalId;
  }

  /** The external id the role's trust policy demands. */
  @DataBoundSetter
  public void setRoleExternalId(String roleExternalId) {
    this.roleExternalId = blankToNull(roleExternalId);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
