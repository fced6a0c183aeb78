package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A SageMaker model as created: its request (minus name and tags) is kept verbatim, so
 * DescribeModel answers what was sent. The JSON is copied in and out, never shared.
 */
record Model(String name, String arn, Instant creationTime, ObjectNode spec) {
  Model {
    spec = spec.deepCopy();
  }

  /** The containers in order: the primary container, or the inference pipeline's list. */
  List<JsonNode> containers() {
    List<JsonNode> out = new ArrayList<>();
    if (spec.has("PrimaryContainer")) {
      out.add(spec.get("PrimaryContainer"));
    }
    spec.path("Containers").forEach(out::add);
    return out;
  }

  /** The image of the first container (what the local model stands for), or {@code null}. */
  String image() {
    return containers().isEmpty() ? null : textOrNull(containers().get(0), "Image");
  }

  /** The artifact of the first container that has one: the local model's weights come from it. */
  String modelDataUrl() {
    for (JsonNode container : containers()) {
      String url = textOrNull(container, "ModelDataUrl");
      if (url != null) {
        return url;
      }
      String source = container.path("ModelDataSource").path("S3DataSource").path("S3Uri").asText(null);
      if (source != null) {
        return source;
      }
    }
    return null;
  }

  static String textOrNull(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }
}
