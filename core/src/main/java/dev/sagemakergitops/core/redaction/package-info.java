/**
 * Redaction: keeping credentials out of what the tool writes and shows.
 *
 * <p>Two kinds of secret reach the tool without being asked for. A URL may carry credentials in its
 * user-info part: Jenkins's {@code BUILD_URL} as {@code https://user:token@jenkins/job/1/}, a Git
 * remote as {@code https://x-access-token:...@github.com/...}, an error message quoting either. And
 * a manifest's container environment ({@code spec.model.environment}) may hold a password or an API
 * token, since that is how containers are usually given them.
 *
 * <p>{@link dev.sagemakergitops.core.redaction.Redaction} is the one helper for both, and it is
 * applied where such values enter the tool's own types, so that nothing built from them can carry
 * them on:
 *
 * <ul>
 *   <li>{@code operation.BuildInfo} strips URL credentials from the build URL when it is made: the
 *       {@code build} tag, {@code GeneratedBy} of model packages, records and results never see them;
 *   <li>{@code lineage.Lineage} strips them from every field when it is made: every
 *       {@code sagemaker-gitops:*} tag, {@code MetadataProperties} and
 *       {@code CustomerMetadataProperties} of model packages, and {@code explain}'s reading of old
 *       tags;
 *   <li>deployment records strip them from every message and event again (an AWS error may quote a
 *       URL);
 *   <li>plans (text, Markdown for pull-request comments, JSON) show environment values of
 *       secret-looking names ({@code *PASSWORD*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *KEY*},
 *       {@code *CREDENTIAL*}) as {@code ****}, and still say when such a value changed;
 *   <li>the command line strips them from every error message it prints.
 * </ul>
 *
 * <p>The container environment itself goes to SageMaker's {@code CreateModel} as written (that is
 * where it is needed) and never into a record.
 */
package dev.sagemakergitops.core.redaction;
