package dev.sagemakergitops.jenkins;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A step's arguments as its execution keeps them: plain strings, persisted with the Pipeline
 * program, so a step resumed after a restart knows what it was asked. Never a credential: a step
 * takes a {@code credentialsId}, and credentials are resolved again on every resume.
 *
 * <p>A plain class, not a record: the Pipeline engine persists executions with JBoss Marshalling,
 * which restores fields reflectively, and records cannot be restored that way.
 */
public final class StepSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String step;
  private final String manifest;
  private final String ref;
  private final String repository;
  private final String credentialsId;
  private final String region;
  private final String endpointUrl;
  private final String roleArn;
  private final String roleExternalId;
  private final TreeMap<String, String> options;

  /**
   * @param step the step's function name, for messages
   * @param manifest the manifest's path in the repository, or {@code null} for steps over many
   * @param ref the Git ref to read, or {@code null} for the build's commit
   * @param options the step's own arguments (a bump branch, a transform's name), by name; null values
   *     are left out
   */
  StepSettings(String step, String manifest, String ref, AwsStep aws, Map<String, String> options) {
    this.step = step;
    this.manifest = manifest;
    this.ref = ref;
    this.repository = aws.getRepository();
    this.credentialsId = aws.getCredentialsId();
    this.region = aws.getRegion();
    this.endpointUrl = aws.getEndpointUrl();
    this.roleArn = aws.getRoleArn();
    this.roleExternalId = aws.getRoleExternalId();
    this.options = new TreeMap<>();
    options.forEach((name, value) -> {
      if (value != null) {
        this.options.put(name, value);
      }
    });
  }

  public String step() {
    return step;
  }

  public String manifest() {
    return manifest;
  }

  public String ref() {
    return ref;
  }

  public String repository() {
    return repository;
  }

  public String credentialsId() {
    return credentialsId;
  }

  public String region() {
    return region;
  }

  public String endpointUrl() {
    return endpointUrl;
  }

  public String roleArn() {
    return roleArn;
  }

  public String roleExternalId() {
    return roleExternalId;
  }

  /** The step's own arguments, by name. */
  public Map<String, String> options() {
    return Collections.unmodifiableMap(options);
  }

  @Override
  public String toString() {
    return step + "[manifest=" + manifest + ", ref=" + ref + ", repository=" + repository + ", credentialsId="
        + credentialsId + ", region=" + region + ", endpointUrl=" + endpointUrl + ", roleArn=" + roleArn
        + ", options=" + options + "]";
  }
}
