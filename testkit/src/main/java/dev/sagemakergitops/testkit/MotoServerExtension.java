package dev.sagemakergitops.testkit;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link MotoServer}: ONE process for the whole test run, kept in the root
 * extension store, so the suite pays moto's start-up (about 0.6 s) once, and closed by JUnit when
 * the run ends.
 *
 * <p>Either register it in a static field and ask it for the server:
 *
 * <pre>{@code
 * @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();
 * ... MOTO.endpoint() ...
 * }</pre>
 *
 * or use {@code @ExtendWith(MotoServerExtension.class)} and declare a {@link MotoServer} parameter
 * on a constructor, lifecycle or test method.
 *
 * <p>Because the server is shared, its state outlives a test class: give resources names unique to
 * the test, or call {@link MotoServer#reset()} where a test needs an empty emulator. Test classes run
 * side by side in one JVM (the build's {@code tests.parallel}), so every class that uses the server
 * holds {@link #RESOURCE} ({@code @ResourceLock(MotoServerExtension.RESOURCE)}): the classes on moto
 * run one after the other, as they did when each JVM ran one class at a time, and a listing or a
 * reset never sees another class's resources.
 *
 * <p>When {@code moto_server} is missing, every test that uses this extension FAILS with the install
 * command; it never skips, because skipped emulator tests make a green build that tested nothing.
 */
public final class MotoServerExtension implements BeforeAllCallback, ParameterResolver {

  /** The lock every test class on the shared server holds, with JUnit's {@code @ResourceLock}. */
  public static final String RESOURCE = "moto_server";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServerExtension.class);

  // Set by beforeAll; only used through a static @RegisterExtension field, which JUnit drives per class.
  private volatile MotoServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
      throws ParameterResolutionException {
    return shared(extensionContext);
  }

  /** The running server; available from {@code @BeforeAll} on. */
  public MotoServer server() {
    MotoServer current = server;
    if (current == null) {
      throw new IllegalStateException("moto_server is not started yet: register MotoServerExtension in a static "
          + "field with @RegisterExtension, so that it starts before @BeforeAll methods run");
    }
    return current;
  }

  /** Shorthand for {@code server().endpoint()}. */
  public URI endpoint() {
    return server().endpoint();
  }

  private static MotoServer shared(ExtensionContext context) {
    // The root store lives as long as the run and closes AutoCloseable values at its end.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(MotoServer.class, type -> MotoServer.start(), MotoServer.class);
  }
}
