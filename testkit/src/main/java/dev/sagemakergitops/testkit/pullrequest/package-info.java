/**
 * Stand-ins for pull-request hosts on loopback, for tests of the tool's comments and pull requests.
 *
 * <p>{@link dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn} serves the GitHub REST calls
 * the tool makes and checks every request against GitHub's own published OpenAPI description
 * (the npm package {@code @octokit/openapi}, version and SHA-512 in testkit/pom.xml), with
 * Atlassian's {@code swagger-request-validator}: a request GitHub would reject by its description
 * fails the test with the validator's message, whatever the stand-in itself would have accepted.
 * The description is fetched by the build (never committed) into the local Maven repository's
 * {@code .cache/octokit-openapi} folder and unpacked onto this module's class path. It is parsed once
 * per test JVM, when the first stand-in starts, so no request (and no client timeout) waits for it.
 *
 * <p>The stand-ins are served by the JDK's own HTTP server, one request at a time; what they model
 * beyond the published schema is listed, with its documentation page, on each class.
 */
package dev.sagemakergitops.testkit.pullrequest;
