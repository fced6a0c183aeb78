package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.deploy.EndpointChange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;

/**
 * The Snippet Generator's files: each step has a {@code config.jelly} that is well-formed XML,
 * escapes by default (Jenkins' InjectedTest refuses one that does not) and has exactly one entry
 * per parameter; the step and every parameter have help, found the way Jenkins looks for it (the
 * step's class, then its superclasses).
 */
class SnippetGeneratorFilesTest {
  private static final Pattern FIELD = Pattern.compile("field=\"([A-Za-z]+)\"");

  @Test
  void configJelly_ofEveryStep_hasOneEntryPerParameter() throws Exception {
    for (Map.Entry<String, Class<? extends Step>> step : StepBindingTest.STEPS.entrySet()) {
      String jelly = read(step.getValue(), "config.jelly");

      assertThat(jelly).as(step.getKey()).startsWith("<?jelly escape-by-default='true'?>\n");
      try (InputStream in = step.getValue().getResourceAsStream(step.getValue().getSimpleName() + "/config.jelly")) {
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      }
      Set<String> fields = new TreeSet<>();
      Matcher matcher = FIELD.matcher(jelly);
      while (matcher.find()) {
        assertThat(fields.add(matcher.group(1))).as("%s lists %s twice", step.getKey(), matcher.group(1)).isTrue();
      }
      assertThat(fields).as(step.getKey()).isEqualTo(new TreeSet<>(StepBinder.parameters(step.getValue()).keySet()));
    }
  }

  @Test
  void help_existsForEveryStepAndEveryParameter() throws IOException {
    for (Map.Entry<String, Class<? extends Step>> step : StepBindingTest.STEPS.entrySet()) {
      assertThat(read(step.getValue(), "help.html")).as(step.getKey()).startsWith("<div>").contains("</p>");
      for (String parameter : StepBinder.parameters(step.getValue()).keySet()) {
        assertThat(help(step.getValue(), parameter)).as("%s: help-%s.html", step.getKey(), parameter)
            .startsWith("<div>").endsWith("</div>\n");
      }
    }
  }

  @Test
  void safeDeployHelp_whenItListsTheResultsChange_namesEveryValueCoreReturns() throws IOException {
    String help = read(SafeDeployStep.class, "help.html");

    for (EndpointChange change : EndpointChange.values()) {
      assertThat(help).as("help.html lists change %s", change).contains("<code>" + change.name() + "</code>");
    }
  }

  private static String help(Class<?> step, String parameter) throws IOException {
    for (Class<?> c = step; c != null; c = c.getSuperclass()) {
      URL url = c.getResource(c.getSimpleName() + "/help-" + parameter + ".html");
      if (url != null) {
        try (InputStream in = url.openStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  private static String read(Class<?> step, String name) throws IOException {
    try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + name)) {
      assertThat(in).as("%s/%s", step.getSimpleName(), name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
