package dev.sagemakergitops.liveaws;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The resources one run creates: their names (all start with {@link #prefix()}), the tag each
 * carries ({@link #TAG_KEY} = the run id), and the deletions that undo them, made in reverse order
 * at the end of the run, after a failure too. A deletion that fails is reported and the others are
 * still made; {@link #deleteAll} answers what is left, so the run can say what to clean up.
 */
public final class RunLedger {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The tag every resource of a run carries, its value the run id; {@link Cleanup} looks for it. */
  public static final String TAG_KEY = "sagemaker-gitops-live-aws-run";
  /** Every name of every run starts with this, so a clean-up can list candidates by name. */
  public static final String NAME_PREFIX = "sgl-live-";

  /** A resource and how to delete it. */
  public record Resource(String kind, String name, Runnable delete) {}

  private final String runId;
  private final Deque<Resource> created = new ArrayDeque<>();

  public RunLedger(String runId) {
    if (!runId.matches("[a-z0-9]{1,20}")) {
      throw new IllegalArgumentException("a run id is 1 to 20 lower-case letters and digits, got " + runId);
    }
    this.runId = runId;
  }

  /** A new run id: the UTC time to the second and 4 random hex digits, so runs sort and never collide. */
  public static String newRunId(Clock clock) {
    byte[] random = new byte[2];
    RANDOM.nextBytes(random);
    return DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC).format(clock.instant())
        + HexFormat.of().formatHex(random);
  }

  public String runId() {
    return runId;
  }

  /** The prefix of every name of this run. */
  public String prefix() {
    return NAME_PREFIX + runId + "-";
  }

  /** A name for a resource of this run. */
  public String name(String suffix) {
    return prefix() + suffix;
  }

  /** Records that {@code name} was created, with the call that deletes it. */
  public synchronized void created(String kind, String name, Runnable delete) {
    created.push(new Resource(kind, name, delete));
  }

  /** Records that {@code name} was deleted by the probe itself. */
  public synchronized void deleted(String kind, String name) {
    created.removeIf(r -> r.kind().equals(kind) && r.name().equals(name));
  }

  /** The resources still recorded, newest first. */
  public synchronized List<Resource> remaining() {
    return List.copyOf(created);
  }

  /** Deletes every recorded resource, newest first; answers those whose deletion failed. */
  public synchronized List<Resource> deleteAll(PrintStream out) {
    List<Resource> left = new ArrayList<>();
    while (!created.isEmpty()) {
      Resource resource = created.pop();
      try {
        resource.delete().run();
        out.println("  deleted " + resource.kind() + " " + resource.name());
      } catch (AwsServiceException e) {
        if (Cleanup.isNotFound(e)) {
          out.println("  already gone: " + resource.kind() + " " + resource.name());
        } else {
          out.println("  NOT deleted: " + resource.kind() + " " + resource.name() + ": "
              + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
          left.add(resource);
        }
      } catch (RuntimeException e) {
        out.println("  NOT deleted: " + resource.kind() + " " + resource.name() + ": " + e);
        left.add(resource);
      }
    }
    return left;
  }
}
