package dev.sagemakergitops.local.cloudwatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A composite alarm's {@code AlarmRule}, parsed: the grammar of botocore's
 * {@code PutCompositeAlarmInput.AlarmRule} doc string (CloudWatch API reference, PutCompositeAlarm):
 * the functions {@code ALARM(x)}, {@code OK(x)} and {@code INSUFFICIENT_DATA(x)}, true when alarm
 * {@code x} (a name or an alarm ARN, double-quoted or not) is in that state; {@code TRUE} and
 * {@code FALSE}; the operators {@code AND}, {@code OR} and {@code NOT}; parentheses. At most 100
 * child alarms and 500 elements (child alarms, TRUE or FALSE, parentheses).
 *
 * <p>Not documented, and read here as follows: operator precedence ({@code NOT} binds tighter than
 * {@code AND}, which binds tighter than {@code OR}, as in every boolean language; AWS's examples
 * always use parentheses when mixing); keywords are upper case, except that {@code true} and
 * {@code false} are also accepted in lower case, as the DeleteAlarms doc string advises changing a
 * rule "to false". An unquoted name runs to the closing parenthesis.
 *
 * <p>Written by hand because no library parses this small grammar; a recursive descent over a
 * tokenizer is shorter than any generator's setup.
 */
final class AlarmRule {
  /** botocore PutCompositeAlarmInput.AlarmRule: "as many as 100 children alarms". */
  static final int MAX_CHILDREN = 100;
  /** botocore: "The AlarmRule expression can have as many as 500 elements". */
  static final int MAX_ELEMENTS = 500;

  /** One node of the parsed rule; {@code stateOf} answers a child's state by the reference as written. */
  sealed interface Node {
    boolean holds(Function<String, String> stateOf);
  }

  record Constant(boolean value) implements Node {
    @Override
    public boolean holds(Function<String, String> stateOf) {
      return value;
    }
  }

  /** {@code ALARM(x)}, {@code OK(x)} or {@code INSUFFICIENT_DATA(x)}: {@code state} is the function's name. */
  record StateIs(String state, String alarm) implements Node {
    @Override
    public boolean holds(Function<String, String> stateOf) {
      return state.equals(stateOf.apply(alarm));
    }
  }

  record Not(Node operand) implements Node {
    @Override
    public boolean holds(Function<String, String> stateOf) {
      return !operand.holds(stateOf);
    }
  }

  record And(Node left, Node right) implements Node {
    @Override
    public boolean holds(Function<String, String> stateOf) {
      // Both sides are evaluated: a rule reads every child, as CloudWatch's rule does.
      boolean l = left.holds(stateOf);
      boolean r = right.holds(stateOf);
      return l && r;
    }
  }

  record Or(Node left, Node right) implements Node {
    @Override
    public boolean holds(Function<String, String> stateOf) {
      boolean l = left.holds(stateOf);
      boolean r = right.holds(stateOf);
      return l || r;
    }
  }

  private final String text;
  private final Node root;
  private final Set<String> children;

  private AlarmRule(String text, Node root, Set<String> children) {
    this.text = text;
    this.root = root;
    this.children = children;
  }

  /**
   * Parses {@code text}.
   *
   * @throws CloudWatchException InvalidParameterValue naming what is wrong (the text is not
   *     documented)
   */
  static AlarmRule parse(String text) {
    Parser parser = new Parser(text);
    Node root = parser.expression();
    if (parser.peek() != null) {
      throw parser.invalid("unexpected " + parser.peek().text());
    }
    if (parser.children.size() > MAX_CHILDREN) {
      throw CloudWatchException.invalidParameterValue("The AlarmRule names " + parser.children.size()
          + " alarms; a composite alarm can have at most " + MAX_CHILDREN + ".");
    }
    if (parser.elements > MAX_ELEMENTS) {
      throw CloudWatchException.invalidParameterValue("The AlarmRule has " + parser.elements
          + " elements; it can have at most " + MAX_ELEMENTS + ".");
    }
    return new AlarmRule(text, root, java.util.Collections.unmodifiableSet(parser.children));
  }

  String text() {
    return text;
  }

  /** The alarms the rule names, as written (names or ARNs), in order of appearance. */
  Set<String> children() {
    return children;
  }

