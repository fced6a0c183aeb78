/**
 * Amazon S3, locally, for model artifacts, data captures and batch input and output.
 *
 * <p>{@link dev.sagemakergitops.local.s3.S3Service} answers every call signed for {@code s3}, path
 * style ({@code http://127.0.0.1:<port>/<bucket>/<key>}; clients set {@code forcePathStyle(true)}):
 * {@code CreateBucket}, {@code HeadBucket}, {@code DeleteBucket}, {@code ListBuckets},
 * {@code PutObject}, {@code GetObject}, {@code HeadObject}, {@code DeleteObject} and
 * {@code ListObjectsV2} (prefix, delimiter, max-keys, continuation token, start-after), with S3's
 * XML error documents ({@code NoSuchBucket}, {@code NoSuchKey}, {@code BucketNotEmpty},
 * {@code BucketAlreadyOwnedByYou} outside us-east-1, {@code BadDigest}). It is also the control
 * plane's {@link dev.sagemakergitops.local.spi.ObjectStore}: training writes artifacts, transform jobs
 * read input and write output, endpoints write captures through it.
 *
 * <p><b>Regions.</b> A bucket remembers the region it was created in (buckets the other services create
 * through {@link dev.sagemakergitops.local.spi.ObjectStore} are in the control plane's default region).
 * An object or listing request signed for another region answers 301 {@code PermanentRedirect} with the
 * bucket's {@code Endpoint} and {@code x-amz-bucket-region}, as S3 does
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 *
 * <p><b>Integrity.</b> The Java SDK (2.30 and later) sends PutObject bodies {@code aws-chunked} with a
 * CRC32 trailer by default. The body is decoded and every checksum the client sent, in a header or a
 * trailer (CRC32, CRC32C, SHA-1, SHA-256), is checked; a mismatch answers {@code BadDigest}. Clients
 * need no {@code requestChecksumCalculation} setting. ETags are the MD5 of the content.
 *
 * <p><b>Classes.</b> {@code S3Service} routes a call to its operation and answers the bucket
 * operations; {@code ObjectOperations} the object ones (put, get and head, copy),
 * {@code Listings} ListObjectsV2 and ListBuckets; {@code Payloads} computes what S3 derives from
 * the bytes ({@code aws-chunked} decoding, checksums, ETags); {@code S3Wire} writes error documents
 * and reads paths and queries; {@code LegacyRequests} answers the S3 requests that carry no SigV4
 * scope (Signature Version 2, browser-based POST uploads).
 *
 * <p><b>Why not an embedded S3Proxy.</b> S3Proxy 4.1.0 was tried: it needs Jackson 3 with
 * {@code jackson-annotations} 2.21 or later (the build pins 2.20, and S3Proxy fails at start with
 * {@code NoClassDefFoundError: JsonSerializeAs}), pulls about 75 jars (Guava, OpenTelemetry, an AWS
 * SDK 2.54 that the build would force down to 2.40.2) even after excluding its cloud back-ends, took
 * 1.2 s to start on this machine and leaves non-daemon threads. A few hundred lines for the
 * operations the pipeline uses were cheaper and start in no time.
 *
 * <p><b>Operations.</b> Besides the base operations above: {@code CopyObject}
 * ({@code x-amz-copy-source}; metadata copied or replaced), single-range {@code GetObject} (206,
 * {@code Content-Range}; 416 {@code InvalidRange}), {@code GetBucketLocation}, presigned URLs (the
 * credential scope is read from the query), {@code ListObjectsV2} {@code StartAfter} (echoed),
 * {@code FetchOwner} and {@code EncodingType=url} (keys URL-encoded, as botocore asks on every
 * listing), {@code ListBuckets} {@code Prefix}, {@code BucketRegion}, {@code MaxBuckets} and paging,
 * and what S3 keeps of an upload ({@link dev.sagemakergitops.local.s3.ObjectAttributes}: encoding and
 * other representation headers, storage class, SSE-S3 by default or SSE-KMS as asked with its S3
 * Bucket Key setting, checksums answered under {@code x-amz-checksum-mode: ENABLED} but never for a
 * range, whose part they do not describe: S3 leaves them out too, as recorded in minio/minio#17105).
 * A ListObjectsV2 continuation token this control plane did not issue is {@code InvalidArgument}
 * "The continuation token provided is incorrect" (botocore: the token "is obfuscated and is not a
 * real key"). {@code CreateBucket} follows S3's naming rules
 * ({@code InvalidBucketName}) and location rules ({@code InvalidLocationConstraint} for
 * {@code us-east-1}, {@code IllegalLocationConstraintException} when the constraint is missing or
 * differs from a regional endpoint's region); a repeated create succeeds only for a us-east-1 bucket
 * asked through us-east-1.
 *
 * <p><b>Refusals.</b> {@link dev.sagemakergitops.local.s3.S3Operation} tells operations apart by
 * method, path, query sub-resource and headers. What is not served ({@code ?tagging}, {@code ?cors},
 * {@code ?lifecycle}, {@code ?acl}, {@code ?versioning}, {@code ?uploads}, {@code ?delete},
 * {@code versionId}, ListObjects v1, conditional and object-lock headers, tagging and ACL grants on
 * upload, multi-range reads, and any query parameter it does not know) is answered
 * {@code 501 NotImplemented} "A header you provided implies functionality that is not implemented."
 * (S3 Error Responses), with the sub-resource in {@code Resource} or the header in {@code Header},
 * and changes nothing. Before, such calls ran as the path's base operation: PutObjectTagging
 * overwrote the object, DeleteBucketCors deleted the bucket. A request signed with Signature Version 2
 * (header {@code Authorization: AWS ...} or a query with {@code AWSAccessKeyId} and {@code Signature})
 * is S3's 400 {@code InvalidRequest} "The authorization mechanism you have provided is not supported.
 * Please use AWS4-HMAC-SHA256." (Version 2 is off for buckets created since June 2020:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/auth-request-sig-v2.html), and a browser-based
 * upload ({@code POST /bucket}, {@code multipart/form-data}) is {@code 501 NotImplemented}; without
 * a SigV4 scope neither could be routed, and both were answered with a JSON 404.
 *
 * <p>Deliberate differences: no virtual-hosted style, multipart upload, versioning, ACLs, policies or
 * tagging (all refused); buckets are global to the account and remember the region they were created
 * in, which {@code HeadBucket} and {@code GetBucketLocation} report; objects live in memory; archived
 * storage classes refuse GetObject ({@code InvalidObjectState}) and cannot be restored.
 */
package dev.sagemakergitops.local.s3;
