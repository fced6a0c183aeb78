package dev.sagemakergitops.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 answers like S3 where the control plane serves an operation, and refuses with S3's own
 * {@code 501 NotImplemented} where it does not, through the real SDK. Each case is a finding of
 * moto's suite run against the control plane (C-1 to C-5), whose earlier answers are in the comments.
 */
@IntegrationPhase
class S3FidelityTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private LocalControlPlane plane;
  private S3Client s3;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new S3Service()).start();
    s3 = client(Region.US_EAST_1);
    s3.createBucket(b -> b.bucket("artifacts"));
    s3.putObject(r -> r.bucket("artifacts").key("model.tar.gz"), RequestBody.fromString("weights"));
  }

  private S3Client client(Region region) {
    return S3Client.builder().endpointOverride(plane.endpoint()).region(region).forcePathStyle(true)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    s3.close();
    plane.close();
  }

  private String content(String bucket, String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
  }

  private static void assertNotImplemented(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.statusCode()).isEqualTo(501);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("A header you provided implies functionality that is not implemented.");
    });
  }

  @Test
  void putObjectTagging_whenNotImplemented_refusesWith501AndLeavesTheObject() {
    // Before: 200, and the object's body became the <Tagging> document.
    assertNotImplemented(() -> s3.putObjectTagging(r -> r.bucket("artifacts").key("model.tar.gz")
        .tagging(t -> t.tagSet(tag -> tag.key("k").value("v")))));

    assertThat(content("artifacts", "model.tar.gz")).isEqualTo("weights");
  }

  @Test
  void deleteObjectTaggingAndDeleteBucketCors_whenNotImplemented_refuseAndDeleteNothing() {
    s3.createBucket(b -> b.bucket("empty-one"));

    // Before: 200, and the object, then the bucket, were deleted.
    assertNotImplemented(() -> s3.deleteObjectTagging(r -> r.bucket("artifacts").key("model.tar.gz")));
    assertNotImplemented(() -> s3.deleteBucketCors(r -> r.bucket("empty-one")));

    assertThat(content("artifacts", "model.tar.gz")).isEqualTo("weights");
    s3.headBucket(r -> r.bucket("empty-one"));
  }

  @Test
  void subResources_whenNotImplemented_areRefusedNotAnsweredAsTheBaseOperation() {
    assertNotImplemented(() -> s3.getObjectAcl(r -> r.bucket("artifacts").key("model.tar.gz")));
    assertNotImplemented(() -> s3.getBucketVersioning(r -> r.bucket("artifacts")));
    assertNotImplemented(() -> s3.getBucketTagging(r -> r.bucket("artifacts")));
    assertNotImplemented(() -> s3.putBucketPolicy(r -> r.bucket("artifacts").policy("{}")));
    assertNotImplemented(() -> s3.listObjectVersions(r -> r.bucket("artifacts")));
    assertNotImplemented(() -> s3.deleteObjects(r -> r.bucket("artifacts")
        .delete(d -> d.objects(o -> o.key("model.tar.gz")))));
    assertNotImplemented(() -> s3.createMultipartUpload(r -> r.bucket("artifacts").key("big")));
    assertNotImplemented(() -> s3.getObject(r -> r.bucket("artifacts").key("model.tar.gz").versionId("nope")));
    assertNotImplemented(() -> s3.listObjects(r -> r.bucket("artifacts")));

    assertThat(content("artifacts", "model.tar.gz")).isEqualTo("weights");
  }

  @Test
  void putObject_whenConditionalOrTagged_refusesRatherThanIgnoringTheHeader() {
    assertNotImplemented(() -> s3.putObject(r -> r.bucket("artifacts").key("model.tar.gz").ifNoneMatch("*"),
        RequestBody.fromString("overwritten")));
    assertNotImplemented(() -> s3.putObject(r -> r.bucket("artifacts").key("tagged").tagging("k=v"),
        RequestBody.fromString("x")));

    assertThat(content("artifacts", "model.tar.gz")).isEqualTo("weights");
  }

  @Test
  void copyObject_whenSourceExists_copiesTheContent() {
    s3.createBucket(b -> b.bucket("other"));

    // Before: 200 and an empty destination object.
    var copied = s3.copyObject(r -> r.sourceBucket("artifacts").sourceKey("model.tar.gz")
        .destinationBucket("other").destinationKey("copy.tar.gz"));

    assertThat(content("other", "copy.tar.gz")).isEqualTo("weights");
    assertThat(copied.copyObjectResult().eTag()).isEqualTo(s3.headObject(r -> r.bucket("artifacts")
        .key("model.tar.gz")).eTag());
    assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket("artifacts").sourceKey("model.tar.gz")
        .destinationBucket("artifacts").destinationKey("model.tar.gz")))
        .isInstanceOfSatisfying(S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
  }

  @Test
  void getObject_whenRanged_answersThePartialContent() {
    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("model.tar.gz")
        .range("bytes=1-3"));

    assertThat(part.asUtf8String()).isEqualTo("eig");
    assertThat(part.response().contentRange()).isEqualTo("bytes 1-3/7");
    assertThatThrownBy(() -> s3.getObject(r -> r.bucket("artifacts").key("model.tar.gz").range("bytes=50-")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
  }

  @Test
  void getObject_whenRangedWithChecksumMode_answersThePartWithoutTheWholeObjectsChecksum() {
    s3.putObject(r -> r.bucket("artifacts").key("checked.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32),
        RequestBody.fromString("weights"));

    // Before: the whole object's CRC32 came with the part, and the SDK refused the part as corrupt.
    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("checked.bin")
        .range("bytes=1-3").checksumMode(ChecksumMode.ENABLED));
    ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("checked.bin")
        .checksumMode(ChecksumMode.ENABLED));

    assertThat(part.asUtf8String()).isEqualTo("eig");
    assertThat(part.response().checksumCRC32()).isNull();
    assertThat(whole.response().checksumCRC32()).isNotNull();
  }

  @Test
  void getObject_whenTheRangeEndsBeforeItStarts_ignoresItAndAnswersTheWholeObject() {
    // Before: 416 InvalidRange. RFC 9110 14.1.1: such a range spec is invalid, and the header is ignored.
    ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("model.tar.gz")
        .range("bytes=3-1"));

    assertThat(whole.asUtf8String()).isEqualTo("weights");
    assertThat(whole.response().sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(whole.response().contentRange()).isNull();
  }

  @Test
  void listObjectsV2_whenTheContinuationTokenWasNotIssuedHere_answersInvalidArgument() {
    String aKeyInBase64 = java.util.Base64.getUrlEncoder().encodeToString("a".getBytes(StandardCharsets.UTF_8));

    // Before: any base64 text was taken for a key to continue after.
    assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("artifacts").continuationToken(aKeyInBase64)))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The continuation token provided is incorrect");
        });
    s3.putObject(r -> r.bucket("artifacts").key("second"), RequestBody.fromString("2"));
    ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket("artifacts").maxKeys(1));
    ListObjectsV2Response next = s3.listObjectsV2(r -> r.bucket("artifacts").continuationToken(
        first.nextContinuationToken()));
    assertThat(next.contents()).singleElement().satisfies(o -> assertThat(o.key()).isEqualTo("second"));
  }

  @Test
  void putObject_whenSseKmsWithABucketKey_answersBucketKeyEnabledOnWriteAndRead() {
    var put = s3.putObject(r -> r.bucket("artifacts").key("kms.bin").serverSideEncryption(ServerSideEncryption.AWS_KMS)
        .ssekmsKeyId("test").bucketKeyEnabled(true), RequestBody.fromString("x"));
    var head = s3.headObject(r -> r.bucket("artifacts").key("kms.bin"));
    var plain = s3.headObject(r -> r.bucket("artifacts").key("model.tar.gz"));

    assertThat(put.bucketKeyEnabled()).isTrue();
    assertThat(head.bucketKeyEnabled()).isTrue();
    assertThat(head.ssekmsKeyId()).isEqualTo("test");
    assertThat(plain.bucketKeyEnabled()).isNull();
  }

  @Test
  void createBucket_whenLocationOrNameIsWrong_refusesAsS3Does() {
    try (S3Client west = client(Region.US_WEST_2)) {
      assertThatThrownBy(() -> west.createBucket(b -> b.bucket("in-east-2")
          .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_EAST_2))))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("The us-east-2 location constraint is incompatible for the region specific endpoint this "
                  + "request was sent to."));
    }
    assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("in-east-1")
        .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("InvalidLocationConstraint"));
    // Names the SDK refuses itself (shorter than 3 or longer than 63) are checked through the CLI.
  }

  @Test
  void createBucket_whenRepeatedThroughUsEast1ForABucketElsewhere_answersAlreadyOwned() {
    try (S3Client north = client(Region.EU_NORTH_1)) {
      north.createBucket(b -> b.bucket("nordic").createBucketConfiguration(c -> c.locationConstraint("eu-north-1")));
    }

    assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("nordic")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("BucketAlreadyOwnedByYou"));
    assertThat(s3.getBucketLocation(r -> r.bucket("nordic")).locationConstraintAsString()).isEqualTo("eu-north-1");
    assertThat(s3.getBucketLocation(r -> r.bucket("artifacts")).locationConstraintAsString()).isEmpty();
  }

  @Test
  void listObjectsV2_whenAskedForStartAfterOwnerAndOddKeys_answersThem() {
    s3.putObject(r -> r.bucket("artifacts").key("odd\u0015key"), RequestBody.fromString("x"));

    // A control character is not XML 1.0: S3 can list the key only URL-encoded (botocore EncodingType).
    ListObjectsV2Response listing = s3.listObjectsV2(r -> r.bucket("artifacts").startAfter("a").fetchOwner(true)
        .encodingType(EncodingType.URL));

    assertThat(listing.startAfter()).isEqualTo("a");
    assertThat(listing.contents()).extracting(o -> o.key()).containsExactly("model.tar.gz", "odd\u0015key");
    assertThat(listing.contents().get(0).owner().id()).hasSize(64);
  }

  @Test
  void headObject_whenUploadedWithAttributes_answersThem() {
    s3.putObject(r -> r.bucket("artifacts").key("data.csv.gz").contentEncoding("gzip")
        .storageClass(StorageClass.REDUCED_REDUNDANCY).checksumAlgorithm(ChecksumAlgorithm.SHA256),
        RequestBody.fromString("a,b"));

    var head = s3.headObject(r -> r.bucket("artifacts").key("data.csv.gz").checksumMode(ChecksumMode.ENABLED));

    assertThat(head.contentEncoding()).isEqualTo("gzip");
    assertThat(head.storageClass()).isEqualTo(StorageClass.REDUCED_REDUNDANCY);
    assertThat(head.checksumSHA256()).isNotBlank();
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(s3.listObjectsV2(r -> r.bucket("artifacts").prefix("data")).contents().get(0).storageClassAsString())
        .isEqualTo("REDUCED_REDUNDANCY");
  }

  @Test
  void listBuckets_whenFiltered_answersOnlyTheMatchingBuckets() {
    s3.createBucket(b -> b.bucket("batch"));
    try (S3Client north = client(Region.EU_NORTH_1)) {
      north.createBucket(b -> b.bucket("nordic").createBucketConfiguration(c -> c.locationConstraint("eu-north-1")));
    }

    assertThat(s3.listBuckets(r -> r.prefix("b")).buckets()).extracting(b -> b.name()).containsExactly("batch");
    assertThat(s3.listBuckets(r -> r.bucketRegion("eu-north-1")).buckets()).extracting(b -> b.name())
        .containsExactly("nordic");
    var first = s3.listBuckets(r -> r.maxBuckets(2));
    assertThat(first.buckets()).extracting(b -> b.name()).containsExactly("artifacts", "batch");
    assertThat(s3.listBuckets(r -> r.maxBuckets(2).continuationToken(first.continuationToken())).buckets())
        .extracting(b -> b.name()).containsExactly("nordic");
  }

  @Test
  void getObject_whenPresigned_isServed() throws Exception {
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true)
            .build()).build()) {
      var url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("artifacts").key("model.tar.gz"))).url();

      // Before: 404 UnknownOperationException (the query-string credential was not routed).
      HttpURLConnection connection = (HttpURLConnection) url.openConnection();
      try (InputStream in = connection.getInputStream()) {
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("weights");
      }
    }
  }

  @Test
  void requests_whenSignedWithVersion2OrPostedAsAForm_areRefusedInS3sWords() throws Exception {
    // What botocore's presigned URL for a custom endpoint and its presigned POST send (moto's suite).
    // Before: 404 with a JSON UnknownOperationException body, which no S3 client reads.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var version2 = http.send(java.net.http.HttpRequest.newBuilder(plane.endpoint().resolve(
            "/artifacts/model.tar.gz?AWSAccessKeyId=local&Signature=c2ln&Expires=1796658379")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    var form = http.send(java.net.http.HttpRequest.newBuilder(plane.endpoint().resolve("/artifacts"))
            .header("Content-Type", "multipart/form-data; boundary=b")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nx\r\n--b--\r\n")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(version2.statusCode()).isEqualTo(400);
    assertThat(version2.body()).contains("<Code>InvalidRequest</Code>")
        .contains("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    assertThat(form.statusCode()).isEqualTo(501);
    assertThat(form.body()).contains("<Code>NotImplemented</Code>").contains("<Resource>/artifacts</Resource>");
    assertThat(s3.listObjectsV2(r -> r.bucket("artifacts")).contents()).extracting(o -> o.key())
        .containsExactly("model.tar.gz");
  }
}
