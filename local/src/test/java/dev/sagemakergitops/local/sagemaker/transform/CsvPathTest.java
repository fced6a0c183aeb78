package dev.sagemakergitops.local.sagemaker.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented JSONPath subset for CSV records. */
class CsvPathTest {
  private static final List<String> RECORD = List.of("id", "a", "b", "c", "label");

  @Test
  void select_whenDollar_keepsTheWholeRecord() {
    assertThat(CsvPath.parse("$").select(RECORD)).isEqualTo(RECORD);
    assertThat(CsvPath.parse(null).select(RECORD)).isEqualTo(RECORD);
  }

  @Test
  void select_whenIndexes_keepsThoseFieldsInTheOrderGivenCountingNegativesFromTheEnd() {
    assertThat(CsvPath.parse("$[0]").select(RECORD)).containsExactly("id");
    assertThat(CsvPath.parse("$[0, -1]").select(RECORD)).containsExactly("id", "label");
    assertThat(CsvPath.parse("$[3,1]").select(RECORD)).containsExactly("c", "a");
  }

  @Test
  void select_whenSlice_keepsTheHalfOpenRangeWithOptionalAndNegativeBounds() {
    assertThat(CsvPath.parse("$[1:4]").select(RECORD)).containsExactly("a", "b", "c");
    assertThat(CsvPath.parse("$[1:]").select(RECORD)).containsExactly("a", "b", "c", "label");
    assertThat(CsvPath.parse("$[:-1]").select(RECORD)).containsExactly("id", "a", "b", "c");
    assertThat(CsvPath.parse("$[-2:]").select(RECORD)).containsExactly("c", "label");
    assertThat(CsvPath.parse("$[4:2]").select(RECORD)).isEmpty();
  }

  @Test
  void select_whenAnIndexIsOutsideTheRecord_fails() {
    assertThatThrownBy(() -> CsvPath.parse("$[7]").select(RECORD)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void parse_whenAJsonObjectPath_refusesIt() {
    assertThatThrownBy(() -> CsvPath.parse("$.features")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$[start:end]");
    assertThatThrownBy(() -> CsvPath.parse("$[*]")).isInstanceOf(IllegalArgumentException.class);
  }
}
