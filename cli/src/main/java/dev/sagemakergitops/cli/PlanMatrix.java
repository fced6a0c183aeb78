package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.git.ChangeKind;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.ModelPlan;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code plan --format matrix}: the manifests a plan says changed, as the work list a distributed
 * engine fans out, one build or branch per manifest, each running {@code sync} for its path.
 *
 * <p>Two lists carry the same entries. {@code manifests} is for a Jenkinsfile's {@code parallel}
 * step (read with {@code readJSON}; one branch per entry). {@code buildList} is already in the shape
 * of a CodeBuild batch buildspec's {@code batch/build-list}
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build-buildspec.html): each entry has
 * an {@code identifier} and {@code env/variables}, where {@code MANIFESTS} is the variable the
 * repository's {@code buildspec.yml} passes to {@code sync} as its paths. CodeBuild's build list is
 * static in a buildspec, so the first build appends this list to the buildspec and starts the batch
 * with it as the buildspec override (see docs/codepipeline.md).
 *
 * <p>Removed manifests are left out: {@code sync} has nothing to run for a path that is gone. A
 * manifest whose change is blocked by problems stays in, marked {@code blocked}, and the plan exits
 * 2 as in every format, so a pipeline stops before fanning out.
 *
 * <p>The batch-build reference documents no character rules for an identifier; build-matrix
 * identifiers CodeBuild makes itself are letters, digits and underscores, so these are too (the
 * stricter reading), and unique within the list.
 */
final class PlanMatrix {
  /** The {@code buildspec.yml} variable that holds the manifest paths a build syncs. */
  static final String MANIFESTS_VARIABLE = "MANIFESTS";
  static final int SCHEMA_VERSION = 1;

  private PlanMatrix() {}

  static ObjectNode json(GitOpsPlan plan) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("base", plan.base().id());
    root.put("head", plan.head().id());
    ArrayNode manifests = root.putArray("manifests");
    ArrayNode buildList = root.putArray("buildList");
    Set<String> identifiers = new HashSet<>();
    for (ModelPlan model : plan.models()) {
      if (model.kind() == ChangeKind.REMOVED) {
        continue;
      }
      String identifier = unique(identifier(model.path()), identifiers);
      ObjectNode manifest = manifests.addObject();
      manifest.put("identifier", identifier);
      manifest.put("path", model.path());
      manifest.put("name", model.name());
      manifest.put("kind", model.kind().name().toLowerCase(Locale.ROOT));
      manifest.put("blocked", !model.problems().isEmpty());
      ObjectNode build = buildList.addObject();
      build.put("identifier", identifier);
      build.putObject("env").putObject("variables").put(MANIFESTS_VARIABLE, model.path());
    }
    return root;
  }

  static String text(GitOpsPlan plan) {
    return JsonOutput.text(json(plan));
  }

  /** {@code models/churn/prod.yaml} becomes {@code models_churn_prod}. */
  static String identifier(String path) {
    String withoutExtension = path.replaceFirst("\\.(ya?ml|json)$", "");
    String identifier = withoutExtension.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (identifier.isEmpty() || !Character.isLetter(identifier.charAt(0))) {
      identifier = "m_" + identifier;
    }
    return identifier;
  }

  private static String unique(String identifier, Set<String> taken) {
    String candidate = identifier;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = identifier + "_" + n;
    }
    return candidate;
  }
}
