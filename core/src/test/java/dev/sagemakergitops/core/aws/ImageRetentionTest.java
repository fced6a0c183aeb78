package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** {@link ImageRetention} against moto, an ECR this project did not write. */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class ImageRetentionTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final String ANY_RULE = "{\"rules\":[{\"rulePriority\":2,\"description\":\"keep the last 50 images\","
      + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":50},"
      + "\"action\":{\"type\":\"expire\"}}]}";
  private static final String TAGGED_RULE = "{\"rules\":[{\"rulePriority\":1,\"description\":\"old release candidates\","
      + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"rc\"],\"countType\":\"imageCountMoreThan\","
      + "\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";

  private AwsClients clients;
  private EcrImages images;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), new CallCounter());
    images = new EcrImages(clients.ecr());
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private ImageReference pinned(String repository, String digest) {
    return ImageReference.parse(MotoAws.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repository + "@" + digest);
  }

  @Test
  void warnings_whenMutableWithARuleOnAnyImage_warnsThatTheDigestExpiresOnceItsTagMoves() {
    String repository = MotoAws.unique("retention");
    images.createRepository(repository);
    String digest = images.push(repository, "1.0", "retention");
    clients.ecr().putLifecyclePolicy(r -> r.repositoryName(repository).lifecyclePolicyText(ANY_RULE));

    List<String> warnings = ImageRetention.using(clients).warnings(pinned(repository, digest));

    assertThat(warnings).singleElement().asString().startsWith("ECR repository '" + repository
        + "' (registry 123456789012, us-east-1) is MUTABLE and its lifecycle policy expires untagged images (rule 2: "
        + "any, imageCountMoreThan 50): once its tag is pushed again, image " + digest + " becomes untagged");
  }

  @Test
  void warnings_whenTheRuleSelectsTaggedImagesOnlyOrNoPolicyOrImmutable_warnNothing() {
    String tagged = MotoAws.unique("tagged-rule");
    images.createRepository(tagged);
    String first = images.push(tagged, "1.0", "tagged-rule");
    clients.ecr().putLifecyclePolicy(r -> r.repositoryName(tagged).lifecyclePolicyText(TAGGED_RULE));
    String none = MotoAws.unique("no-policy");
    images.createRepository(none);
    String second = images.push(none, "1.0", "no-policy");
    String immutable = MotoAws.unique("immutable");
    clients.ecr().createRepository(r -> r.repositoryName(immutable).imageTagMutability(ImageTagMutability.IMMUTABLE));
    String third = images.push(immutable, "1.0", "immutable");
    clients.ecr().putLifecyclePolicy(r -> r.repositoryName(immutable).lifecyclePolicyText(ANY_RULE));

    ImageRetention retention = ImageRetention.using(clients);

    assertThat(retention.warnings(pinned(tagged, first))).isEmpty();
    assertThat(retention.warnings(pinned(none, second))).isEmpty();
    assertThat(retention.warnings(pinned(immutable, third))).isEmpty();
  }

  @Test
  void warnings_whenTheRepositoryCannotBeRead_saysTheCheckCouldNotBeMadeInsteadOfFailing() {
    List<String> warnings = ImageRetention.using(clients).warnings(pinned(MotoAws.unique("gone"), "sha256:" + "a".repeat(64)));

    assertThat(warnings).singleElement().asString().startsWith("could not check whether image sha256:")
        .contains("RepositoryNotFoundException");
  }
}
