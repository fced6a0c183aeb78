package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.git.CommitInfo;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link GitOpsPlan} for people (plain text for build logs, Markdown for a pull-request
 * comment) and for machines (JSON, whose shape is a documented, versioned contract:
 * {@code docs/plan-json.md}).
 */
public final class PlanRenderer {
  /** Bumped only when a field is removed or changes meaning; new fields may appear at any time. */
  public static final int JSON_SCHEMA_VERSION = 1;

  private PlanRenderer() {}

  public static String text(GitOpsPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append(headline(plan)).append('\n');
    out.append("  base ").append(describe(plan.base())).append('\n');
    out.append("  head ").append(describe(plan.head())).append('\n');
    if (plan.revert() != null) {
      out.append(revertLine(plan)).append('\n');
    }
    if (!plan.digestsResolved()) {
      out.append("Image digests are not resolved (offline).\n");
    }
    for (ModelPlan model : plan.models()) {
      out.append('\n').append(symbol(model)).append(' ').append(model.name()).append(" (").append(model.path())
          .append(", ").append(model.kind().name().toLowerCase(java.util.Locale.ROOT)).append(')');
      if (model.lastCommit() != null) {
        out.append(" in ").append(commit(model.lastCommit()));
      }
      out.append('\n');
      int width = model.changes().stream().mapToInt(c -> c.field().length()).max().orElse(0);
      for (FieldChange change : model.changes()) {
        out.append("    ").append(pad(change.field(), width)).append("  ").append(value(change.before()))
            .append(" -> ").append(value(change.after())).append('\n');
      }
      for (String action : model.actions()) {
        out.append("  will: ").append(action).append('\n');
      }
      for (ManifestProblem problem : model.problems()) {
        out.append("  problem: ").append(problem).append('\n');
      }
    }
    return out.toString();
  }

