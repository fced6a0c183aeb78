import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The target of moto's suite (run-moto-suite.sh): a fresh local control plane on one port for every
 * moto reset, in one JVM.
 *
 * <p>moto resets its backend whenever a test's mock starts. The control plane has no reset (AWS has
 * none), so each reset gets a new control plane: the old one is closed and a new one, built exactly as
 * {@code sagemaker-gitops local --time-scale 1} builds it, binds the same port. All of a control
 * plane's state lives in its instance, so a new instance is as fresh as a new process; keeping the JVM
 * is what makes the suite take minutes instead of hours (a JVM start per test cost about 20 seconds
 * on the shared two-core build machine).
 *
 * <p>Protocol on standard input/output, one line each: the launcher prints {@code ready} once the
 * port is open; every {@code restart} line closes the control plane, starts a new one and prints
 * {@code ready} again; end of input stops it. Run with the command line's jar on the class path:
 * {@code java -cp sagemaker-gitops.jar FreshControlPlanes.java PORT}.
 */
public final class FreshControlPlanes {
  /**
   * AWS's own pace. moto's tests stamp metric data and pick query windows with the wall clock, and
   * hold alarm states for a period of seconds; a sped-up clock made those fail for the harness's sake.
   * Nothing in moto's tests waits for a job or an endpoint (they expect moto's instant completion),
   * so a faster clock would earn no pass.
   */
  private static final double TIME_SCALE = 1;

  private FreshControlPlanes() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    LocalControlPlane plane = start(port);
    System.out.println("ready");
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      if (line.strip().equals("restart")) {
        plane.close();
        plane = start(port);
        System.out.println("ready");
        System.out.flush();
      }
    }
    plane.close();
  }

  private static LocalControlPlane start(int port) throws InterruptedException {
    // A closed port may be held for a moment by connections still closing; retry the bind briefly.
    for (int attempt = 1; ; attempt++) {
      try {
        return LocalControlPlane.builder().standardServices().port(port)
            .clock(SimulationClock.scaled(TIME_SCALE)).start();
      } catch (java.io.UncheckedIOException e) {
        if (attempt == 50) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
