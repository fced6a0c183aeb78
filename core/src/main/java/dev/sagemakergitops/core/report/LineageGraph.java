package dev.sagemakergitops.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's lineage as an inline SVG graph, top to bottom: commit, manifest, then for each model the
 * image digest, model package, artifact, training job and model, then the endpoint configuration
 * and the endpoint. A record whose variants have their own models ({@code lineage.variants}) gets
 * one column per model side by side, {@code spec.model}'s first. A link the record does not know
 * is drawn dashed as "not recorded", so the chain always reads from commit to endpoint.
 */
final class LineageGraph {
  private static final int BOX_WIDTH = 270;
  private static final int BOX_HEIGHT = 36;
  private static final int ROW = 50;
  private static final int GAP = 24;
  private static final int MARGIN = 10;

  private LineageGraph() {}

  /** One box: what it is, its value (or null when not recorded), and the value in full for the tooltip. */
  private record Node(String label, String value, String full) {}

  static void write(Html html, RecordedRun run) {
    Map<String, String> lineage = run.lineage();
    List<String> columnNames = new ArrayList<>();
    List<List<Node>> columns = new ArrayList<>();
    String mainModel = run.result().getOrDefault("modelName", run.resource("model"));
    columnNames.add(run.variants().isEmpty() ? null : "spec.model");
    columns.add(modelColumn(lineage.get("imageDigest"), lineage.get("image"), lineage.get("modelPackage"),
        lineage.get("modelArtifact"), lineage.get("trainingJob"), mainModel));
    for (Map<String, String> variant : run.variants()) {
      columnNames.add("variant " + variant.get("variant"));
      columns.add(modelColumn(variant.get("imageDigest"), null, variant.get("modelPackage"),
          variant.get("modelArtifact"), null, variant.get("modelName")));
    }
    String config = first(run.result().get("endpointConfigName"), run.result().get("requestedConfig"),
        run.resource("endpoint-config"));
    String endpoint = first(run.result().get("endpointName"), run.resource("endpoint"));
    String commit = lineage.get("commit");
    Node commitNode = new Node("commit", commit == null ? null : shortCommit(commit), commit);
    String manifest = lineage.get("manifestPath") == null ? null
        : lineage.get("manifestPath") + (lineage.get("manifestName") == null ? "" : " (" + lineage.get("manifestName") + ")");
    Node manifestNode = new Node("manifest", manifest, manifest);
    Node configNode = new Node("endpoint configuration", config, config);
    Node endpointNode = new Node("endpoint", endpoint, endpoint);

    int count = columns.size();
    int width = MARGIN * 2 + count * BOX_WIDTH + (count - 1) * GAP;
    int labelRow = count > 1 ? 18 : 0;
    int rows = 2 + columns.get(0).size() + 2;
    int height = MARGIN * 2 + labelRow + (rows - 1) * ROW + BOX_HEIGHT;
    double center = width / 2.0 - BOX_WIDTH / 2.0;
    html.raw("<svg class=\"lineage\" role=\"img\"").attr("width", width).attr("height", height)
        .attr("viewBox", "0 0 " + width + " " + height).raw(">");
    html.raw("<title>").text("Lineage of " + run.subject()).raw("</title>");
    double y = MARGIN;
    box(html, commitNode, center, y);
    arrow(html, center + BOX_WIDTH / 2.0, y + BOX_HEIGHT, center + BOX_WIDTH / 2.0, y + ROW);
    y += ROW;
    box(html, manifestNode, center, y);
    double columnTop = y + ROW + labelRow;
    for (int c = 0; c < count; c++) {
      double x = MARGIN + c * (BOX_WIDTH + GAP);
      arrow(html, center + BOX_WIDTH / 2.0, y + BOX_HEIGHT, x + BOX_WIDTH / 2.0, columnTop);
      if (columnNames.get(c) != null) {
        html.raw("<text class=\"column\"").attr("x", x + BOX_WIDTH / 2.0).attr("y", columnTop - 6)
            .raw(" text-anchor=\"middle\">").text(columnNames.get(c)).raw("</text>");
      }
      double cy = columnTop;
      List<Node> column = columns.get(c);
      for (int r = 0; r < column.size(); r++) {
        box(html, column.get(r), x, cy);
        // The last box of a column points at the shared endpoint configuration under the columns.
        double toX = r + 1 < column.size() ? x + BOX_WIDTH / 2.0 : center + BOX_WIDTH / 2.0;
        arrow(html, x + BOX_WIDTH / 2.0, cy + BOX_HEIGHT, toX, cy + ROW);
        cy += ROW;
      }
    }
    double configY = columnTop + columns.get(0).size() * ROW;
    box(html, configNode, center, configY);
    arrow(html, center + BOX_WIDTH / 2.0, configY + BOX_HEIGHT, center + BOX_WIDTH / 2.0, configY + ROW);
    box(html, endpointNode, center, configY + ROW);
    html.raw("</svg>");
  }

