package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class PlainValuesTest {

  enum Outcome { PROMOTED, REMOVED }

  record Metric(String name, double value) {}

  record Report(String endpointName, Outcome outcome, Instant at, Duration took, URI record, Optional<String> note,
      Optional<String> absent, String missing, List<Metric> metrics, Map<Object, Object> tags, int[] counts) {}

  @Test
  void toMap_ofARecord_givesItsComponentsInOrderAsPlainValues() {
    Map<Object, Object> tags = new LinkedHashMap<>();
    tags.put("b", 2L);
    tags.put(Outcome.REMOVED, null);
    tags.put(1, "one");
    Report report = new Report("churn-prod", Outcome.PROMOTED, Instant.parse("2026-11-02T09:00:00Z"),
        Duration.ofMinutes(10), URI.create("s3://records/churn.json"), Optional.of("kept"), Optional.empty(), null,
        List.of(new Metric("p99", 12.5)), tags, new int[] {1, 2});

    Map<String, Object> map = PlainValues.toMap(report);

    assertThat(map).containsExactly(
        Map.entry("endpointName", "churn-prod"),
        Map.entry("outcome", "PROMOTED"),
        Map.entry("at", "2026-11-02T09:00:00Z"),
        Map.entry("took", "PT10M"),
        Map.entry("record", "s3://records/churn.json"),
        Map.entry("note", "kept"),
        Map.entry("metrics", List.of(Map.of("name", "p99", "value", 12.5))),
        Map.entry("tags", Map.of("b", 2L, "1", "one")),
        Map.entry("counts", List.of(1, 2)));
    assertThat(map.get("tags")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class)).containsOnlyKeys("b", "1");
    assertThat(String.join(",", ((Map<String, ?>) map.get("tags")).keySet())).isEqualTo("b,1");
  }

  @Test
  void toMap_ofASingleValueOrNothing_wrapsOrIsEmpty() {
    assertThat(PlainValues.toMap("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/8"))
        .containsExactly(Map.entry("value", "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/8"));
    assertThat(PlainValues.toMap(null)).isEmpty();
  }

  @Test
  void toMap_result_isJavaSerializable() throws IOException {
    // Jenkins keeps a step's return value in the Pipeline program, which it serializes.
    Map<String, Object> map = PlainValues.toMap(new Metric("p99", 1.5));

    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(map);
    }
    assertThat(map).isInstanceOf(LinkedHashMap.class);
  }
}
