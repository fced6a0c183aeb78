/**
 * Test support of the model, not AWS behaviour: the inputs a control plane received, kept so that
 * another control plane, prepared the same way, can be brought to the same state without the
 * clients that made them.
 *
 * <p>A control plane is a deterministic function of what it is given: its services start alike,
 * its randomness is seeded ({@code LocalControlPlane.Builder#seed}), and its clock moves only when
 * told. So what a recording control plane receives through its endpoint (every call, with the
 * request id it was answered under) and through {@code LocalControlPlane#advance} (every move of
 * the clock, with the scheduled events it runs) is, replayed in order into a twin, that twin's way
 * to the same state. The reliability tests use it to put a fresh world where a dead run left its
 * own after call {@code n}, without running that prefix through the SDK again for every
 * {@code n}; the command line's kill-point tests restore a prepared world from it (with the
 * world's files copied) for every kill point.
 *
 * <p>What a replay checks: each replayed call must get the answer it got when recorded (status and
 * body, byte for byte); a difference throws, naming the call, instead of leaving a twin that only
 * looks alike. What a recording does not see: changes made to a service directly in Java (its
 * scenario controls, {@code withSimulation}) while it records, which is why the twin must be
 * prepared exactly like the original before the recording starts, and nothing but calls and clock
 * moves may happen during it.
 */
package dev.sagemakergitops.local.replay;
