package dev.sagemakergitops.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --format} and its shorthand {@code --json}, shared by every command that prints a report. */
final class FormatOptions {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, json, or markdown and matrix (plan only). Default: text.")
  String format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  /** The chosen format, which must be one of {@code allowed}. */
  String chosen(List<String> allowed) {
    String chosen = json ? "json" : format;
    if (!allowed.contains(chosen)) {
      throw new InvalidInputException("--format: expected " + String.join(", ", allowed.subList(0, allowed.size() - 1))
          + " or " + allowed.get(allowed.size() - 1) + ", got '" + format + "'");
    }
    return chosen;
  }
}
