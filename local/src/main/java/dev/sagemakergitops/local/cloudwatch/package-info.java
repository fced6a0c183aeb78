/**
 * Amazon CloudWatch, locally: the alarms deployments roll back on and the metrics endpoints publish.
 *
 * <p>{@link dev.sagemakergitops.local.cloudwatch.CloudWatchService} serves {@code PutMetricAlarm},
 * {@code PutCompositeAlarm}, {@code DescribeAlarms} ({@code AlarmNames}, {@code AlarmNamePrefix},
 * {@code StateValue}, {@code ActionPrefix}, {@code AlarmTypes}, {@code ChildrenOfAlarmName},
 * {@code ParentsOfAlarmName}, {@code MaxRecords}/{@code NextToken}), {@code SetAlarmState},
 * {@code DeleteAlarms}, {@code PutMetricData} ({@code Value}, {@code Values}/{@code Counts},
 * {@code StatisticValues}), {@code GetMetricStatistics} and {@code GetMetricData} (MetricStat
 * queries) in three protocols, which decode into one input tree and render one output tree:
 * <ul>
 *   <li>AWS Query, which the pinned Java SDK 2.40.2 sends: {@code POST /}, form-encoded
 *       {@code Action=..&Version=2010-08-01}, signed for {@code monitoring}; XML answers in the
 *       namespace {@code http://monitoring.amazonaws.com/doc/2010-08-01/} and Query error documents;
 *   <li>AWS JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}), which the AWS CLI v1
 *       (botocore 1.43) picks from CloudWatch's protocol list;
 *   <li>Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/<Op>}), which
 *       SDKs from 2.40.6 on send: {@code Smithy-Protocol: rpc-v2-cbor}, timestamps as CBOR tag 1 epoch
 *       seconds, errors with {@code __type} and {@code x-amzn-query-error: <Code>;Sender}.
 * </ul>
 *
 * <p><b>Classes.</b> {@code CloudWatchService} routes the operations of the three protocols and
 * holds the lock; {@code Alarms} holds the alarms and answers the alarm operations,
 * {@code AlarmEvaluation} decides a metric alarm's state, {@code CompositeAlarms} holds the composite
 * alarms and decides theirs by their {@code AlarmRule} ({@code AlarmRule} parses the grammar), {@code Metrics} holds the data and answers the
 * metric operations, {@code CloudWatchInput} reads request members with CloudWatch's errors.
 *
 * <p><b>Evaluation.</b> An alarm on a metric is evaluated whenever it is read (DescribeAlarms,
 * {@link dev.sagemakergitops.local.spi.AlarmReader}) and whenever data arrives, at the simulation's
 * now. Its evaluation periods are the {@code EvaluationPeriods} periods (aligned to the epoch) ending
 * with the one now falls in, so a datum counts the moment it is published (CloudWatch waits for a
 * period to close). It goes to ALARM when at least {@code DatapointsToAlarm} periods breach,
 * INSUFFICIENT_DATA when no period has data (per {@code TreatMissingData}: {@code breaching} and
 * {@code notBreaching} fill empty periods, {@code ignore} keeps the state), else OK. Statistics are
 * SampleCount, Sum, Average, Minimum and Maximum; metric-math alarms and percentiles are stored but
 * not evaluated. A state set with SetAlarmState holds until the next period boundary, as CloudWatch
 * keeps it until its next evaluation.
 *
 * <p><b>Composite alarms</b> (botocore doc strings of PutCompositeAlarm, DescribeAlarms, DeleteAlarms
 * and SetAlarmState; the refusal texts users report, cited in {@code CompositeAlarms}): the rule
 * {@code ALARM(x)}, {@code OK(x)}, {@code INSUFFICIENT_DATA(x)}, {@code TRUE}, {@code FALSE},
 * {@code AND}, {@code OR}, {@code NOT} and parentheses over existing alarms named or given by ARN
 * (a missing one is refused with {@code ValidationError}); ALARM when the rule holds, else OK,
 * evaluated after the metric alarms at every read, a cycle keeping its state; DescribeAlarms lists
 * them only when {@code AlarmTypes} names {@code CompositeAlarm} ("If you omit this parameter, only
 * metric alarms are returned"); SetAlarmState holds until a child changes state; DeleteAlarms takes
 * at most one composite alarm and refuses, deleting nothing, an alarm a composite alarm depends on.
 * Deployments read a composite alarm through {@link dev.sagemakergitops.local.spi.AlarmReader} like
 * any other: SageMaker's {@code AutoRollbackConfiguration} names "a CloudWatch alarm in your account"
 * (botocore sagemaker {@code Alarm.AlarmName}) and does not say whether a composite one is read;
 * live-aws probe {@code composite-rollback-alarm} settles it on a real account.
 *
 * <p><b>Scenario controls.</b> {@code trip(region, alarmName)} puts an alarm in ALARM and keeps it
 * there until {@code clear(region, alarmName)}, which sets OK until the next evaluation; the same
 * through {@code POST /_local/actions/tripAlarm} and {@code clearAlarm} with
 * {@code {"alarmName": "..", "region": ".."}} (region defaults to the control plane's).
 *
 * <p>Deliberate differences: {@code DeleteAlarms} ignores names that do not exist; dashboards, alarm
 * history and actions are not served (a composite alarm's actions and suppressor are stored only); GetMetricData answers all datapoints at once
 * (no NextToken) and refuses {@code Expression} queries; {@code PutMetricData} refuses
 * {@code AWS/} namespaces as AWS does, so the simulation publishes {@code AWS/SageMaker} through
 * {@link dev.sagemakergitops.local.spi.MetricRecorder}.
 */
package dev.sagemakergitops.local.cloudwatch;
