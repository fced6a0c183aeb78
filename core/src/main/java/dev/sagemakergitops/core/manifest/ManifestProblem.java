package dev.sagemakergitops.core.manifest;

/**
 * One thing wrong with a manifest, located precisely enough to fix it without searching.
 *
 * @param file the manifest's path relative to the repository
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0
 * @param field the field path, for example {@code spec.endpoint.deployment.bake}, or {@code ""}
 * @param message what was expected, what was found, and what to do
 */
public record ManifestProblem(String file, int line, int column, String field, String message) {

  /** {@code file:line:column: field: message}, the form editors and CI logs link to. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }
}
