/**
 * The live AWS checks: probes that settle, on a real account, what the local control plane models
 * from documentation or, where AWS is silent, in the reading harder on the operations.
 *
 * <p><b>Probes and the operations' story.</b> Each probe ({@code probe} package) asks AWS one
 * question with the fewest calls; the operations' story ({@code story} package) runs the project's
 * own operations end to end at the smallest size. Both answer observations and have a fixture.
 *
 * <p><b>Two targets, one probe code.</b> A {@link dev.sagemakergitops.liveaws.ProbeTarget} is either
 * a real account ({@link dev.sagemakergitops.liveaws.RealAccount}: the default credential chain, the
 * region the run names, real time) or, in the build's tests, the local control plane (simulated
 * time). The target also builds core's clients for the story
 * ({@link dev.sagemakergitops.liveaws.ProbeTarget#operationClients}) and gives its clock and waits to
 * the operations. The probes make the same SDK calls on both and answer
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
 * both required; the story's untagged copies of the model artifact by their key's exact form). Each probe's answers replace its fixture
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