  private static List<Node> modelColumn(String digest, String image, String modelPackage, String artifact,
      String trainingJob, String model) {
    return List.of(
        new Node("image digest", digest == null ? null : shortDigest(digest), digest == null ? null
            : digest + (image == null ? "" : " (" + image + ")")),
        new Node("model package", modelPackage == null ? null : packageVersion(modelPackage), modelPackage),
        new Node("model artifact", artifact, artifact),
        new Node("training job", trainingJob, trainingJob),
        new Node("model", model, model));
  }

  private static void box(Html html, Node node, double x, double y) {
    boolean known = node.value() != null;
    html.raw("<g").attr("class", "lineage-node" + (known ? "" : " unknown")).attr("data-kind", node.label()).raw(">");
    html.raw("<title>").text(node.label() + ": " + (known ? node.full() : "not recorded")).raw("</title>");
    html.raw("<rect").attr("x", x).attr("y", y).attr("width", BOX_WIDTH).attr("height", BOX_HEIGHT)
        .raw(" rx=\"6\"/>");
    html.raw("<text class=\"label\"").attr("x", x + 10).attr("y", y + 13).raw(">").text(node.label()).raw("</text>");
    html.raw("<text class=\"value\"").attr("x", x + 10).attr("y", y + 29).raw(">")
        .text(known ? shorten(node.value(), 40) : "not recorded").raw("</text>");
    html.raw("</g>");
  }

  private static void arrow(Html html, double x1, double y1, double x2, double y2) {
    // The head is drawn as a small triangle rather than an SVG marker: a marker is referenced by id,
    // and ids would repeat across the page's many graphs.
    double length = Math.hypot(x2 - x1, y2 - y1);
    double ux = length == 0 ? 0 : (x2 - x1) / length;
    double uy = length == 0 ? 1 : (y2 - y1) / length;
    double baseX = x2 - ux * 8;
    double baseY = y2 - uy * 8;
    html.raw("<line class=\"edge\"").attr("x1", x1).attr("y1", y1).attr("x2", baseX).attr("y2", baseY).raw("/>");
    html.raw("<polygon class=\"edge-head\"").attr("points", Html.coordinate(x2) + "," + Html.coordinate(y2) + " "
        + Html.coordinate(baseX - uy * 4) + "," + Html.coordinate(baseY + ux * 4) + " "
        + Html.coordinate(baseX + uy * 4) + "," + Html.coordinate(baseY - ux * 4)).raw("/>");
  }

  static String shortCommit(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  static String shortDigest(String digest) {
    return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }

  /** {@code arn:aws:sagemaker:...:model-package/churn/7} as {@code churn/7}. */
  static String packageVersion(String arn) {
    int at = arn.indexOf(":model-package/");
    return at < 0 ? arn : arn.substring(at + ":model-package/".length());
  }

  /** {@code value} at most {@code max} characters long, cut in the middle where it is least telling. */
  static String shorten(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int head = (max - 1) / 2;
    int tail = max - 1 - head;
    return value.substring(0, head) + "…" + value.substring(value.length() - tail);
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
