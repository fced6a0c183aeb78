package dev.sagemakergitops.testkit;

import java.util.Objects;

/**
 * The text of a model manifest ({@code kind: ModelDeployment}) as a test writes it to a repository:
 * the header every manifest shares, written once here, and the {@code spec} sections the test
 * varies, given as YAML.
 *
 * <pre>{@code
 * String text = ManifestText.deployment("churn-prod").comment("Churn model, production.")
 *     .region("us-east-1").image(registry + "/churn-xgb:1.4.2")
 *     .spec("""
 *           model:
 *             package: churn/1
 *         """)
 *     .text();
 * }</pre>
 *
 * gives
 *
 * <pre>
 * # Churn model, production.
 * apiVersion: sagemaker-gitops/v1
 * kind: ModelDeployment
 * metadata:
 *   name: churn-prod
 * spec:
 *   region: us-east-1
 *   image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
 *   model:
 *     package: churn/1
 * </pre>
 *
 * <p>Sections are written as they stand in the file (two spaces under {@code spec:}), so a test's
 * text reads like the manifest it commits. Each setter returns a new value.
 *
 * @param name {@code metadata.name}
 * @param comment the comment line above {@code apiVersion}, without {@code #}; {@code null} for none
 * @param labels {@code metadata.labels} as a YAML flow map ({@code {team: growth}}); {@code null} for none
 * @param region {@code spec.region}; {@code null} to leave it out (the manifest's default applies)
 * @param image {@code spec.image}, with a trailing comment if the test wants one; {@code null} for none
 * @param sections the rest of {@code spec}, indented two spaces, ending with a line break
 */
public record ManifestText(String name, String comment, String labels, String region, String image, String sections) {
  public static final String API_VERSION = "sagemaker-gitops/v1";
  public static final String KIND = "ModelDeployment";

  public ManifestText {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sections, "sections");
  }

  /** A manifest named {@code name} with nothing under {@code spec} yet. */
  public static ManifestText deployment(String name) {
    return new ManifestText(name, null, null, null, null, "");
  }

  public ManifestText comment(String value) {
    return new ManifestText(name, value, labels, region, image, sections);
  }

  public ManifestText labels(String value) {
    return new ManifestText(name, comment, value, region, image, sections);
  }

  public ManifestText region(String value) {
    return new ManifestText(name, comment, labels, value, image, sections);
  }

  public ManifestText image(String value) {
    return new ManifestText(name, comment, labels, region, value, sections);
  }

  /** Appends {@code yaml} (sections indented two spaces) under {@code spec}. */
  public ManifestText spec(String yaml) {
    return new ManifestText(name, comment, labels, region, image, sections + yaml);
  }

  /** The manifest's text. */
  public String text() {
    StringBuilder out = new StringBuilder();
    if (comment != null) {
      out.append("# ").append(comment).append('\n');
    }
    out.append("apiVersion: ").append(API_VERSION).append('\n')
        .append("kind: ").append(KIND).append('\n')
        .append("metadata:\n")
        .append("  name: ").append(name).append('\n');
    if (labels != null) {
      out.append("  labels: ").append(labels).append('\n');
    }
    out.append("spec:\n");
    if (region != null) {
      out.append("  region: ").append(region).append('\n');
    }
    if (image != null) {
      out.append("  image: ").append(image).append('\n');
    }
    return out.append(sections).toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
