/**
 * The deployment report: one self-contained HTML page that pictures deployment records
 * ({@code docs/deployment-record.md}), for people who would rather look at a deployment than read
 * its JSON ({@code docs/report.md}).
 *
 * <h2>What the page shows</h2>
 *
 * <ul>
 *   <li>For each run: its outcome (succeeded, rolled back, failed, cancelled, refused) with the
 *       reason, SageMaker's own reason and the alarms blamed; its timeline ({@link TimelineChart})
 *       and, under it, the traffic steps in words; its lineage ({@link LineageGraph}); the lines of
 *       its build log.
 *   <li>For several runs of one endpoint (a folder of records, a {@code --record-dir}): the
 *       endpoint's history first ({@link HistoryChart}): one bar per run on a common time axis in
 *       its outcome's colour, and a table of the runs, newest first.
 *   <li>For runs of several endpoints: one section each. Runs are grouped by their result's
 *       {@code endpointName}, else their endpoint resource, else their manifest's name.
 * </ul>
 *
 * <h2>Where the timeline comes from</h2>
 *
 * <p>A record's events carry {@code facts} since this version: {@code create} / {@code update}
 * (the request and the deployment's shape), {@code launch}, {@code trafficStep} (its number, the
 * share of the fleet it serves, its bake and when that ends), {@code finalBake}, {@code alarmLook}
 * (every look safe deploy took at the rollback alarms, quiet: in the record, not in the log) and
 * {@code rollback}. A record written before them still gets a timeline: each logged event as a dot.
 *
 * <h2>Rules the page keeps</h2>
 *
 * <ul>
 *   <li>It fetches nothing: inline CSS ({@link ReportStyle}) and inline SVG; no script, font,
 *       image, stylesheet or frame; the only links point inside the page. It opens offline, from an
 *       artifact store or a Jenkins build page alike.
 *   <li>Every text read from a record is escaped as XML ({@link Html}): a manifest path, a commit
 *       id, SageMaker's reason or a log line cannot open a tag or leave an attribute.
 *   <li>It is written by a small writer rather than a template engine: the page is a few fixed
 *       shapes, and a writer whose only way in for a value is an escaping method keeps the escaping
 *       rule in one place without a dependency.
 *   <li>{@link RecordReader} reads records as the format's compatibility rule asks: unknown keys
 *       are ignored, absent optional keys are "not known"; a file that is not a record of
 *       {@code schemaVersion} 1 is refused naming the file, the line or field, and what to do
 *       ({@link ReportInputException}).
 * </ul>
 */
package dev.sagemakergitops.core.report;
