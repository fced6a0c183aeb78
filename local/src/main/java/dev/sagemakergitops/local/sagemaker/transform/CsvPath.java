package dev.sagemakergitops.local.sagemaker.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset that batch transform's {@code InputFilter} and {@code OutputFilter} accept for
 * CSV records, where a record is an array of its comma-separated fields:
 *
 * <ul>
 *   <li>{@code $}: the whole record;
 *   <li>{@code $[i]}, {@code $[i,j,...]}: the fields at these 0-based indexes, in the order given; a
 *       negative index counts from the end ({@code $[-1]} is the last field);
 *   <li>{@code $[start:end]}: the fields from {@code start} up to, not including, {@code end}; either
 *       may be left out ({@code $[1:]}, {@code $[:-1]}) and either may be negative.
 * </ul>
 *
 * Anything else (object paths such as {@code $.features}, wildcards) applies to JSON records only and
 * is refused here. An index beyond the record's fields fails the record, as the service fails it.
 */
public final class CsvPath {
  private static final Pattern INDEXES = Pattern.compile("\\$\\[\\s*(-?\\d+(?:\\s*,\\s*-?\\d+)*)\\s*]");
  private static final Pattern SLICE = Pattern.compile("\\$\\[\\s*(-?\\d+)?\\s*:\\s*(-?\\d+)?\\s*]");

  private final String expression;
  private final int[] indexes;
  private final Integer sliceStart;
  private final Integer sliceEnd;
  private final boolean slice;

  private CsvPath(String expression, int[] indexes, Integer sliceStart, Integer sliceEnd, boolean slice) {
    this.expression = expression;
    this.indexes = indexes;
    this.sliceStart = sliceStart;
    this.sliceEnd = sliceEnd;
    this.slice = slice;
  }

  /** The whole record. */
  public static final CsvPath ALL = new CsvPath("$", null, null, null, false);

  /**
   * @throws IllegalArgumentException when {@code expression} is outside the subset
   */
  public static CsvPath parse(String expression) {
    if (expression == null || expression.isBlank() || expression.trim().equals("$")) {
      return ALL;
    }
    String trimmed = expression.trim();
    Matcher indexes = INDEXES.matcher(trimmed);
    if (indexes.matches()) {
      String[] parts = indexes.group(1).split(",");
      int[] values = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        values[i] = Integer.parseInt(parts[i].trim());
      }
      return new CsvPath(trimmed, values, null, null, false);
    }
    Matcher slice = SLICE.matcher(trimmed);
    if (slice.matches()) {
      return new CsvPath(trimmed, null, slice.group(1) == null ? null : Integer.valueOf(slice.group(1)),
          slice.group(2) == null ? null : Integer.valueOf(slice.group(2)), true);
    }
    throw new IllegalArgumentException("'" + expression + "' is not a JSONPath that selects CSV fields: use $, $[i], "
        + "$[i,j,...] or $[start:end]");
  }

  /**
   * The selected fields of {@code fields}.
   *
   * @throws IndexOutOfBoundsException when an index lies outside the record
   */
  public List<String> select(List<String> fields) {
    int size = fields.size();
    if (indexes != null) {
      List<String> selected = new ArrayList<>();
      for (int index : indexes) {
        int at = index < 0 ? size + index : index;
        if (at < 0 || at >= size) {
          throw new IndexOutOfBoundsException("index " + index + " of " + expression + " is outside a record of "
              + size + " fields");
        }
        selected.add(fields.get(at));
      }
      return selected;
    }
    if (slice) {
      int from = clamp(sliceStart == null ? 0 : sliceStart, size);
      int to = clamp(sliceEnd == null ? size : sliceEnd, size);
      return from >= to ? List.of() : List.copyOf(fields.subList(from, to));
    }
    return List.copyOf(fields);
  }

  private static int clamp(int index, int size) {
    int at = index < 0 ? size + index : index;
    return Math.max(0, Math.min(size, at));
  }

  @Override
  public String toString() {
    return expression;
  }
}