  /** True when the rule holds for the children's states ({@code stateOf} by reference as written). */
  boolean holds(Function<String, String> stateOf) {
    return root.holds(stateOf);
  }

  private record Token(String text, boolean name) {}

  private static final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int next;
    private int elements;
    private final Set<String> children = new LinkedHashSet<>();

    Parser(String text) {
      this.text = text;
      this.tokens = tokenize(text);
    }

    Token peek() {
      return next < tokens.size() ? tokens.get(next) : null;
    }

    private boolean accept(String keyword) {
      Token token = peek();
      if (token != null && !token.name() && token.text().equals(keyword)) {
        next++;
        return true;
      }
      return false;
    }

    private void expect(String keyword) {
      if (!accept(keyword)) {
        throw invalid(peek() == null ? "unexpected end, expected " + keyword : "expected " + keyword + " before "
            + peek().text());
      }
    }

    Node expression() {
      Node left = conjunction();
      while (accept("OR")) {
        left = new Or(left, conjunction());
      }
      return left;
    }

    private Node conjunction() {
      Node left = negation();
      while (accept("AND")) {
        left = new And(left, negation());
      }
      return left;
    }

    private Node negation() {
      if (accept("NOT")) {
        return new Not(negation());
      }
      return primary();
    }

    private Node primary() {
      Token token = peek();
      if (token == null) {
        throw invalid("unexpected end");
      }
      if (accept("(")) {
        elements++;
        Node inner = expression();
        expect(")");
        return inner;
      }
      if (token.name()) {
        throw invalid("unexpected " + token.text());
      }
      String word = token.text();
      if (word.equals("TRUE") || word.equals("true") || word.equals("FALSE") || word.equals("false")) {
        next++;
        elements++;
        return new Constant(word.equalsIgnoreCase("TRUE"));
      }
      if (word.equals("ALARM") || word.equals("OK") || word.equals("INSUFFICIENT_DATA")) {
        next++;
        expect("(");
        Token name = peek();
        if (name == null || !name.name() || name.text().isEmpty()) {
          throw invalid(word + "( needs an alarm name or ARN");
        }
        next++;
        expect(")");
        elements++;
        children.add(name.text());
        return new StateIs(word, name.text());
      }
      throw invalid("unexpected " + word);
    }

    CloudWatchException invalid(String why) {
      return CloudWatchException.invalidParameterValue("The value " + text + " for parameter AlarmRule is invalid: "
          + why + ".");
    }

    /**
     * Words, parentheses and names: after a function's {@code (}, everything up to the closing
     * {@code )} is the name (or a double-quoted string, quotes removed).
     */
    private List<Token> tokenize(String rule) {
      List<Token> out = new ArrayList<>();
      int i = 0;
      while (i < rule.length()) {
        char c = rule.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(' || c == ')') {
          out.add(new Token(String.valueOf(c), false));
          i++;
          boolean functionArgument = c == '(' && out.size() >= 2 && !out.get(out.size() - 2).name()
              && List.of("ALARM", "OK", "INSUFFICIENT_DATA").contains(out.get(out.size() - 2).text());
          if (functionArgument) {
            i = name(rule, i, out);
          }
        } else {
          int start = i;
          while (i < rule.length() && !Character.isWhitespace(rule.charAt(i)) && rule.charAt(i) != '('
              && rule.charAt(i) != ')') {
            i++;
          }
          out.add(new Token(rule.substring(start, i), false));
        }
      }
      return out;
    }

    private int name(String rule, int from, List<Token> out) {
      int i = from;
      while (i < rule.length() && Character.isWhitespace(rule.charAt(i))) {
        i++;
      }
      if (i < rule.length() && rule.charAt(i) == '"') {
        int end = rule.indexOf('"', i + 1);
        if (end < 0) {
          throw invalid("an alarm name's quote is not closed");
        }
        out.add(new Token(rule.substring(i + 1, end), true));
        return end + 1;
      }
      int end = rule.indexOf(')', i);
      if (end < 0) {
        throw invalid("unexpected end, expected )");
      }
      out.add(new Token(rule.substring(i, end).strip(), true));
      return end;
    }
  }
}
