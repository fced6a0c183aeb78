package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.plan.PlanRenderer;
import dev.sagemakergitops.core.validate.ManifestValidator;
import dev.sagemakergitops.core.validate.ReferenceChecker;
import dev.sagemakergitops.core.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks model manifests at a Git ref: their shape and SageMaker's limits, then (unless --offline) what they"
            + " refer to in AWS: image tags exist in ECR, model package versions exist and are approved, rollback"
            + " alarms exist. Makes no change anywhere.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops validate --offline",
        "  sagemaker-gitops validate --ref origin/main models/churn/prod.yaml",
        "  sagemaker-gitops validate --repo ../ml-deployments --region eu-west-1 --format json",
        "",
        "Exit codes: 0 valid, 2 invalid (every problem listed as file:line:column: field: message), 1 failure."})
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin AwsOptionsMixin aws;

  @Option(names = "--ref", paramLabel = "REF", defaultValue = "HEAD",
      description = "Commit, branch or tag to read the manifests at (default: HEAD). The work tree is not read.")
  String ref;

  @Option(names = "--offline", description = "Check the files only; consult no AWS service.")
  boolean offline;

  @Mixin FormatOptions format;

  @Override
  public Integer call() {
    String chosen = format.chosen(List.of("text", "json"));
    ValidationReport report;
    try (GitRepository git = GitRepository.open(repository.options.repository)) {
      if (offline) {
        report = ManifestValidator.offline(aws.options.offlineRegion())
            .validate(git, ref, repository.paths());
      } else {
        try (AwsClients clients = AwsClients.create(aws.options.settings())) {
          report = ManifestValidator.online(new ReferenceChecker(clients), clients.defaultRegion().id())
              .validate(git, ref, repository.paths());
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (chosen.equals("json")) {
      out.print(json(report));
    } else {
      text(report, out);
    }
    out.flush();
    return ExitCode.ofProblems(!report.isValid()).code();
  }

  private static void text(ValidationReport report, PrintWriter out) {
    for (ManifestProblem problem : report.problems()) {
      out.println(problem);
    }
    long files = report.problems().stream().map(ManifestProblem::file).distinct().count();
    String where = report.manifestPaths().size() + (report.manifestPaths().size() == 1 ? " manifest" : " manifests")
        + " at " + report.commit().abbreviatedId() + (report.offline() ? " (offline: files only)" : "");
    if (report.manifestPaths().isEmpty()) {
      out.println("No manifests found at " + report.commit().abbreviatedId()
          + "; a manifest is a .yaml/.yml file with 'apiVersion: sagemaker-gitops/v1'.");
    } else if (report.isValid()) {
      out.println("Valid: " + where + ".");
      new TreeMap<>(stringKeys(report.digests())).forEach((image, digest) ->
          out.println("  pinned " + image + " -> " + digest));
    } else {
      out.println("Invalid: " + report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")
          + " in " + files + (files == 1 ? " file" : " files") + " of " + where + ".");
    }
  }

  private static Map<String, String> stringKeys(Map<?, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put(key.toString(), value));
    return out;
  }

  private static String json(ValidationReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", 1);
    root.put("commit", report.commit().id());
    root.put("offline", report.offline());
    root.put("valid", report.isValid());
    root.put("manifests", report.manifestPaths());
    root.put("images", new TreeMap<>(stringKeys(report.digests())));
    root.put("problems", PlanRenderer.problemsJson(report.problems()));
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
