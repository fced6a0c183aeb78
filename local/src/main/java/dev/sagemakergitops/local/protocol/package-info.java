/**
 * The wire protocols' common parts: one HTTP call and its answer, the AWS JSON services
 * ({@code X-Amz-Target}) with their operations, routes for the other protocols, errors in each
 * protocol's shape, ARNs.
 *
 * <p>An operation the control plane does not implement is refused in its protocol's own words,
 * never answered as another operation: AWS JSON 1.0/1.1 {@code UnknownOperationException} (HTTP 400),
 * CloudWatch's Query protocol {@code InvalidAction} (HTTP 400, CloudWatch API Reference, Common
 * Errors), S3 {@code 501 NotImplemented} (see the {@code s3} package). ARNs carry the region's
 * partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}).
 */
package dev.sagemakergitops.local.protocol;
