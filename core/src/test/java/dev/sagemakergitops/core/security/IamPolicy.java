package dev.sagemakergitops.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An IAM policy document as the tests read it: its statements with their actions, resources and
 * conditions. Actions are compared as IAM compares them, without regard to case.
 */
record IamPolicy(String version, List<Statement> statements) {

  /** One statement; {@code condition} is the raw {@code Condition} block, or {@code null}. */
  record Statement(String sid, String effect, List<String> actions, List<String> resources, JsonNode condition) {}

  static IamPolicy read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode statement : root.path("Statement")) {
      statements.add(new Statement(statement.path("Sid").asText(null), statement.path("Effect").asText(null),
          strings(statement.path("Action")), strings(statement.path("Resource")),
          statement.has("Condition") ? statement.get("Condition") : null));
    }
    return new IamPolicy(root.path("Version").asText(null), List.copyOf(statements));
  }

  /** Every action an {@code Allow} statement names, lower case. */
  Set<String> allowedActions() {
    Set<String> actions = new TreeSet<>();
    statements.stream().filter(s -> "Allow".equals(s.effect()))
        .forEach(s -> s.actions().forEach(a -> actions.add(a.toLowerCase())));
    return actions;
  }

  boolean allows(String action) {
    return allowedActions().contains(action.toLowerCase());
  }

  /** The statements that name {@code action}. */
  List<Statement> statementsFor(String action) {
    return statements.stream().filter(s -> s.actions().stream().anyMatch(a -> a.equalsIgnoreCase(action))).toList();
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return List.copyOf(values);
  }
}