  public static String markdown(GitOpsPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("### sagemaker-gitops plan\n\n");
    out.append(headline(plan)).append(" (`").append(plan.base().abbreviatedId()).append("` → `")
        .append(plan.head().abbreviatedId()).append("`)\n\n");
    if (plan.revert() != null) {
      out.append("> **Rollback by revert.** ").append(revertLine(plan)).append("\n\n");
    }
    if (plan.hasProblems()) {
      out.append("> ❌ **Blocked:** fix the problems below before merging.\n\n");
    }
    if (!plan.digestsResolved()) {
      out.append("_Image digests are not resolved (offline plan)._\n\n");
    }
    if (!plan.models().isEmpty()) {
      out.append("| | Model | Manifest | Changes |\n|---|---|---|---|\n");
      for (ModelPlan model : plan.models()) {
        out.append("| ").append(model.problems().isEmpty() ? symbol(model) : "❌").append(" | ")
            .append(cell(model.name())).append(" | `").append(cell(model.path())).append("` | ")
            .append(model.changes().size()).append(" |\n");
      }
      out.append('\n');
    }
    for (ModelPlan model : plan.models()) {
      out.append("#### ").append(cell(model.name())).append(" — ")
          .append(model.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\n\n");
      if (model.lastCommit() != null) {
        out.append("Last changed in `").append(model.lastCommit().abbreviatedId()).append("` ")
            .append(cell(model.lastCommit().shortMessage())).append("\n\n");
      }
      if (!model.changes().isEmpty()) {
        out.append("| Field | Before | After |\n|---|---|---|\n");
        for (FieldChange change : model.changes()) {
          out.append("| ").append(cell(change.field())).append(" | ").append(code(change.before())).append(" | ")
              .append(code(change.after())).append(" |\n");
        }
        out.append('\n');
      }
      if (!model.actions().isEmpty()) {
        out.append("On merge:\n\n");
        int step = 1;
        for (String action : model.actions()) {
          out.append(step++).append(". ").append(cell(action)).append('\n');
        }
        out.append('\n');
      }
      for (ManifestProblem problem : model.problems()) {
        out.append("- ❌ `").append(problem.file()).append(problem.line() > 0 ? ":" + problem.line() : "")
            .append("` ").append(problem.field().isEmpty() ? "" : "**" + problem.field() + "**: ")
            .append(cell(problem.message())).append('\n');
      }
      if (!model.problems().isEmpty()) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  public static String json(GitOpsPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", JSON_SCHEMA_VERSION);
    root.put("base", commitJson(plan.base()));
    root.put("head", commitJson(plan.head()));
    if (plan.revert() != null) {
      Map<String, Object> revert = new LinkedHashMap<>();
      revert.put("revertCommit", plan.revert().revertCommitId());
      revert.put("revertedCommit", plan.revert().revertedCommitId());
      revert.put("revertedCommitPresent", plan.revert().revertedCommitPresent());
      root.put("revert", revert);
    } else {
      root.put("revert", null);
    }
    root.put("digestsResolved", plan.digestsResolved());
    root.put("blocked", plan.hasProblems());
    List<Object> models = new ArrayList<>();
    for (ModelPlan model : plan.models()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", model.path());
      entry.put("name", model.name());
      entry.put("change", model.kind().name().toLowerCase(java.util.Locale.ROOT));
      entry.put("oldBlobId", model.oldBlobId());
      entry.put("newBlobId", model.newBlobId());
      Map<String, Object> lastCommit = null;
      if (model.lastCommit() != null) {
        // Ordered, so every run prints id before message.
        lastCommit = new LinkedHashMap<>();
        lastCommit.put("id", model.lastCommit().id());
        lastCommit.put("message", model.lastCommit().shortMessage());
      }
      entry.put("lastCommit", lastCommit);
      entry.put("before", model.before());
      entry.put("after", model.after());
      List<Object> changes = new ArrayList<>();
      for (FieldChange change : model.changes()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field", change.field());
        c.put("before", change.before());
        c.put("after", change.after());
        changes.add(c);
      }
      entry.put("changes", changes);
      entry.put("actions", model.actions());
      entry.put("problems", problemsJson(model.problems()));
      entry.put("inPlace", model.inPlace());
      models.add(entry);
    }
    root.put("models", models);
    // Jackson streaming, not databind: see JsonText for the cold-start reason.
    return JsonText.write(root) + "\n";
  }

  /** Problems as JSON objects; shared by every command that reports manifest problems as JSON. */
  public static List<Object> problemsJson(List<ManifestProblem> problems) {
    List<Object> out = new ArrayList<>();
    for (ManifestProblem problem : problems) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("file", problem.file());
      p.put("line", problem.line());
      p.put("column", problem.column());
      p.put("field", problem.field());
      p.put("message", problem.message());
      out.add(p);
    }
    return out;
  }

  private static Map<String, Object> commitJson(ResolvedCommit commit) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", commit.id());
    out.put("message", commit.shortMessage());
    return out;
  }

  private static String headline(GitOpsPlan plan) {
    int count = plan.models().size();
    if (count == 0) {
      return "No model manifest changes.";
    }
    return count + (count == 1 ? " model manifest changes" : " model manifests change")
        + (plan.hasProblems() ? "; the change is blocked by problems." : ".");
  }

  private static String revertLine(GitOpsPlan plan) {
    return "The head commit reverts " + plan.revert().revertedCommitId().substring(0, 12)
        + ": models and endpoint configurations that already exist are reused, nothing is retrained.";
  }

  private static String describe(ResolvedCommit commit) {
    return commit.abbreviatedId() + " " + commit.shortMessage();
  }

  private static String commit(CommitInfo commit) {
    return commit.abbreviatedId() + " \"" + commit.shortMessage() + "\"";
  }

  private static String symbol(ModelPlan model) {
    return switch (model.kind()) {
      case ADDED -> "+";
      case CHANGED -> "~";
      case REMOVED -> "-";
    };
  }

  private static String value(String value) {
    return value == null ? "(none)" : value;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String code(String value) {
    return value == null ? "_(none)_" : "`" + value.replace("`", "'").replace("|", "\\|") + "`";
  }
}
