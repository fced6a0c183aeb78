package dev.sagemakergitops.local.sagemaker.tags;

import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** AddTags, ListTags and DeleteTags through the real SDK, and the store other services write through. */
class TagsTest {
  private static final String ENDPOINT = arn("endpoint/churn");

  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.start(new Tags());
    sageMaker = world.sageMaker();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void addTags_whenAKeyRepeats_overwritesItAndListTagsAnswersInFirstAddedOrder() {
    var added = sageMaker.addTags(r -> r.resourceArn(ENDPOINT).tags(
        Tag.builder().key("repository").value("churn").build(), Tag.builder().key("commit").value("abc").build()));
    sageMaker.addTags(r -> r.resourceArn(ENDPOINT).tags(Tag.builder().key("commit").value("def").build()));

    assertThat(added.tags()).extracting(Tag::key).containsExactly("repository", "commit");
    assertThat(sageMaker.listTags(r -> r.resourceArn(ENDPOINT)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("repository", "churn"),
            org.assertj.core.groups.Tuple.tuple("commit", "def"));
  }

  @Test
  void deleteTags_whenSomeKeysAreUnknown_removesTheKnownOnes() {
    sageMaker.addTags(r -> r.resourceArn(ENDPOINT).tags(Tag.builder().key("a").value("1").build(),
        Tag.builder().key("b").value("2").build()));

    sageMaker.deleteTags(r -> r.resourceArn(ENDPOINT).tagKeys("a", "never-set"));

    assertThat(sageMaker.listTags(r -> r.resourceArn(ENDPOINT)).tags()).extracting(Tag::key).containsExactly("b");
    assertThat(sageMaker.listTags(r -> r.resourceArn(arn("endpoint/other"))).tags()).isEmpty();
  }

  @Test
  void addTags_beyondFiftyOnOneResource_answersResourceLimitExceeded() {
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(Tag.builder().key("k" + i).value("v").build());
    }
    sageMaker.addTags(r -> r.resourceArn(ENDPOINT).tags(fifty));

    assertThatThrownBy(() -> sageMaker.addTags(r -> r.resourceArn(ENDPOINT).tags(Tag.builder().key("one-more")
        .value("v").build()))).isInstanceOf(ResourceLimitExceededException.class);
    assertThat(sageMaker.listTags(r -> r.resourceArn(ENDPOINT).maxResults(50)).tags()).hasSize(50);
  }

  @Test
  void tagStore_whenAnotherServiceStoresTags_listTagsAnswersThem() {
    world.plane().withSimulation(() -> {
      world.plane().service(Tags.class).store().put(arn("model/churn"), Map.of("commit", "abc"));
      return null;
    });

    assertThat(sageMaker.listTags(r -> r.resourceArn(arn("model/churn"))).tags()).singleElement()
        .satisfies(tag -> assertThat(tag.value()).isEqualTo("abc"));
  }

  @Test
  void listTags_whenTheArnIsNotASageMakerArn_answersValidationException() {
    assertThatThrownBy(() -> sageMaker.listTags(r -> r.resourceArn("arn:aws:s3:::bucket")))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }
}
