package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The plugin build's list of bundled artifacts, which only the {@code -Pjenkins} build checks: its
 * maven-hpi-plugin sorts the artifacts it would bundle and compares them with this list as given
 * ({@code List.equals}, strict), so an unsorted list fails that build even when it names the right
 * artifacts. Checked here so the default build catches it.
 */
class PluginPomTest {
  private static final Path PLUGIN_POM = Path.of("..", "jenkins-plugin", "pom.xml");

  @Test
  void bundledArtifacts_areInTheOrderTheHpiPluginComparesThemIn() throws Exception {
    List<String> bundled = bundledArtifacts();

    assertThat(bundled).isNotEmpty().isSorted().doesNotHaveDuplicates();
    // core's JSON Schema validator is a test dependency of core: it is not bundled.
    assertThat(bundled).contains("sagemaker-gitops-core", "org.eclipse.jgit", "JavaEWAH")
        .doesNotContain("json-schema-validator", "itu");
  }

  private static List<String> bundledArtifacts() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(PLUGIN_POM.toFile());
    String list = pom.getElementsByTagName("hpi.bundledArtifacts").item(0).getTextContent();
    return Arrays.stream(list.split(",")).map(String::trim).toList();
  }
}
