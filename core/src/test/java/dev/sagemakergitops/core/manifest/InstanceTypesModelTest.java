package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The shipped instance-type lists against the botocore service model installed with the machine's
 * Python: they must be the same. When botocore moves on, the failure writes the file as it should be
 * to {@code target/instance-types.txt}; copy it over the resource.
 */
class InstanceTypesModelTest {

  @Test
  void shipped_whenComparedWithTheInstalledBotocoreModel_listsExactlyItsEnums() throws Exception {
    String[] botocore = python("import botocore,os;print(botocore.__version__);print(os.path.dirname(botocore.__file__))")
        .strip().split("\n");
    JsonNode shapes;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(
        Path.of(botocore[1], "data", "sagemaker", "2017-07-24", "service-2.json.gz")))) {
      shapes = new ObjectMapper().readTree(in).get("shapes");
    }
    InstanceTypes shipped = InstanceTypes.shipped();
    StringBuilder expected = new StringBuilder("# Generated from botocore " + botocore[0]
        + " by InstanceTypesModelTest; see the header of the shipped file.\nbotocore=" + botocore[0] + "\n");
    boolean same = shipped.botocoreVersion().equals(botocore[0]);
    for (InstanceTypes.Use use : InstanceTypes.Use.values()) {
      List<String> model = new ArrayList<>();
      shapes.get(use.shape()).get("enum").forEach(value -> model.add(value.asText()));
      expected.append("\n[").append(use.shape()).append("]\n");
      model.forEach(type -> expected.append(type).append('\n'));
      same &= List.copyOf(shipped.of(use)).equals(model);
    }
    Path written = Path.of("target", "instance-types.txt");
    Files.writeString(written, expected);

    assertThat(same).as("instance-types.txt (botocore %s) differs from the installed botocore %s; the expected "
        + "file is at %s", shipped.botocoreVersion(), botocore[0], written.toAbsolutePath()).isTrue();
  }

  private static String python(String code) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }
}
