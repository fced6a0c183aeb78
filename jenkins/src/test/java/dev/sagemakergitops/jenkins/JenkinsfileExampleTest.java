package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;

/**
 * {@code Jenkinsfile.example} is Groovy that parses, and every call of one of our steps in it uses
 * parameters the step declares ({@code @DataBoundConstructor} and {@code @DataBoundSetter}), giving
 * the required ones: a renamed or misspelled argument fails the build here, not in a user's Jenkins.
 */
@IntegrationPhase
class JenkinsfileExampleTest {
  private static final Path EXAMPLE = Path.of("..", "Jenkinsfile.example");

  @Test
  void example_parsesAsGroovy_andEveryStepCallUsesDeclaredParameters() throws IOException {
    List<Call> calls = stepCalls(Files.readString(EXAMPLE, StandardCharsets.UTF_8));

    for (Call call : calls) {
      Class<? extends Step> type = StepBindingTest.STEPS.get(call.step());
      assertThat(StepBinder.parameters(type).keySet()).as("%s at line %d", call.step(), call.line())
          .containsAll(call.arguments());
      assertThat(call.arguments()).as("%s at line %d", call.step(), call.line())
          .containsAll(StepBinder.required(type));
    }
    Set<String> called = new TreeSet<>();
    calls.forEach(call -> called.add(call.step()));
    assertThat(called).containsExactlyInAnyOrderElementsOf(StepBindingTest.STEPS.keySet());
  }

  @Test
  void stepCalls_seeAMisspelledArgument() {
    List<Call> calls = stepCalls("pipeline { stages { stage('x') { steps { script {\n"
        + "  safeDeploy(manfest: 'models/churn/prod.yaml', credentialsId: \"aws-${env.X}\")\n"
        + "} } } } }");

    assertThat(calls).containsExactly(new Call("safeDeploy", 2, List.of("manfest", "credentialsId")));
    assertThat(StepBinder.parameters(SafeDeployStep.class).keySet()).doesNotContain("manfest");
  }

  /** The calls of our steps in {@code script}, after Groovy's own parser has accepted it. */
  private static List<Call> stepCalls(String script) {
    CompilationUnit unit = new CompilationUnit();
    unit.addSource("Jenkinsfile", script);
    unit.compile(Phases.CONVERSION);
    List<Call> calls = new ArrayList<>();
    CodeVisitorSupport visitor = new CodeVisitorSupport() {
      @Override
      public void visitMethodCallExpression(MethodCallExpression call) {
        if (call.isImplicitThis() && StepBindingTest.STEPS.containsKey(call.getMethodAsString())) {
          calls.add(new Call(call.getMethodAsString(), call.getLineNumber(), namedArguments(call.getArguments())));
        }
        super.visitMethodCallExpression(call);
      }
    };
    for (ModuleNode module : unit.getAST().getModules()) {
      for (ClassNode type : module.getClasses()) {
        for (MethodNode method : type.getMethods()) {
          if (method.getCode() != null) {
            method.getCode().visit(visitor);
          }
        }
      }
    }
    return calls;
  }

  private static List<String> namedArguments(Expression arguments) {
    List<String> names = new ArrayList<>();
    if (arguments instanceof TupleExpression tuple) {
      for (Expression argument : tuple.getExpressions()) {
        if (argument instanceof MapExpression map) {
          for (MapEntryExpression entry : map.getMapEntryExpressions()) {
            names.add(((ConstantExpression) entry.getKeyExpression()).getText());
          }
        }
      }
    }
    return names;
  }

  private record Call(String step, int line, List<String> arguments) {}

}
