package dev.sagemakergitops.local.replay;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The inputs a control plane received while it recorded, in the order it took them; appended to
 * under the control plane's lock, read by the test that owns it. See the package documentation.
 */
public final class InputLog {
  /** One input. */
  public sealed interface Entry permits Call, Advance {}

  /**
   * A call through the endpoint and the answer it got.
   *
   * @param call the request as the control plane read it
   * @param requestId the id it answered under (request ids are random, so a replay reuses it)
   * @param status the answer's HTTP status, or -1 when the connection was dropped (an injected fault)
   * @param body the answer's body
   */
  public record Call(HttpCall call, String requestId, int status, byte[] body) implements Entry {
    public Call {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(requestId, "requestId");
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    /** A call's answer as this entry records it: its status (-1: dropped) and body. */
    public static Call of(HttpCall call, String requestId, HttpAnswer answer) {
      return new Call(call, requestId, answer == null ? -1 : answer.status(), answer == null ? new byte[0] : answer.body());
    }

    /**
     * Checks that {@code replayed}, the answer this call got in a replay as its {@code number}-th
     * input, is the recorded one.
     *
     * @throws IllegalStateException naming the input when the status or body differ
     */
    public void requireAnswered(int number, Call replayed) {
      if (replayed.status != status || !Arrays.equals(replayed.body, body)) {
        throw new IllegalStateException("input " + number + " of the replay (" + this + ") answered " + replayed.status
            + " " + new String(replayed.body, StandardCharsets.UTF_8) + ", where it was recorded as " + status + " "
            + new String(body, StandardCharsets.UTF_8));
      }
    }

    @Override
    public String toString() {
      return call.method() + " " + call.path() + (call.header("x-amz-target") == null ? ""
          : " " + call.header("x-amz-target"));
    }
  }

  /** The clock moved on by {@code duration}, and what became due ran. */
  public record Advance(Duration duration) implements Entry {
    public Advance {
      Objects.requireNonNull(duration, "duration");
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** Appends {@code entry}: the recording control plane's part. */
  public synchronized void add(Entry entry) {
    entries.add(Objects.requireNonNull(entry, "entry"));
  }

  /** How many inputs were recorded so far: a position to replay up to. */
  public synchronized int size() {
    return entries.size();
  }

  /** The first {@code count} inputs, in order. */
  public synchronized List<Entry> first(int count) {
    return List.copyOf(entries.subList(0, count));
  }

  /** The inputs so far, as a list to replay. */
  public List<Entry> entries() {
    return first(size());
  }

  @Override
  public synchronized String toString() {
    return new ArrayList<>(entries).toString();
  }
}
