package dev.sagemakergitops.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final Lineage FULL = new Lineage("https://github.com/acme/models.git", "3f2a".repeat(10),
      "models/churn/prod.yaml", "8c1e".repeat(10), "churn-prod",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2", DIGEST,
      "s3://ml-artifacts/churn/churn-train-0123456789ab/output/model.tar.gz", "churn-train-0123456789ab",
      "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/7", "https://ci.example.com/job/models/42/");

  @Test
  void toTags_thenFromTags_givesTheSameLineage() {
    Map<String, String> tags = FULL.toTags();

    assertThat(Lineage.fromTags(tags)).isEqualTo(FULL);
    assertThat(tags).hasSize(11).allSatisfy((key, value) -> assertThat(key).startsWith(Lineage.TAG_PREFIX));
    assertThat(tags).containsEntry("sagemaker-gitops:image-digest", DIGEST)
        .containsEntry("sagemaker-gitops:manifest-path", "models/churn/prod.yaml");
  }

  @Test
  void toTags_withTheIntentTag_fitWithinWhatTheLabelBudgetLeaves() {
    // The manifest loader caps labels at 50 minus TOOL_TAGS; the tool's own tags must fit in those.
    assertThat(FULL.toTags().size() + 1)
        .isLessThanOrEqualTo(dev.sagemakergitops.core.manifest.SageMakerLimits.TOOL_TAGS);
  }

  @Test
  void toTags_whenFieldsAreAbsentOrEmpty_leavesThemOut() {
    Lineage partial = new Lineage("repo", "c0ffee", "", null, null, null, null, null, null, null, "cli");

    assertThat(partial.toTags()).containsOnlyKeys("sagemaker-gitops:repository", "sagemaker-gitops:commit",
        "sagemaker-gitops:build");
    assertThat(Lineage.fromTags(partial.toTags()).manifestPath()).isNull();
  }

  @Test
  void fromTags_whenOtherTagsArePresent_ignoresThem() {
    Map<String, String> tags = Map.of("team", "growth", "sagemaker-gitops:commit", "abc", "commit", "other");

    assertThat(Lineage.fromTags(tags)).isEqualTo(new Lineage(null, "abc", null, null, null, null, null, null, null,
        null, null));
  }

  @Test
  void tagValue_whenTooLong_isCutTo256Characters() {
    assertThat(Lineage.tagValue("x".repeat(300))).hasSize(256);
    assertThat(Lineage.tagValue("x".repeat(256))).hasSize(256);
  }

  @Test
  void tagValue_whenCharactersAreRefusedBySageMaker_replacesThem() {
    assertThat(Lineage.tagValue("https://ci.example.com/job/a?b=c#d&e")).isEqualTo("https://ci.example.com/job/a_b=c_d_e");
    assertThat(Lineage.tagValue("git@github.com:acme/models.git")).isEqualTo("git@github.com:acme/models.git");
    assertThat(Lineage.tagValue("modèle 1,2;\"3\"*")).isEqualTo("modèle 1_2__3__");
  }

  @Test
  void toTags_whenAValueIsLongOrOdd_writesWhatSageMakerAccepts() {
    Lineage odd = FULL.withImage("repo:tag", DIGEST).withModelArtifact("s3://bucket/" + "k".repeat(300) + "?x=1");

    Map<String, String> tags = odd.toTags();

    assertThat(tags.get("sagemaker-gitops:model-artifact")).hasSize(256).doesNotContain("?");
    assertThat(tags.values()).allSatisfy(value -> assertThat(value).matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}"));
  }

  @Test
  void toCustomerMetadata_thenFromModelPackage_givesTheSameLineage() {
    Map<String, String> metadata = FULL.toCustomerMetadata();

    Lineage read = Lineage.fromModelPackage(FULL.modelPackage(), FULL.commit(), FULL.repository(), FULL.build(), metadata);

    assertThat(metadata).containsOnlyKeys("manifest-path", "manifest-blob", "manifest-name", "image", "image-digest",
        "model-artifact", "training-job");
    assertThat(read).isEqualTo(FULL);
  }

  @Test
  void fromModelPackage_whenKeysCarryTheTagPrefix_readsThem() {
    Lineage read = Lineage.fromModelPackage("arn", null, null, null,
        Map.of("sagemaker-gitops:training-job", "job-1", "image-digest", DIGEST));

    assertThat(read.trainingJob()).isEqualTo("job-1");
    assertThat(read.imageDigest()).isEqualTo(DIGEST);
    assertThat(read.modelPackage()).isEqualTo("arn");
  }

  @Test
  void or_takesAbsentFieldsFromTheFallback() {
    Lineage deployment = new Lineage("repo", "c1", null, null, null, null, null, null, null, null, null);

    Lineage merged = deployment.or(FULL);

    assertThat(merged.commit()).isEqualTo("c1");
    assertThat(merged.trainingJob()).isEqualTo(FULL.trainingJob());
    assertThat(Lineage.none().isEmpty()).isTrue();
    assertThat(merged.isEmpty()).isFalse();
  }
}
