package dev.sagemakergitops.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through the real SDK client, path style, with its default integrity protection: PutObject
 * sends the body {@code aws-chunked} with a CRC32 trailer, which the service must decode and check.
 */
class S3ServiceTest {
  private LocalControlPlane plane;
  private S3Client s3;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new S3Service()).start();
    s3 = client(RequestChecksumCalculation.WHEN_SUPPORTED);
  }

  private S3Client client(RequestChecksumCalculation checksums) {
    return S3Client.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .requestChecksumCalculation(checksums)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    s3.close();
    plane.close();
  }

  @Test
  void putObject_whenChunkedWithChecksumTrailer_storesTheDecodedBytes() {
    s3.createBucket(b -> b.bucket("artifacts"));

    s3.putObject(r -> r.bucket("artifacts").key("models/churn/model.tar.gz").contentType("application/gzip")
        .metadata(java.util.Map.of("commit", "abc123")), RequestBody.fromString("weights"));

    var object = s3.getObjectAsBytes(r -> r.bucket("artifacts").key("models/churn/model.tar.gz"));
    assertThat(object.asUtf8String()).isEqualTo("weights");
    assertThat(object.response().contentType()).isEqualTo("application/gzip");
    assertThat(object.response().metadata()).containsEntry("commit", "abc123");
    assertThat(object.response().eTag()).isEqualTo("\"" + md5Hex("weights") + "\"");
  }

  @Test
  void putObject_whenChecksumsOnlyWhenRequired_storesThePlainBody() {
    S3Client plain = client(RequestChecksumCalculation.WHEN_REQUIRED);
    plain.createBucket(b -> b.bucket("artifacts"));

    plain.putObject(r -> r.bucket("artifacts").key("a.csv"), RequestBody.fromString("1,2\n3,4\n"));

    assertThat(plane.service(S3Service.class).get("artifacts", "a.csv")).hasValueSatisfying(
        bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("1,2\n3,4\n"));
    plain.close();
  }

  @Test
  void putObject_whenCrc32cRequested_isAccepted() {
    s3.createBucket(b -> b.bucket("artifacts"));

    var response = s3.putObject(r -> r.bucket("artifacts").key("k").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
        RequestBody.fromString("x".repeat(100_000)));

    assertThat(response.eTag()).isNotBlank();
    assertThat(s3.getObjectAsBytes(r -> r.bucket("artifacts").key("k")).asByteArray()).hasSize(100_000);
  }

  @Test
  void headObject_whenPresentAndMissing_answersLengthOr404() {
    s3.createBucket(b -> b.bucket("artifacts"));
    s3.putObject(r -> r.bucket("artifacts").key("k"), RequestBody.fromString("12345"));

    assertThat(s3.headObject(r -> r.bucket("artifacts").key("k")).contentLength()).isEqualTo(5L);
    assertThatThrownBy(() -> s3.headObject(r -> r.bucket("artifacts").key("missing")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void getObject_whenKeyMissing_answersNoSuchKey() {
    s3.createBucket(b -> b.bucket("artifacts"));

    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("artifacts").key("nope")))
        .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void getObject_whenTheBucketIsInAnotherRegion_answers301PermanentRedirectWithTheBucketsRegion() {
    try (S3Client europe = S3Client.builder().endpointOverride(plane.endpoint()).region(Region.EU_WEST_1)
        .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      europe.createBucket(r -> r.bucket("models-eu"));
      europe.putObject(r -> r.bucket("models-eu").key("m.tar.gz"), RequestBody.fromString("m"));

      for (Runnable call : List.<Runnable>of(
          () -> s3.getObject(r -> r.bucket("models-eu").key("m.tar.gz")),
          () -> s3.headObject(r -> r.bucket("models-eu").key("m.tar.gz")),
          () -> s3.listObjectsV2(r -> r.bucket("models-eu")))) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(301);
          assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")).hasValue("eu-west-1");
        });
      }
      assertThatThrownBy(() -> s3.getObject(r -> r.bucket("models-eu").key("m.tar.gz")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PermanentRedirect");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("The bucket you are attempting to access must be "
                + "addressed using the specified endpoint.");
          });
      assertThat(europe.getObjectAsBytes(r -> r.bucket("models-eu").key("m.tar.gz")).asUtf8String()).isEqualTo("m");
    }
  }

  @Test
  void putObject_whenBucketMissing_answersNoSuchBucket() {
    assertThatThrownBy(() -> s3.putObject(r -> r.bucket("nope").key("k"), RequestBody.fromString("x")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void listObjectsV2_whenPrefixDelimiterAndPages_listsKeysAndCommonPrefixes() {
    s3.createBucket(b -> b.bucket("batch"));
    for (String key : new String[] {"in/a.csv", "in/b.csv", "in/c.csv", "in/sub/d.csv", "out/a.csv.out"}) {
      s3.putObject(r -> r.bucket("batch").key(key), RequestBody.fromString(key));
    }

    var delimited = s3.listObjectsV2(r -> r.bucket("batch").prefix("in/").delimiter("/"));
    var paged = s3.listObjectsV2Paginator(r -> r.bucket("batch").prefix("in/").maxKeys(2)).contents().stream()
        .map(S3Object::key).toList();
    var first = s3.listObjectsV2(r -> r.bucket("batch").maxKeys(2));

    assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("in/a.csv", "in/b.csv", "in/c.csv");
    assertThat(delimited.commonPrefixes()).singleElement().satisfies(p -> assertThat(p.prefix()).isEqualTo("in/sub/"));
    assertThat(paged).containsExactly("in/a.csv", "in/b.csv", "in/c.csv", "in/sub/d.csv");
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.contents().get(0).size()).isEqualTo(8L);
  }

  @Test
  void deleteObject_whenDeleted_isGoneAndTheBucketCanBeDeleted() {
    s3.createBucket(b -> b.bucket("tmp"));
    s3.putObject(r -> r.bucket("tmp").key("k"), RequestBody.fromString("x"));

    assertThatThrownBy(() -> s3.deleteBucket(r -> r.bucket("tmp"))).isInstanceOfSatisfying(S3Exception.class,
        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
    s3.deleteObject(r -> r.bucket("tmp").key("k"));
    s3.deleteBucket(r -> r.bucket("tmp"));

    assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("tmp"))).isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void objectStore_whenPutFromJava_isReadableThroughTheSdk() {
    ObjectStore store = plane.service(S3Service.class);

    plane.withSimulation(() -> {
      store.put("captures", "endpoint/churn/2026/01/01/capture.jsonl", "{}".getBytes(StandardCharsets.UTF_8),
          "application/jsonlines");
      return null;
    });

    assertThat(s3.getObjectAsBytes(r -> r.bucket("captures").key("endpoint/churn/2026/01/01/capture.jsonl"))
        .asUtf8String()).isEqualTo("{}");
    assertThat(store.list("captures", "endpoint/churn/")).containsExactly("endpoint/churn/2026/01/01/capture.jsonl");
    assertThat(store.get("captures", "missing")).isEmpty();
    assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("captures");
  }

  private static String md5Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
