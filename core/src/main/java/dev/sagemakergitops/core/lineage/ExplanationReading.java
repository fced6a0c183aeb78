package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.health.EndpointReads;
import dev.sagemakergitops.core.health.IntentTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * One explanation's calls to SageMaker and the notes they leave: a missing subject is an
 * {@link ExplainException}; a missing or unreadable part is a note, never a failure.
 */
final class ExplanationReading {
  final SageMakerClient sageMaker;
  final List<String> notes = new ArrayList<>();
  private final EndpointReads reads;

  ExplanationReading(SageMakerClient sageMaker) {
    this(new EndpointReads(sageMaker));
  }

  /**
   * A reading whose tags come from {@code reads}: a plan's, shared with the endpoint's health, or
   * one of its own (one explanation reads each resource's tags once, read-only).
   */
  ExplanationReading(EndpointReads reads) {
    this.sageMaker = reads.sageMaker();
    this.reads = reads;
  }

  void note(String note) {
    notes.add(note);
  }

  /** The subject itself: missing is an {@link ExplainException}, any other failure propagates. */
  <T> T subject(Supplier<T> call, String notFound) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (SageMakerErrors.isNotFound(e)) {
        throw new ExplainException(notFound);
      }
      throw e;
    }
  }

  /** A part: missing leaves {@code notFound} as a note, another failure a note that it could not be read. */
  <T> Optional<T> read(Supplier<T> call, String notFound, String what) {
    try {
      return Optional.of(call.get());
    } catch (AwsServiceException e) {
      note(SageMakerErrors.isNotFound(e) ? notFound
          : "could not read " + what + ": " + SageMakerErrors.code(e) + ": " + SageMakerErrors.message(e));
      return Optional.empty();
    }
  }

  TaggedLineage tags(String arn, String what) {
    if (arn == null) {
      return TaggedLineage.NONE;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    try {
      for (Tag tag : reads.tags(arn)) {
        tags.put(tag.key(), tag.value());
      }
    } catch (AwsServiceException e) {
      note("could not read the tags of " + what + ": " + SageMakerErrors.code(e) + ": " + SageMakerErrors.message(e));
      return TaggedLineage.NONE;
    }
    boolean ours = tags.keySet().stream().anyMatch(key -> key.startsWith(Lineage.TAG_PREFIX));
    return new TaggedLineage(Lineage.fromTags(tags), ours, IntentTag.parse(tags.get(IntentTag.KEY)).orElse(null));
  }
}
