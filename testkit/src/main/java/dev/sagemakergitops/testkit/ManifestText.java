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

  /** The image of the churn manifests the tests load ({@link #churnProd()}). */
  public static final String CHURN_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2";

  /**
   * {@code spec.model} of the churn manifests the tests load: package {@code churn/7}, run with the
   * {@code sm-execution} role.
   */
  public static final String CHURN_MODEL = """
        model:
          package: churn/7
          executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
      """;

  /**
   * The manifest the manifest and command-line tests start from: {@code churn-prod} on
   * {@link #CHURN_IMAGE}, no region (the default applies), nothing else under {@code spec} yet. A
   * test adds the sections it checks ({@link #CHURN_MODEL}, its own endpoint), so the line numbers
   * it expects count from this six-line header.
   */
  public static ManifestText churnProd() {
    return deployment("churn-prod").image(CHURN_IMAGE);
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
