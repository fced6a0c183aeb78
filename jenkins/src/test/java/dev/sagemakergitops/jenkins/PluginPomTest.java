package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The plugin build's list of bundled artifacts, which only the {@code -Pjenkins} build checks (and
 * which cannot run on machines without Jenkins' repository): its maven-hpi-plugin sorts the
 * artifacts it would bundle and compares them with this list as given ({@code List.equals},
 * strict), so an unsorted list fails that build even when it names the right artifacts. And every
 * library core needs at run time must reach a controller: bundled in the {@code .hpi}, or from a
 * plugin the {@code .hpi} depends on. A library core gains without the plugin POM following would
 * be a {@code NoClassDefFoundError} on a controller only; checked here so the default build
 * catches it.
 */
class PluginPomTest {
  private static final Path PLUGIN_POM = Path.of("..", "jenkins-plugin", "pom.xml");
  private static final Path CORE_POM = Path.of("..", "core", "pom.xml");

  /**
   * Libraries core uses that a Jenkins controller already has, and who provides them: the plugin
   * POM excludes them from core and depends on the provider. The aws-java-sdk2 plugins' own POMs
   * (jenkinsci/aws-java-sdk2-plugin) say which SDK modules each bundles: {@code -core} bundles
   * {@code sts}, {@code -sso} bundles {@code sso} and {@code ssooidc}. "jenkins-core" is Jenkins
   * itself (slf4j-api is in its WAR).
   */
  private static final Map<String, String> PROVIDED_BY =
      Map.ofEntries(
          Map.entry("software.amazon.awssdk:ecr", "aws-java-sdk2-ecr"),
          Map.entry("software.amazon.awssdk:s3", "aws-java-sdk2-s3"),
          Map.entry("software.amazon.awssdk:cloudwatch", "aws-java-sdk2-cloudwatch"),
          Map.entry("software.amazon.awssdk:sts", "aws-java-sdk2-core"),
          Map.entry("software.amazon.awssdk:sso", "aws-java-sdk2-sso"),
          Map.entry("software.amazon.awssdk:ssooidc", "aws-java-sdk2-sso"),
          Map.entry("com.fasterxml.jackson.core:jackson-databind", "jackson2-api"),
          Map.entry("com.fasterxml.jackson.datatype:jackson-datatype-jsr310", "jackson2-api"),
          Map.entry("org.yaml:snakeyaml", "snakeyaml-api"),
          Map.entry("org.apache.commons:commons-text", "commons-text-api"),
          Map.entry("org.bouncycastle:bcprov-jdk18on", "bouncycastle-api"),
          Map.entry("org.slf4j:slf4j-api", "jenkins-core"));

  /**
   * What the bundled libraries bring along at run time, after the plugin POM's exclusions (their
   * published POMs: JGit 7.8 needs JavaEWAH; its SSH transport needs Apache MINA sshd's OSGi
   * bundle and sshd-sftp).
   */
  private static final Map<String, List<String>> BUNDLED_WITH =
      Map.of(
          "org.eclipse.jgit", List.of("JavaEWAH"),
          "org.eclipse.jgit.ssh.apache", List.of("sshd-osgi", "sshd-sftp"));

  @Test
  void bundledArtifacts_areInTheOrderTheHpiPluginComparesThemIn() throws Exception {
    List<String> bundled = bundledArtifacts();

    assertThat(bundled).isNotEmpty().isSorted().doesNotHaveDuplicates();
    // core's JSON Schema validator is a test dependency of core: it is not bundled.
    assertThat(bundled).contains("sagemaker-gitops-core", "org.eclipse.jgit", "JavaEWAH")
        .doesNotContain("json-schema-validator", "itu");
  }

  @Test
  void coreRuntimeDependencies_whenPackaged_areEachBundledOrFromAPluginThePluginDependsOn()
      throws Exception {
    Document plugin = parse(PLUGIN_POM);
    List<String> bundled = bundledArtifacts();
    Set<String> pluginDependencies = new LinkedHashSet<>();
    for (Element dependency : dependencies(plugin)) {
      if (!"test".equals(text(dependency, "scope"))) {
        pluginDependencies.add(text(dependency, "artifactId"));
      }
    }
    Element coreDependency =
        dependencies(plugin).stream()
            .filter(d -> "sagemaker-gitops-core".equals(text(d, "artifactId")))
            .findFirst()
            .orElseThrow();

    List<String> unaccounted = new ArrayList<>();
    Set<String> explained = new LinkedHashSet<>(List.of("sagemaker-gitops-core"));
    for (Element dependency : dependencies(parse(CORE_POM))) {
      String scope = text(dependency, "scope");
      if ("test".equals(scope) || "provided".equals(scope)) {
        continue;
      }
      String group = text(dependency, "groupId");
      String artifact = text(dependency, "artifactId");
      String key = group + ":" + artifact;
      if (excludes(coreDependency, group, artifact)) {
        boolean bundledDirectly = pluginDependencies.contains(artifact) && bundled.contains(artifact);
        String provider = PROVIDED_BY.get(key);
        if (bundledDirectly) {
          explained.add(artifact);
        } else if (provider == null
            || !(provider.equals("jenkins-core") || pluginDependencies.contains(provider))) {
          unaccounted.add(key + " (excluded from core, but neither bundled nor from a plugin)");
        }
      } else if (bundled.contains(artifact)) {
        explained.add(artifact);
        BUNDLED_WITH.getOrDefault(artifact, List.of()).forEach(explained::add);
      } else {
        unaccounted.add(key + " (comes with core, but is not in hpi.bundledArtifacts)");
      }
    }

    assertThat(unaccounted).as("core's run-time libraries a controller would lack").isEmpty();
    assertThat(bundled).as("every bundled artifact is one core needs").containsExactlyInAnyOrderElementsOf(explained);
  }

  private static boolean excludes(Element dependency, String group, String artifact) {
    NodeList exclusions = dependency.getElementsByTagName("exclusion");
    for (int i = 0; i < exclusions.getLength(); i++) {
      Element exclusion = (Element) exclusions.item(i);
      String excludedArtifact = text(exclusion, "artifactId");
      if (group.equals(text(exclusion, "groupId"))
          && ("*".equals(excludedArtifact) || artifact.equals(excludedArtifact))) {
        return true;
      }
    }
    return false;
  }

  /** The project's own dependencies, not those under dependencyManagement or a plugin. */
  private static List<Element> dependencies(Document pom) {
    List<Element> result = new ArrayList<>();
    for (Node section = pom.getDocumentElement().getFirstChild();
        section != null;
        section = section.getNextSibling()) {
      if (section instanceof Element element && element.getTagName().equals("dependencies")) {
        for (Node d = element.getFirstChild(); d != null; d = d.getNextSibling()) {
          if (d instanceof Element dependency) {
            result.add(dependency);
          }
        }
      }
    }
    return result;
  }

  private static String text(Element parent, String tag) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(tag)) {
        return element.getTextContent().trim();
      }
    }
    return null;
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  private static List<String> bundledArtifacts() throws Exception {
    String list =
        parse(PLUGIN_POM).getElementsByTagName("hpi.bundledArtifacts").item(0).getTextContent();
    return Arrays.stream(list.split(",")).map(String::trim).toList();
  }
}
