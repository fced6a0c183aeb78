package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What Ctrl-C (SIGINT) and SIGTERM say while an operation waits: one line on standard error (and,
 * for a command asked for JSON, the document {@code outcome: interrupted} on standard output), so a
 * build log never ends in silence. The process then ends as the signal asks; nothing is cancelled,
 * SageMaker goes on, and the saved state lets the same command resume.
 *
 * <p>A JVM shutdown hook is the only way Java hears these signals; it is installed for the length
 * of one operation's run and removed after it, so a normal exit prints nothing. It writes to the
 * process's own streams, the only ones still certain to reach the terminal or the build log while
 * the process ends.
 */
final class InterruptNotice implements AutoCloseable {
  private final Thread hook;

  private InterruptNotice(Thread hook) {
    this.hook = hook;
  }

  /**
   * Installs the notice for {@code operation} on {@code manifestName}, whose state is saved in
   * {@code state}; {@code json} adds the JSON document of {@code command} (when known, else
   * {@code null}) on standard output.
   */
  static InterruptNotice install(String command, String operation, String manifestName, Path state, boolean json) {
    String line = line(operation, manifestName, state);
    Thread hook = new Thread(() -> {
      System.err.println(line);
      System.err.flush();
      if (json) {
        System.out.print(JsonOutput.text(document(command, operation, state, line)));
        System.out.flush();
      }
    }, "sagemaker-gitops-interrupt-notice");
    Runtime.getRuntime().addShutdownHook(hook);
    return new InterruptNotice(hook);
  }

  /** The one line: what stops, what goes on, how to resume. */
  static String line(String operation, String manifestName, Path state) {
    return "interrupted: " + operation + " " + manifestName + " stops waiting, SageMaker goes on with what it"
        + " started; run the same command again to resume (state: " + state + ")";
  }

  private static ObjectNode document(String command, String operation, Path state, String line) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", OutcomePrinter.SCHEMA_VERSION);
    if (command != null) {
      root.put("command", command);
    }
    root.put("operation", operation);
    root.put("outcome", "interrupted");
    ObjectNode failure = root.putObject("failure");
    failure.put("kind", "INTERRUPTED");
    failure.put("message", line.substring("interrupted: ".length()));
    root.put("state", state.toString());
    return root;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The process is already ending: the hook runs, as it should.
    }
  }
}
