/**
 * The live AWS checks: probes that settle, on a real account, what the local control plane models
 * from documentation or, where AWS is silent, in the reading harder on the operations.
 *
 * <p><b>Two targets, one probe code.</b> A {@link dev.sagemakergitops.liveaws.ProbeTarget} is either
 * a real account ({@link dev.sagemakergitops.liveaws.RealAccount}: the default credential chain, the
 * region the run names, real time) or, in the build's tests, the local control plane (simulated
 * time). The probes ({@code probe} package) make the same SDK calls on both and answer
 * {@link dev.sagemakergitops.liveaws.Observation}s, normalized by
 * {@link dev.sagemakergitops.liveaws.Normalizer} (run prefix, account and region replaced), so an
 * answer recorded on one account compares with the local control plane's.
 *
 * <p><b>A live run</b> ({@link dev.sagemakergitops.liveaws.LiveAws}, {@code mvn -Plive-aws verify})
 * prints the cost estimate ({@link dev.sagemakergitops.liveaws.CostEstimate}) first and refuses to
 * make any call without an explicit region and the confirmation property
 * ({@link dev.sagemakergitops.liveaws.LiveAwsSettings}). Every resource is named with the run's prefix
 * and tagged with its id ({@link dev.sagemakergitops.liveaws.RunLedger}), which deletes them newest
 * first at the end, after a failure, and from a shutdown hook on an interrupt;
 * {@link dev.sagemakergitops.liveaws.Cleanup} deletes what a killed run left (name prefix and tag
 * both required). Each probe's answers replace its fixture
 * ({@link dev.sagemakergitops.liveaws.Fixture}) with {@code "source": "recorded"}.
 *
 * <p><b>Fixtures</b> live in {@code live-aws/src/test/resources/live-aws-fixtures/}. Until a real run
 * records them they encode the documented reading ({@code "source": "documentation"} with its URLs),
 * with what AWS does not document written {@code "<undocumented>"} and not compared. The replay test
 * runs every probe against the local control plane and compares its answers with the fixture, so a
 * recorded answer that the local control plane does not give fails the build until the local control
 * plane follows AWS (docs/live-aws.md, "Turning recorded answers into local changes").
 */
package dev.sagemakergitops.liveaws;
