package dev.sagemakergitops.core.report;

/**
 * The page's CSS, inline: the report fetches nothing, not even a stylesheet. Every rule is scoped
 * to the report's own element ({@code .sgo-report}), so the same picture can sit inside another
 * page (a Jenkins build page) without restyling it.
 */
final class ReportStyle {
  private ReportStyle() {}

  /** The class of the element that holds the report. */
  static final String ROOT = "sgo-report";

  /** The rules, as written: {@code root} is the report's element. */
  private static final String RULES = """
      root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:16px;color:#1f2328;background:#fff}
      h1{font-size:22px;margin:0 0 16px}
      h2{font-size:19px;border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:28px}
      h3{font-size:16px;margin:0 0 8px}
      h4{font-size:14px;margin:14px 0 6px;color:#57606a}
      article.run{border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:6px;padding:12px 16px;margin:16px 0}
      article.run.succeeded{border-left-color:#2e7d32}
      article.run.rolledBack{border-left-color:#c62828}
      article.run.failed{border-left-color:#ef6c00}
      article.run.refused{border-left-color:#6a1b9a}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;background:#8c959f;font-size:13px}
      .badge.succeeded{background:#2e7d32}.badge.rolledBack{background:#c62828}.badge.failed{background:#ef6c00}
      .badge.refused{background:#6a1b9a}.badge.cancelled{background:#57606a}
      dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 12px;font-size:13px;margin:6px 0}
      dl.facts dt{color:#57606a}dl.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
      .reason{background:#fff5f5;border:1px solid #ffcdd2;border-radius:6px;padding:6px 12px;font-size:14px}
      .reason .kind{font-weight:bold;margin:4px 0}.reason p{margin:4px 0}
      .pictures{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:flex-start}.picture{overflow-x:auto;max-width:100%}
      svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#1f2328}
      .lineage-node rect{fill:#eef4fb;stroke:#54aeff;stroke-width:1.2}
      .lineage-node.unknown rect{fill:#f6f8fa;stroke:#8c959f;stroke-dasharray:4 3}
      .lineage-node .label{fill:#57606a;font-size:10px}.lineage-node .value{font-family:ui-monospace,monospace;font-size:11px}
      .lineage-node.unknown .value{fill:#8c959f}
      .edge{stroke:#57606a;stroke-width:1.2}.edge-head{fill:#57606a}
      text.column{font-weight:bold;fill:#57606a}
      .lane-bg{fill:#f6f8fa}.lane-line{stroke:#d0d7de}.lane{fill:#57606a}
      .step .share{fill:#54aeff;stroke:#0969da;stroke-width:1}.step .bake{fill:#bf8700}
      .step-label{font-weight:bold}
      .launch{fill:#afb8c1}.final-bake{fill:#fff8c5;stroke:#d4a72c}
      .request line{stroke:#0969da;stroke-dasharray:3 2}.request text{fill:#0969da}
      .alarm-look.ok{fill:#2e7d32}.alarm-look.alarm{fill:#c62828}
      .rollback line{stroke:#c62828;stroke-width:3}.rollback text{fill:#c62828;font-weight:bold}
      .event{fill:#0969da}
      line.end{stroke-width:2;stroke:#57606a}line.end.succeeded{stroke:#2e7d32}line.end.rolledBack{stroke:#c62828}
      line.end.failed{stroke:#ef6c00}
      text.end-label{font-weight:bold}text.end-label.succeeded{fill:#2e7d32}text.end-label.rolledBack{fill:#c62828}
      text.end-label.failed{fill:#ef6c00}
      .axis,.tick{stroke:#57606a}.tick-label{fill:#57606a}
      .history .run rect{fill:#8c959f}.history .run.succeeded rect{fill:#2e7d32}.history .run.rolledBack rect{fill:#c62828}
      .history .run.failed rect{fill:#ef6c00}
      table.history{border-collapse:collapse;font-size:13px;margin:8px 0}
      table.history td,table.history th{border-bottom:1px solid #d0d7de;padding:3px 10px;text-align:left}
      ol.steps{font-size:14px}ol.steps .step-name{font-weight:bold}ol.steps .rollback{color:#c62828;font-weight:bold}
      ol.events{font-size:12px;font-family:ui-monospace,monospace}
      footer{margin-top:24px;font-size:12px;color:#57606a}
      """;

  /** {@link #RULES} with every selector scoped to {@link #ROOT}. */
  static final String CSS = scoped(RULES);

  private static String scoped(String rules) {
    StringBuilder out = new StringBuilder();
    for (String rule : rules.split("}")) {
      String trimmed = rule.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int open = trimmed.indexOf('{');
      String[] selectors = trimmed.substring(0, open).split(",");
      for (int i = 0; i < selectors.length; i++) {
        String selector = selectors[i].strip();
        out.append(i == 0 ? "" : ",").append(selector.equals("root") ? "." + ROOT : "." + ROOT + " " + selector);
      }
      out.append(trimmed.substring(open)).append("}\n");
    }
    return out.toString();
  }
}
